import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SAML_CHECK_IDS } from '../../../shared/saml/check-ids.js';
import { FIX_TARGETS } from '../../../shared/sso-errors/fix-targets.js';
import { decodeSsoError } from '../../../shared/sso-errors/error-decoder.js';
import { SITE_MESSAGE_TAIL, SSO_ERRORS, TROUBLESHOOTING_TOPICS, ssoError } from '../../../shared/sso-errors/catalogue.js';

/** The seed's table, read from the source document itself so a typo in the catalogue cannot hide. */
function seedTable(): Map<number, string> {
  const seed = readFileSync(new URL('../../fixtures/vendor/sso-troubleshooting-chapter.txt', import.meta.url), 'utf8');
  const table = new Map<number, string>();
  for (const match of seed.matchAll(/^(.+?)\t(\d+)$/gm)) table.set(Number(match[2]), (match[1] as string).trim());
  return table;
}

describe('SSO error catalogue', () => {
  const table = seedTable();

  it('has exactly the seed\'s 32 codes with their exact descriptions', () => {
    expect(table.size).toBe(32);
    expect(SSO_ERRORS.map((e) => e.code)).toEqual([...table.keys()].sort((a, b) => a - b));
    for (const entry of SSO_ERRORS) expect(entry.description, `code ${entry.code}`).toBe(table.get(entry.code));
  });

  it.each(SSO_ERRORS.map((e) => [e.code, e] as const))('code %i is complete: message, causes, fix, step, check', (_code, entry) => {
    expect(entry.message).toBe(`${entry.description}. ${SITE_MESSAGE_TAIL}`);
    expect(entry.causes.length).toBeGreaterThan(0);
    for (const cause of entry.causes) expect(cause.trim().length).toBeGreaterThan(10);
    expect(entry.fix.trim().length).toBeGreaterThan(20);
    // The step is a real wizard step or panel, or an explicit null (account states fixed in the site's user admin).
    expect(entry.step === null || (FIX_TARGETS as readonly string[]).includes(entry.step)).toBe(true);
    expect('step' in entry && entry.step !== undefined).toBe(true);
    expect(entry.check === null || (SAML_CHECK_IDS as readonly string[]).includes(entry.check)).toBe(true);
    if (entry.step === null) expect(entry.fix).toMatch(/user administration/);
  });

  it('every site message in the seed\'s "SSO Redirection Has Failed" list is a catalogue message', () => {
    const seed = readFileSync(new URL('../../fixtures/vendor/sso-troubleshooting-chapter.txt', import.meta.url), 'utf8');
    const listed = [...seed.matchAll(/\*\*Possible Cause\*\* (.+?\. Contact your administrator for further support\.)/g)].map((m) => m[1]);
    expect(listed.length).toBeGreaterThan(30);
    // The list capitalises one word differently from the table ("Invalid SAML Assertion"): the table is authoritative.
    const messages = new Set(SSO_ERRORS.map((e) => e.message.toLowerCase()));
    // "Update user privilege failed…" has no code in the table: the decoder answers it with its topic instead.
    for (const message of listed as string[]) {
      const known = messages.has(message.toLowerCase()) || decodeSsoError(message).topics.length > 0;
      expect(known, message).toBe(true);
    }
  });

  it('looks codes up, and answers undefined outside 1..32', () => {
    expect(ssoError(23)?.description).toBe('Invalid digital signature');
    expect(ssoError(0)).toBeUndefined();
    expect(ssoError(33)).toBeUndefined();
    expect(ssoError(1.5)).toBeUndefined();
  });

  it('has the three troubleshooting topics with causes and a solution', () => {
    expect(TROUBLESHOOTING_TOPICS.map((t) => t.title)).toEqual([
      'SSO Fails After Completing Disaster Recovery Operation',
      'SSO Protocol Error',
      'SSO Redirection Has Failed',
    ]);
    for (const topic of TROUBLESHOOTING_TOPICS) {
      expect(topic.causes.length).toBeGreaterThan(0);
      expect(topic.solution.length).toBeGreaterThan(50);
      for (const code of topic.relatedCodes) expect(ssoError(code)).toBeDefined();
    }
  });
});
