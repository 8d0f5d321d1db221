import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAdfsBundle } from '../../../../main/domains/adfs/adfs-bundle.js';
import { parseClaimRules } from '../../../../main/domains/adfs/claim-rules-parser.js';
import { buildZip } from '../../../../main/domains/adfs/zip-writer.js';
import { buildSpMetadata } from '../../../../main/domains/saml/sp-metadata-builder.js';
import { useTempDirs } from '../../../support/temp-dir.js';
import { FIXTURES, GENERATOR, SITE_PROFILES } from './site-profiles.js';

const tempDir = useTempDirs('sso-wizard-adfs-bundle-');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

describe.each(SITE_PROFILES)('AD FS bundle for $id', (profile) => {
  const bundle = buildAdfsBundle({ site: profile.site, settings: profile.settings, certificate: { leafPem: profile.certificatePem }, buildSpMetadata, generator: GENERATOR });

  it('README matches the golden file and agrees with the script', () => {
    const readme = bundle.files.find((file) => file.kind === 'readme')?.content ?? '';
    const golden = path.join(FIXTURES, `${profile.id}-README.txt`);
    if (UPDATE || !existsSync(golden)) writeFileSync(golden, readme);
    expect(readme).toBe(readFileSync(golden, 'utf8'));
    const script = bundle.files.find((file) => file.kind === 'script')?.content ?? '';
    // Every file the README names is in the bundle; the values it lists are the script's values.
    for (const file of bundle.files) expect(readme).toContain(file.name);
    expect(readme).toContain(profile.settings.relyingPartyName);
    expect(readme).toContain(profile.site.acsUrl);
    expect(script).toContain(profile.site.acsUrl);
    expect(readme).toContain(`Revocation checks:          ${profile.settings.revocationCheck}`);
    expect(readme).toContain(profile.settings.encryptAssertions ? 'Encryption tab: Browse...' : 'Encryption tab: leave it as it is.');
  });

  it('names every file after the host and keeps the rules identical in the .txt and the script', () => {
    const base = profile.site.host.replace(':', '_');
    expect(bundle.folderName).toBe(base);
    expect(bundle.files.filter((file) => file.kind !== 'readme').every((file) => file.name.startsWith(base))).toBe(true);
    const rules = bundle.files.find((file) => file.kind === 'claim-rules')?.content ?? '';
    expect(rules).toContain('\r\n');
    expect(parseClaimRules(rules).ok).toBe(true);
    expect(bundle.files.find((file) => file.kind === 'script')?.content).toContain(rules.trimEnd());
  });
});

describe('buildZip', () => {
  it('writes an archive unzip accepts, with UTF-8 names, empty files and exact contents', async () => {
    const dir = tempDir();
    const entries = [
      { name: 'site/empty.txt', data: new Uint8Array() },
      { name: 'site/Ünïcödé 会议.txt', data: new TextEncoder().encode('hello\r\n') },
      { name: 'site/big.bin', data: new Uint8Array(200_000).map((_, i) => (i * 7919) % 251) },
    ];
    const zip = path.join(dir, 'out.zip');
    await fs.writeFile(zip, buildZip(entries, new Date(2026, 10, 28, 12, 30, 44)));
    execFileSync('unzip', ['-tq', zip]);
    // Python's zipfile is an independent reader that honours the UTF-8 flag whatever the locale.
    const names = execFileSync('python3', ['-c', 'import json,sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(json.dumps(z.namelist()))', zip]).toString();
    expect(JSON.parse(names)).toEqual(entries.map((entry) => entry.name));
    expect(execFileSync('zipinfo', ['-T', '-l', zip]).toString()).toContain('20261128.123044');
    execFileSync('python3', ['-c', 'import sys,zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zip, dir]);
    for (const entry of entries) expect(new Uint8Array(await fs.readFile(path.join(dir, entry.name)))).toEqual(entry.data);
  });

  it('an empty archive is still a valid zip', async () => {
    const dir = tempDir();
    const zip = path.join(dir, 'empty.zip');
    await fs.writeFile(zip, buildZip([], new Date(2026, 0, 1)));
    expect((await fs.readFile(zip)).length).toBe(22);
    const count = execFileSync('python3', ['-c', 'import sys,zipfile; print(len(zipfile.ZipFile(sys.argv[1]).namelist()))', zip]).toString().trim();
    expect(count).toBe('0');
  });
});
