/** Where the seed says users see "SSO protocol error" for a cause, the verdict names code 1 beside the site's code. */
import { describe, expect, it } from 'vitest';
import { ssoError, usersMaySee } from '../../../shared/sso-errors/catalogue.js';

describe('users may see "SSO protocol error" (code 1)', () => {
  it.each([2, 25, 31])('code %i (no NameID, NameID not email, attributes missing) says so among its causes', (code) => {
    expect(usersMaySee(code)).toMatch(/"SSO protocol error" \(code 1\)/);
    expect(ssoError(code)?.causes.at(-1)).toBe(usersMaySee(code));
  });
  it.each([1, 8, 23, 19])('code %i does not', (code) => {
    expect(usersMaySee(code)).toBeNull();
    expect(ssoError(code)?.causes.some((cause) => cause.includes('(code 1)'))).toBe(false);
  });
});
