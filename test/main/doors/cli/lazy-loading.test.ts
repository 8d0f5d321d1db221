// The CLI starts fast because it loads per command: `sso-wizard --help`, `--version` and `explain` must not
// import the core or any domain engine (nor zod, xml-crypto, forge, x509). The real build step
// (test/tools/build-main.mjs) compiles into a temporary folder twice: as tsc writes it (--no-bundle: every module
// a file, so the recorder sees exactly which load) and as shipped (bundled into chunks named after their entry
// modules). Each is linked the way `npm link` links a bin (a symlink to main/doors/cli/bin.js) and run directly,
// so the executable bit is checked too. A module-load recorder (Node's module.registerHooks, passed with
// --import) lists every module a run loaded.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../../main/doors/cli/commands/index.js';
import { makeSignedResponse } from '../../../bench/signed-response-fixture.mjs';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
let dir = '';
let recorder = '';
interface Built { pkg: string; linkedBin: string }
let plain: Built;
let bundled: Built;

function buildMain(pkg: string, flag: '--no-bundle' | '--bundle-only'): void {
  const build = spawnSync(process.execPath, [path.join(root, 'test/tools/build-main.mjs'), '--out-dir', pkg, flag], { encoding: 'utf8' });
  expect(build.status, `the build failed:\n${build.stdout}${build.stderr}`).toBe(0);
}

/** The compiled tree beside its package.json and node_modules, as in the checkout. */
function besidePackage(pkg: string): void {
  copyFileSync(path.join(root, 'package.json'), path.join(pkg, 'package.json'));
  symlinkSync(path.join(root, 'node_modules'), path.join(pkg, 'node_modules'), 'dir');
}

/** The package's bin linked into a folder of its own, as `npm link` does. */
function link(pkg: string, name: string): Built {
  mkdirSync(path.join(dir, name));
  const linkedBin = path.join(dir, name, 'sso-wizard');
  symlinkSync(path.join(pkg, 'main/doors/cli/bin.js'), linkedBin);
  return { pkg, linkedBin };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sso-wizard-lazy-'));
  buildMain(path.join(dir, 'plain'), '--no-bundle');
  besidePackage(path.join(dir, 'plain'));
  cpSync(path.join(dir, 'plain'), path.join(dir, 'bundled'), { recursive: true });
  buildMain(path.join(dir, 'bundled'), '--bundle-only');
  plain = link(path.join(dir, 'plain'), 'bin-plain');
  bundled = link(path.join(dir, 'bundled'), 'bin-bundled');
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
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the linked bin itself (not `node bin.js`), recording the modules it loaded, relative to the package. */
function run(args: string[], { pkg, linkedBin }: Built = plain) {
  const list = path.join(dir, `loaded-${Math.random().toString(36).slice(2)}.txt`);
  const result = spawnSync(linkedBin, args, {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: `--import=${recorder}`, LOADED_MODULES_FILE: list, SSO_WIZARD_DATA_DIR: path.join(dir, 'data') },
  });
  // node_modules is a symbolic link to the checkout's: Node loads packages by their real path, named here as
  // node_modules/… like the package's own files.
  const prefix = `file://${pkg}/`;
  const modules = `file://${path.join(root, 'node_modules')}/`;
  const loaded = readFileSync(list, 'utf8')
    .split('\n')
    .map((url) => (url.startsWith(prefix) ? url.slice(prefix.length) : url.startsWith(modules) ? `node_modules/${url.slice(modules.length)}` : null))
    .filter((file): file is string => file !== null);
  return { ...result, loaded };
}

// Anything the core or a domain brings in: if one of these loads, a command or the table imports eagerly again.
// (main/app/core/version.js is the one exception: --version needs it, and it reads only package.json.)
const HEAVY = /^(main\/(app\/(?!core\/version\.js$)|domains\/)|shared\/api\/|node_modules\/(zod|xml-crypto|@xmldom|xpath|node-forge|@peculiar|keytar|reflect-metadata)\/)/;

