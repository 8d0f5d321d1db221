/**
 * The floors and walls of .dependency-cruiser.cjs, held by dependency-cruiser itself: the real tree has no
 * violation and no cycle, and every rule fires on the planted violations in test/fixtures/architecture-plant
 * (a rule that cannot fail proves nothing). ESLint's IPC rule is shown to fire on a plant too.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));
const plant = path.join(root, 'test/fixtures/architecture-plant');
const depcruise = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');

interface Violation { rule: { name: string }; from: string; to: string }

function cruise(cwd: string): Violation[] {
  let output: string;
  try {
    output = execFileSync(process.execPath, [depcruise, '--config', path.join(root, '.dependency-cruiser.cjs'), '--output-type', 'json', 'main', 'shared', 'renderer'], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    // Exit code = number of violations; the JSON is on stdout all the same.
    output = (error as { stdout: string }).stdout;
  }
  return (JSON.parse(output) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('architecture (dependency-cruiser)', () => {
  it('the tree has no floor violation and no cycle', () => {
    expect(cruise(root).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  }, 60_000);

  it('every rule fires on its planted violation', () => {
    const fired = cruise(plant).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    const expected: [string, RegExp][] = [
      ['no-circular', /main\/platform\/cycle-a\.js → main\/platform\/cycle-b\.js/],
      ['platform-stays-down', /main\/platform\/climbs\.js → main\/domains\/certs\/engine\.js/],
      ['domains-never-climb', /main\/domains\/certs\/engine\.js → main\/app\/core\/context\.js/],
      ['domains-stand-alone', /main\/domains\/certs\/engine\.js → main\/domains\/saml\/other\.js/],
      ['app-never-climbs', /main\/app\/core\/context\.js → main\/doors\/cli\/door\.js/],
      ['only-main-is-main', /main\/stray\.js → /],
      ['only-the-electron-door-imports-electron', /main\/app\/core\/uses-electron\.js → .*electron/],
      ['shared-runs-anywhere', /shared\/x\.js → main\/platform\/climbs\.js/],
      ['shared-no-node', /shared\/x\.js → (node:)?fs/],
      ['renderer-only-through-the-contract', /renderer\/y\.js → main\/doors\/cli\/door\.js/],
      ['renderer-no-node', /renderer\/y\.js → (node:)?path/],
    ];
    for (const [rule, edge] of expected) {
      expect(fired.some((line) => line.startsWith(`${rule}: `) && edge.test(line)), `${rule} should fire on ${edge}; fired:\n${fired.join('\n')}`).toBe(true);
    }
  }, 60_000);
});

describe('ESLint: raw IPC only in the two typed wrappers', () => {
  const eslint = new ESLint({ cwd: root });
  const plantSource = "import { ipcMain, ipcRenderer } from 'electron';\nexport const x = [ipcMain, ipcRenderer];\n";

  it('refuses ipcMain/ipcRenderer anywhere else in the Electron door', async () => {
    const [result] = await eslint.lintText(plantSource, { filePath: path.join(root, 'main/doors/electron/plant.ts') });
    expect(result?.messages.filter((m) => m.ruleId === 'no-restricted-imports').length).toBe(2);
  });

  it('allows them in ipc-main.ts and preload.ts', async () => {
    for (const file of ['ipc-main.ts', 'preload.ts']) {
      const [result] = await eslint.lintText(plantSource, { filePath: path.join(root, `main/doors/electron/${file}`) });
      expect(result?.messages.filter((m) => m.ruleId === 'no-restricted-imports')).toEqual([]);
    }
  });
});
