/**
 * The packaged app's Electron fuses (issue 16, item 12), read the way electron-builder itself reads and validates
 * electron-builder.yml, so a misspelt fuse name fails here rather than being ignored at package time.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

interface BuilderConfig {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<Record<string, unknown>>;
  validateConfiguration(config: Record<string, unknown>, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
}

const projectDir = path.resolve(import.meta.dirname, '../..');
// app-builder-lib is electron-builder's own configuration loader; resolved through electron-builder, which the project depends on.
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const builder = fromBuilder('app-builder-lib/out/util/config/config') as BuilderConfig;

describe('electron-builder.yml', () => {
  it('is valid for electron-builder and sets every fuse that lets another program run code as the app', async () => {
    const config = await builder.getConfig(projectDir, path.join(projectDir, 'electron-builder.yml'), null);
    await expect(builder.validateConfiguration(config, { isEnabled: false, add: () => undefined })).resolves.toBeUndefined();
    expect(config['electronFuses']).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('validation would catch a misspelt fuse', async () => {
    const config = await builder.getConfig(projectDir, path.join(projectDir, 'electron-builder.yml'), null);
    const misspelt = { ...config, electronFuses: { runAsNodes: false } };
    await expect(builder.validateConfiguration(misspelt, { isEnabled: false, add: () => undefined })).rejects.toThrow(/electronFuses/);
  });
});
