import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Node's built-in modules, in both spellings, for the boundary rules below. */
const nodeBuiltins = ['assert', 'buffer', 'child_process', 'crypto', 'dns', 'events', 'fs', 'fs/promises', 'http', 'https', 'module', 'net', 'os', 'path', 'process', 'stream', 'tls', 'url', 'util', 'worker_threads', 'zlib'];
const nodeImports = [...nodeBuiltins, ...nodeBuiltins.map((name) => `node:${name}`)];

/**
 * Issue 10: no top-level await in anything the Electron entry loads. Electron emits `ready` only after the ESM
 * entry (and every module it imports) has finished evaluating, so a top-level await on anything that needs
 * `ready` hangs the app with no window (electron/electron#40719). Only the two Node-only entries may use it.
 */
const noTopLevelAwait = {
  meta: { type: 'problem', messages: { found: 'No top-level await here: Electron emits ready only after the entry and its imports have evaluated (electron#40719). Move it into a function run from app.whenReady().then(...).' } },
  create(context) {
    const inFunction = (node) => context.sourceCode.getAncestors(node).some((ancestor) => /Function/.test(ancestor.type));
    const check = (node) => {
      if (!inFunction(node)) context.report({ node, messageId: 'found' });
    };
    return { AwaitExpression: check, 'ForOfStatement[await=true]': check };
  },
};
const topLevelAwaitBlock = {
  files: ['main/**/*.ts', 'shared/**/*.ts'],
  ignores: ['main/doors/cli/bin.ts', 'main/doors/launcher/**'],
  plugins: { 'electron-boot': { rules: { 'no-top-level-await': noTopLevelAwait } } },
  rules: { 'electron-boot/no-top-level-await': 'error' },
};

export default tseslint.config(
  { ignores: ['test/fixtures/architecture-plant/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.property.name='mkdir'] Property[key.name='recursive'][value.value=true]",
        message: "Use ensureDirectory() from main/platform/ensure-directory.ts: Node 20's recursive mkdir can hang forever on some paths.",
      }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] }, globals: { ...globals.browser } },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // The boundaries of the design card, checked mechanically (test/architecture.test.ts checks them too).
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron', ...nodeImports].map((name) => ({ name, message: 'shared/ runs anywhere: no Node or Electron imports.' })),
        patterns: [{ group: ['**/main/**', '**/renderer/**'], message: 'shared/ must not depend on main/ or renderer/.' }],
      }],
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron', ...nodeImports].map((name) => ({ name, message: 'The renderer talks to the core only through the contract.' })),
        patterns: [{ group: ['**/main/**'], message: 'renderer/ never imports main/: use the API contract in shared/.' }],
      }],
    },
  },
  {
    files: ['main/**'],
    ignores: ['main/doors/electron/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Only main/doors/electron/ imports electron; keep the core runnable under plain Node.' }],
        patterns: [{ group: ['**/renderer/**'], message: 'main/ never imports the renderer.' }],
      }],
    },
  },
  {
    files: ['main/doors/electron/**'],
    ignores: ['main/doors/electron/ipc-main.ts', 'main/doors/electron/preload.ts'],
    rules: {
      // Raw ipcMain/ipcRenderer only in the two typed wrappers (GitHub Desktop's rule); test/architecture.test.ts plants one.
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'Use registerIpcHandlers (ipc-main.ts) or the preload: one typed method per contract channel.' }],
      }],
    },
  },
  topLevelAwaitBlock,
  {
    files: ['main/doors/electron/**'],
    rules: {
      // Raw ipcRenderer/ipcMain only in the two typed wrappers (GitHub Desktop's rule).
      'no-restricted-syntax': ['error',
        { selector: "MemberExpression[object.name='ipcMain'][property.name='on']", message: 'Use ipcMain.handle through registerIpcHandlers.' },
        { selector: "CallExpression[callee.property.name='mkdir'] Property[key.name='recursive'][value.value=true]", message: 'Use ensureDirectory() from main/platform/ensure-directory.ts.' },
      ],
    },
  },
);
