/**
 * ESLint's electron-boot/no-top-level-await rule (eslint.config.js), shown to fire on plants: a top-level
 * await in the Electron entry, or in any module it loads, would hang the app before its window opens
 * (electron/electron#40719). The real entry passes; an await inside a function is fine.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const eslint = new ESLint({ cwd: root });
const RULE = 'electron-boot/no-top-level-await';

async function ruleHits(source: string, file: string): Promise<number> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((message) => message.ruleId === RULE).length;
}

describe('ESLint: no top-level await where Electron loads it', () => {
  it.each([
    { name: 'today\'s entry: await app.whenReady() at the top', file: 'main/doors/electron/main.ts', source: "import { app } from 'electron';\nawait app.whenReady();\n", hits: 1 },
    { name: 'inside a top-level block', file: 'main/doors/electron/main.ts', source: "import { app } from 'electron';\nif (app) {\n  await app.whenReady();\n}\n", hits: 1 },
    { name: 'for await at the top', file: 'main/doors/electron/signin-window.ts', source: 'for await (const x of []) console.log(x);\nexport {};\n', hits: 1 },
    { name: 'a core module the entry imports', file: 'main/app/core/plant.ts', source: 'export const x = await Promise.resolve(1);\n', hits: 1 },
    { name: 'inside a function', file: 'main/doors/electron/main.ts', source: "import { app } from 'electron';\nexport async function boot(): Promise<void> {\n  await app.whenReady();\n}\n", hits: 0 },
    { name: 'inside an arrow', file: 'main/doors/electron/main.ts', source: "import { app } from 'electron';\nvoid app.whenReady().then(async () => {\n  await Promise.resolve();\n});\n", hits: 0 },
    { name: 'the CLI\'s own entry (never loaded by Electron)', file: 'main/doors/cli/bin.ts', source: 'process.exitCode = await Promise.resolve(0);\nexport {};\n', hits: 0 },
  ])('$name → $hits', async ({ source, file, hits }) => {
    expect(await ruleHits(source, file)).toBe(hits);
  });

  it('the real Electron entry has none', async () => {
    const results = await eslint.lintFiles([path.join(root, 'main/doors/electron/main.ts')]);
    expect(results.flatMap((result) => result.messages).filter((message) => message.ruleId === RULE)).toEqual([]);
  });
});
