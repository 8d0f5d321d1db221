// knip (run by `npm test` over the repository with knip.jsonc) finds unused files, exports and dependencies.
// This shows it fires: over a planted project it must fail and name the planted unused export and file.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const plant = fileURLToPath(new URL('./fixtures/knip-plant', import.meta.url));
const knip = fileURLToPath(new URL('../node_modules/knip/bin/knip.js', import.meta.url));

describe('knip', () => {
  it('fails on a planted unused export and an unused file, naming both', () => {
    const run = spawnSync(process.execPath, [knip, '--directory', plant, '--no-progress', '--no-config-hints'], { encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/Unused files \(1\)\s+src\/orphan\.js/);
    expect(run.stdout).toMatch(/Unused exports \(1\)\s+plantedUnusedExport\s+function\s+src\/helpers\.js/);
    expect(run.stdout).not.toMatch(/\bused\s+function/);
  }, 150_000);
});
