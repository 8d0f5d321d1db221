// The CLI starts fast because it loads per command: `sso-wizard --help`, `--version` and `explain` must not
// import the core or any domain engine (nor zod, xml-crypto, forge, x509). The build is compiled into a temporary
// folder by the real build step (test/tools/build-main.mjs), linked the way `npm link` links a bin (a symlink to
// dist/main/doors/cli/bin.js), and run directly, so the executable bit is checked too. A module-load recorder
// (Node's module.registerHooks, passed with --import) lists every module a run loaded.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../../main/doors/cli/commands/index.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
let dir = '';
let pkg = '';
let linkedBin = '';
let recorder = '';

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sso-wizard-lazy-'));
  pkg = path.join(dir, 'pkg');
  const build = spawnSync(process.execPath, [path.join(root, 'test/tools/build-main.mjs'), '--out-dir', pkg], { encoding: 'utf8' });
  expect(build.status, `the build failed:\n${build.stdout}${build.stderr}`).toBe(0);
  // The compiled tree beside its package.json and node_modules, as in the checkout.
  copyFileSync(path.join(root, 'package.json'), path.join(pkg, 'package.json'));
  symlinkSync(path.join(root, 'node_modules'), path.join(pkg, 'node_modules'), 'dir');
  mkdirSync(path.join(dir, 'bin'));
  linkedBin = path.join(dir, 'bin', 'sso-wizard');
  symlinkSync(path.join(pkg, 'main/doors/cli/bin.js'), linkedBin);
  recorder = path.join(dir, 'record-loads.mjs');
  writeFileSync(
    recorder,
    `import module from 'node:module';
import { writeFileSync } from 'node:fs';
const loaded = [];
module.registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context); } });
process.on('exit', () => writeFileSync(process.env.LOADED_MODULES_FILE, loaded.join('\\n')));
`,
  );
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the linked bin itself (not `node bin.js`), recording the modules it loaded, relative to the package. */
function run(args: string[]) {
  const list = path.join(dir, `loaded-${Math.random().toString(36).slice(2)}.txt`);
  const result = spawnSync(linkedBin, args, {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: `--import=${recorder}`, LOADED_MODULES_FILE: list, SSO_WIZARD_DATA_DIR: path.join(dir, 'data') },
  });
  const prefix = `file://${pkg}/`;
  const loaded = readFileSync(list, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith(prefix))
    .map((url) => url.slice(prefix.length));
  return { ...result, loaded };
}

// Anything the core or a domain brings in: if one of these loads, a command or the table imports eagerly again.
// (main/app/core/version.js is the one exception: --version needs it, and it reads only package.json.)
const HEAVY = /^(main\/(app\/(?!core\/version\.js$)|domains\/)|shared\/api\/|node_modules\/(zod|xml-crypto|@xmldom|xpath|node-forge|@peculiar|keytar|reflect-metadata)\/)/;

describe('sso-wizard loads per command', () => {
  it('keeps the executable bit after a build: the linked bin runs by itself', () => {
    expect(statSync(path.join(pkg, 'main/doors/cli/bin.js')).mode & 0o111).toBe(0o111);
    const version = run(['--version']);
    expect(version.stderr).toBe('');
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version);
  });

  it.each([[['--help']], [['--version']], [['explain', '23']], [['explain', '--help']]])('%j loads no core and no domain module', (args) => {
    const result = run(args);
    expect(result.status, result.stderr).toBe(0);
    expect(result.loaded).toContain('main/doors/cli/run-cli.js');
    expect(result.loaded.filter((file) => HEAVY.test(file))).toEqual([]);
  });

  it('--help lists every command of the table', () => {
    const result = run(['--help']);
    for (const entry of COMMANDS) expect(result.stdout).toContain(`  ${entry.name} `);
  });

  // The controls: the recorder does see domain and core modules when a command needs them.
  it('decode loads the SAML engine, and a command that asks the core loads the core, only then', () => {
    const decode = run(['decode', '--help']);
    expect(decode.status).toBe(0);
    expect(decode.loaded).toContain('main/domains/saml/response-validator.js');
    expect(decode.loaded.filter((file) => file.startsWith('main/app/') && file !== 'main/app/core/version.js')).toEqual([]);

    const status = run(['profile', 'list']);
    expect(status.status, status.stderr).toBe(0);
    expect(status.loaded).toContain('main/app/core/create-core.js');
  });
});

describe('the command table', () => {
  it.each(COMMANDS.map((entry) => [entry.name, entry] as const))('%s: the name and summary in the table are the command module\'s own', async (_name, entry) => {
    const command = await entry.load();
    expect({ name: command.name, summary: command.summary }).toEqual({ name: entry.name, summary: entry.summary });
  });

  it('has each name once', () => {
    expect(new Set(COMMANDS.map((entry) => entry.name)).size).toBe(COMMANDS.length);
  });
});
