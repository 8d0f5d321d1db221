// Issue 18, items 16 and 18: what the core says in the wizard's words (its buttons and panels) reaches a
// terminal in the CLI's words (commands and options).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliFixTarget, cliWords } from '../../../../main/doors/cli/cli-words.js';
import { FIX_TARGETS } from '../../../../shared/sso-errors/fix-targets.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
/** A button or control of the wizard named in a sentence: "press Test sign-in", "click …", "Mark the step done". */
const UI_WORDS = /\b(press|click|tick) [A-Z][a-z]|\bMark the step done\b|\bin the IdP settings\b|\bthe wizard closes it\b|"Make the key and CSR here"|\bin step [1-5](?! \(sso-wizard)/;

/** Every line of the core, the domains and shared/ (no comments) that names a wizard control. */
function coreLinesNamingControls(): string[] {
  const lines: string[] = [];
  for (const folder of ['main/app', 'main/domains', 'shared']) {
    for (const file of readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts')) continue;
      for (const line of readFileSync(path.join(root, folder, file), 'utf8').split('\n')) {
        if (!/^\s*(\/\/|\/?\*)/.test(line) && UI_WORDS.test(line)) lines.push(line.trim());
      }
    }
  }
  return lines;
}

describe('cliWords', () => {
  it.each([
    { core: 'Run the wizard on a desktop session (or forward X11/Wayland), then press Test sign-in again.', cli: 'Run the wizard on a desktop session (or forward X11/Wayland), then run "sso-wizard signin" again.' },
    { core: 'Press Test sign-in again and complete the sign-in in the window that opens.', cli: 'Run "sso-wizard signin" again and complete the sign-in in the window that opens.' },
    { core: 'Press Test sign-in to start again.', cli: 'Run "sso-wizard signin" to start again.' },
    { core: 'The SAML trust works. Mark the step done, or run it again after any change.', cli: 'The SAML trust works. Run "sso-wizard signin" again after any change.' },
    { core: 'to replace the good certificate anyway, confirm with "Replace the current certificate" (CLI: sso-wizard import --replace).', cli: 'to replace the good certificate anyway, confirm with sso-wizard import --replace.' },
    { core: 'Import the certificate in step 2 (Import certificate) first, then export again.', cli: 'Import the certificate in step 2 (sso-wizard import) first, then export again.' },
    { core: 'Import the certificate in step 2 (sso-wizard import <file>) first.', cli: 'Import the certificate in step 2 (sso-wizard import <file>) first.' },
    { core: 'Generate the CSR again in step 1.', cli: 'Generate the CSR again in step 1 (sso-wizard csr).' },
    { core: 'or with "Make the key and CSR here" in step 1.', cli: 'or with sso-wizard csr (step 1).' },
    { core: 'Nothing of the wizard here.', cli: 'Nothing of the wizard here.' },
  ])('$core', ({ core, cli }) => {
    expect(cliWords(core)).toBe(cli);
  });

  it('leaves no wizard control named in any line of the core, a domain or shared/ (the scan finds some)', () => {
    const lines = coreLinesNamingControls();
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.map(cliWords).filter((line) => UI_WORDS.test(line))).toEqual([]);
  });

  it.each(FIX_TARGETS.map((target) => [target]))('%s: a fix names the command that makes it', (target) => {
    expect(cliFixTarget(target)).toMatch(/^sso-wizard [a-z-]+ \(/);
  });
});
