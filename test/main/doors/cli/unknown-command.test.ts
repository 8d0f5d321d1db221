// Issue 18, item 19: a mistyped command, with or without --help, is bad usage (exit 2) that names the command
// it most likely meant; only `sso-wizard --help` itself prints the global help.
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../main/doors/cli/cli-io.js';
import { COMMANDS } from '../../../../main/doors/cli/commands/index.js';
import { nearestCommand } from '../../../../main/doors/cli/nearest-command.js';
import { runCli } from '../../../../main/doors/cli/run-cli.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const tempDir = useTempDirs();

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env: { SSO_WIZARD_DATA_DIR: tempDir() } };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('an unknown command', () => {
  it.each([
    { args: ['decod', '--help'], suggestion: 'decode' },
    { args: ['--help', 'signn'], suggestion: 'signin' },
    { args: ['imprt'], suggestion: 'import' },
    { args: ['adfs', '-h'], suggestion: 'adfs-export' },
    { args: ['Status', '--help'], suggestion: 'status' },
  ])('$args: exit 2, says it is unknown and suggests "$suggestion"', async ({ args, suggestion }) => {
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toMatch(new RegExp(`^ERROR: Unknown command "${args.find((a) => !a.startsWith('-'))}"\\. Did you mean "sso-wizard ${suggestion}"\\?\\n`));
    expect(result.err).not.toContain('Commands:');
  });

  it('chek --help: exit 2, names "check" when that command exists, and never prints the global help', async () => {
    const result = await cli(['chek', '--help']);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/^ERROR: Unknown command "chek"\./);
    if (COMMANDS.some((c) => c.name === 'check')) expect(result.err).toContain('Did you mean "sso-wizard check"?');
    expect(result.err).not.toContain('Commands:');
  });

  it('suggests nothing for a name close to no command, or to two alike', async () => {
    for (const args of [['frobnicate', '--help'], ['ex']]) {
      const result = await cli(args);
      expect(result.code).toBe(2);
      expect(result.err).not.toContain('Did you mean');
    }
  });

  it('says so as JSON with --json', async () => {
    const result = await cli(['chek', '--help', '--json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.out)).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/^Unknown command "chek"/) } });
  });

  it('--help alone still prints the global help (exit 0); no command at all prints it as usage (exit 2)', async () => {
    expect(await cli(['--help'])).toMatchObject({ code: 0, out: expect.stringContaining('Commands:') });
    expect(await cli([])).toMatchObject({ code: 2, err: expect.stringContaining('Commands:') });
  });
});

describe('nearestCommand', () => {
  const names = ['check', 'csr', 'decode', 'explain', 'export', 'import', 'inspect', 'profile', 'status'];
  it.each([
    { typed: 'chek', want: 'check' },
    { typed: 'chekc', want: 'check' },
    { typed: 'DECODE', want: 'decode' },
    { typed: 'prof', want: 'profile' },
    { typed: 'expalin', want: 'explain' },
    { typed: 'ex', want: undefined },
    { typed: 'x', want: undefined },
    { typed: '', want: undefined },
    { typed: 'zzzzzz', want: undefined },
    { typed: 'a'.repeat(10_000), want: undefined },
  ])('$typed -> $want', ({ typed, want }) => {
    expect(nearestCommand(typed, names)).toBe(want);
  });
});
