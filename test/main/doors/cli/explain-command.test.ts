import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../main/doors/cli/cli-io.js';
import { runCli } from '../../../../main/doors/cli/run-cli.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const tempDir = useTempDirs();
async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env: {} };
  const code = await runCli([...args, '--data-dir', tempDir()], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('sso-wizard explain', () => {
  it.each([
    { args: ['23'], code: 23, step: /Fixed with: +sso-wizard idp-certificate \(/ },
    { args: ['untrusted', 'issuer.', 'Contact', 'your', 'administrator'], code: 24, step: /Fixed with: +sso-wizard idp-certificate/ },
    { args: ['5'], code: 5, step: /Fixed with: +sso-wizard adfs-export \(step 3, AD FS export\)/ },
    { args: ['https://meet.example.com/orion/error?errorCode=16'], code: 16, step: /user administration/ },
  ])('explains $args', async ({ args, code, step }) => {
    const result = await cli(['explain', ...args]);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`Error ${code}:`);
    expect(result.out).toMatch(/Likely causes:/);
    expect(result.out).toMatch(step);
  });

  it('prints JSON with --json', async () => {
    const result = await cli(['explain', '19', '--json']);
    expect(JSON.parse(result.out)).toMatchObject({ ok: true, value: { status: 'found', matches: [{ entry: { code: 19, step: 'adfs' } }] } });
  });

  it('unknown text exits 1 and lists the nearest', async () => {
    const result = await cli(['explain', 'assertion', 'expired']);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/Closest:[\s\S]*19 {2}SAML assertion is expired/);
  });

  it('no argument is bad usage (2)', async () => {
    expect((await cli(['explain'])).code).toBe(2);
  });
});
