import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../main/doors/cli/cli-io.js';
import { runCli } from '../../../../main/doors/cli/run-cli.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const tempDir = useTempDirs();

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('sso-wizard CLI', () => {
  it('--help lists the subcommands and documents the exit codes', async () => {
    const { code, out } = await cli(['--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/profile\s+Create, list/);
    expect(out).toMatch(/serve\s+Start browser mode/);
    expect(out).toMatch(/Exit codes:[\s\S]*0 {2}success[\s\S]*2 {2}bad usage/);
  });

  it('with no command prints help to stderr and exits 2', async () => {
    const { code, err } = await cli([]);
    expect(code).toBe(2);
    expect(err).toContain('Usage: sso-wizard');
  });

  it('manages profiles end to end with --json', async () => {
    const dataDir = tempDir();
    const add = await cli(['profile', 'add', '--name', 'Prod', '--site-url', 'https://meet.example.com', '--json', '--data-dir', dataDir]);
    expect(add.code).toBe(0);
    const created = JSON.parse(add.out);
    expect(created).toMatchObject({ ok: true, value: { name: 'Prod', acsUrl: 'https://meet.example.com/dispatcher/SAML2AuthService?siteurl=meet' } });

    const set = await cli(['profile', 'set', 'prod', '--acs-url', 'https://meet.example.com/acs', '--json'], { SSO_WIZARD_DATA_DIR: dataDir });
    expect(JSON.parse(set.out)).toMatchObject({ ok: true, value: { acsUrl: 'https://meet.example.com/acs' } });

    const list = await cli(['profile', 'list', '--data-dir', dataDir]);
    expect(list.out).toContain('* Prod');
    expect(list.out).toContain('ACS URL:       https://meet.example.com/acs');

    const removed = await cli(['profile', 'remove', created.value.id, '--data-dir', dataDir]);
    expect(removed).toMatchObject({ code: 0, out: 'Removed profile "Prod".' });
    expect((await cli(['profile', 'list', '--data-dir', dataDir])).out).toContain('No profiles yet');
  });

  it.each([
    { name: 'invalid input', args: ['profile', 'add', '--name', 'X', '--site-url', 'http://x.example.com'], code: 2, text: /ERROR \[siteUrl\]: siteUrl: The site URL must use https/ },
    { name: 'a missing option', args: ['profile', 'add', '--name', 'X'], code: 2, text: /needs --name and --site-url/ },
    { name: 'an unknown option', args: ['profile', 'add', '--nme', 'X'], code: 2, text: /Unknown option '--nme'/ },
    { name: 'an unknown subcommand', args: ['profile', 'frobnicate'], code: 2, text: /Unknown subcommand "profile frobnicate"/ },
    { name: 'an unknown command', args: ['frobnicate'], code: 2, text: /Unknown command "frobnicate"/ },
    { name: 'a profile that does not exist', args: ['profile', 'show', 'nope'], code: 1, text: /No profile has the ID or name "nope"/ },
  ])('exits $code for $name with a message, never a stack trace', async ({ args, code, text }) => {
    const result = await cli([...args, '--data-dir', tempDir()]);
    expect(result.code).toBe(code);
    expect(result.err).toMatch(text);
    expect(result.err).not.toMatch(/\n\s+at /);
  });

  it('reports a data folder it cannot use with exit code 3', async () => {
    const result = await cli(['profile', 'list', '--data-dir', '/proc/sso-wizard-cannot-exist']);
    expect(result.code).toBe(3);
    expect(result.err).toMatch(/^ERROR: /);
    expect(result.err).not.toMatch(/\n\s+at /);
  });

  it('gives usage errors as JSON with --json', async () => {
    const result = await cli(['profile', 'add', '--json', '--data-dir', tempDir()]);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.out)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});
