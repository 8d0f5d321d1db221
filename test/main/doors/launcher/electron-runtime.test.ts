import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronRuntime } from '../../../../main/doors/launcher/electron-runtime.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const tempDir = useTempDirs();

/** A fake project with a node_modules/electron package, to see how the finder reads it. */
function project(options: { pathTxt?: string; binary?: boolean; installer?: boolean }): string {
  const root = tempDir();
  const pkg = path.join(root, 'node_modules', 'electron');
  mkdirSync(path.join(pkg, 'dist'), { recursive: true });
  writeFileSync(path.join(pkg, 'package.json'), '{"name":"electron","version":"45.5.0","main":"index.js"}');
  if (options.installer) writeFileSync(path.join(pkg, 'install.js'), '');
  if (options.pathTxt) writeFileSync(path.join(pkg, 'path.txt'), options.pathTxt);
  if (options.binary) writeFileSync(path.join(pkg, 'dist', options.pathTxt ?? 'electron'), '');
  return path.join(root, 'main.js');
}

describe('findElectronRuntime', () => {
  it('says why when the runtime was never downloaded, without triggering the download, and names the installer', () => {
    const root = project({ installer: true });
    const result = findElectronRuntime({}, `file://${root}`);
    expect(result).toEqual({
      found: false,
      reason: expect.stringMatching(/has not been downloaded yet/),
      installer: path.join(path.dirname(root), 'node_modules', 'electron', 'install.js'),
    });
    // Never a claim about the network: nothing has been tried yet.
    expect(JSON.stringify(result)).not.toMatch(/cannot reach/);
  });

  it('names no installer when the package has none', () => {
    expect(findElectronRuntime({}, `file://${project({})}`)).not.toHaveProperty('installer');
  });

  it('finds a downloaded runtime', () => {
    const result = findElectronRuntime({}, `file://${project({ pathTxt: 'electron', binary: true })}`);
    expect(result).toMatchObject({ found: true, executable: expect.stringMatching(/node_modules\/electron\/dist\/electron$/) });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH, and says when it points at nothing', () => {
    const dist = tempDir();
    writeFileSync(path.join(dist, 'electron'), '');
    expect(findElectronRuntime({ ELECTRON_OVERRIDE_DIST_PATH: dist }, `file://${project({})}`)).toEqual({ found: true, executable: path.join(dist, 'electron') });
    expect(findElectronRuntime({ ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent' }, `file://${project({})}`)).toMatchObject({
      found: false,
      reason: expect.stringContaining('/nonexistent/electron does not exist'),
    });
  });

  it('says so when the electron package is not installed at all', () => {
    expect(findElectronRuntime({}, `file://${path.join(tempDir(), 'main.js')}`)).toMatchObject({ found: false, reason: expect.stringMatching(/npm ci/) });
  });
});
