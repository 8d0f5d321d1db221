/** Every code with a fix opens a place in the wizard that can make that fix (issue 13: "fix buttons that lead to a step that cannot fix it"). */
import { describe, expect, it } from 'vitest';
import { SSO_ERRORS } from '../../../shared/sso-errors/catalogue.js';
import { FIX_TARGET_MAKES, IDP_CERTIFICATE_PANEL, fixTargetLabel } from '../../../shared/sso-errors/fix-targets.js';

describe('fix targets', () => {
  it.each(SSO_ERRORS.filter((e) => e.step !== null).map((e) => [e.code, e] as const))('code %i: the place its fix button opens can make the fix', (_code, entry) => {
    expect(entry.remedy, `code ${entry.code} names what its fix changes`).not.toBeNull();
    const target = entry.step as NonNullable<typeof entry.step>;
    expect(FIX_TARGET_MAKES[target], `${fixTargetLabel(target)} cannot make "${entry.remedy}"`).toContain(entry.remedy);
  });

  it('codes without a place in the wizard are account states, fixed in the site\'s user administration', () => {
    const none = SSO_ERRORS.filter((e) => e.step === null);
    expect(none.map((e) => e.code)).toEqual([16, 17, 18, 21]);
    for (const entry of none) expect(entry.remedy).toBeNull();
  });

  it('4, 8, 15, 23 and 24 open "IdP certificate for the site", not the site → AD FS bundle of step 3', () => {
    for (const code of [4, 8, 15, 23, 24]) {
      const entry = SSO_ERRORS[code - 1];
      expect(entry?.step, `code ${code}`).toBe(IDP_CERTIFICATE_PANEL);
      expect(entry?.fix, `code ${code}`).toMatch(/IdP certificate for the site/);
    }
    expect(FIX_TARGET_MAKES.adfs).not.toContain('idp-trust-on-site');
  });

  it('says where a fix is made in words', () => {
    expect(fixTargetLabel('adfs')).toBe('step 3, AD FS export');
    expect(fixTargetLabel(IDP_CERTIFICATE_PANEL)).toMatch(/IdP certificate for the site/);
  });
});