describe('sso-wizard loads per command', () => {
  it('keeps the executable bit after a build: the linked bin runs by itself', () => {
    expect(statSync(path.join(plain.pkg, 'main/doors/cli/bin.js')).mode & 0o111).toBe(0o111);
    const version = run(['--version'], bundled);
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

  // The controls: the recorder does see core and domain modules when a command needs them.
  it('decode --help loads the decode command only; a command that asks the core loads the core and the engines, only then', () => {
    const decode = run(['decode', '--help']);
    expect(decode.status).toBe(0);
    expect(decode.loaded).toContain('main/doors/cli/commands/decode-command.js');
    expect(decode.loaded.filter((file) => HEAVY.test(file))).toEqual([]);

    const status = run(['profile', 'list']);
    expect(status.status, status.stderr).toBe(0);
    expect(status.loaded).toContain('main/app/core/create-core.js');
    expect(status.loaded).toContain('main/app/handlers/profile-handlers.js');
    // Key custody is reached through the profiles (removing a profile's keys), but node-forge only writes key files.
    expect(status.loaded).toContain('main/domains/certs/key-custody.js');
    expect(status.loaded.filter((file) => file.startsWith('node_modules/node-forge/'))).toEqual([]);
  });

  // The core loads a channel's handler module on its first call: decode needs the SAML engine only.
  it('decode loads the SAML engine and its handlers only: no certificate engine (x509, forge), no AD FS, no other domain', () => {
    const fixture = makeSignedResponse(mkdtempSync(path.join(dir, 'decode-')));
    const decode = run(fixture.decodeArgs);
    expect(decode.status, decode.stderr).toBe(0);
    expect(decode.stdout).toMatch(/^OK: /);
    expect(decode.loaded).toContain('main/domains/saml/response-validator.js');
    expect(decode.loaded.filter((file) => file.startsWith('main/app/handlers/'))).toEqual(['main/app/handlers/index.js', 'main/app/handlers/saml-handlers.js']);
    expect(decode.loaded.filter((file) => /^(main\/domains\/(certs|adfs)\/|node_modules\/(node-forge|@peculiar|tsyringe|keytar)\/)/.test(file))).toEqual([]);
    // Nor what only other commands use: the sign-in engine and its browser, the PDF printer, the file lock (writes).
    expect(decode.loaded.filter((file) => /^(main\/domains\/signin\/(test-signin-runner|signin-service|browser-launcher|cdp-)|main\/app\/report\/|node_modules\/proper-lockfile\/)/.test(file))).toEqual([]);
  });
});

describe('sso-wizard as shipped (bundled into chunks) loads per command too', () => {
  const CLI = 'main/doors/cli/';
  // The engines' chunks are hundreds of KB (zod, x509, forge, xml-crypto); what --help shares with the commands
  // (exit codes, result types, usage errors) is a few KB.
  it.each([[['--help']], [['--version']]])('%j loads no command chunk, no core chunk, and under 100 KB in all', (args) => {
    const result = run(args, bundled);
    expect(result.status, result.stderr).toBe(0);
    expect(result.loaded).toContain(`${CLI}run-cli.js`);
    expect(result.loaded.filter((file) => /bundle-(create-core|[a-z-]+-command)-/.test(file))).toEqual([]);
    const bytes = result.loaded.reduce((sum, file) => sum + statSync(path.join(bundled.pkg, file)).size, 0);
    expect(bytes).toBeLessThan(100_000);
  });

  it('explain loads its own chunk, not the core nor another command', () => {
    const result = run(['explain', '23'], bundled);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Error 23: /);
    expect(result.loaded.some((file) => file.startsWith(`${CLI}bundle-explain-command-`))).toBe(true);
    expect(result.loaded.filter((file) => /bundle-(create-core|(?!explain)[a-z-]+-command)-/.test(file))).toEqual([]);
  });

  it('a command that asks the core loads the core chunk (the control), and it works from the bundle', () => {
    const result = run(['profile', 'list', '--json'], bundled);
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true });
    expect(result.loaded.some((file) => file.startsWith(`${CLI}bundle-create-core-`))).toBe(true);
  });

  it('every chunk sits beside the entry, so each module\'s rewritten import.meta.url holds', () => {
    expect(readdirSync(path.join(bundled.pkg, CLI)).filter((name) => name.startsWith('bundle-')).length).toBeGreaterThan(5);
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
