/**
 * The expiry horizon admins know from Entra's notices: a warning at 60 and 30 days before a certificate
 * expires, an error at 7 days and once it has expired (or is not valid yet). The band is part of the finding's
 * ID, so crossing into the next band is news for the notification.
 */
import type { HealthFinding } from '../../../shared/api/health-schemas.js';
import type { FixTarget } from '../../../shared/sso-errors/fix-targets.js';

const DAY = 86_400_000;

export interface ExpiryInput {
  /** Stable part of the ID: what the certificate is ("site", "idp-signing", "sp-encryption") and its fingerprint. */
  key: string;
  subject: string;
  notBefore: string;
  notAfter: string;
  now: Date;
  fix: string;
  fixTarget: FixTarget;
  ssoErrorCodes: number[];
}

export function daysLeft(notAfter: string, now: Date): number {
  return Math.floor((Date.parse(notAfter) - now.getTime()) / DAY);
}

export function expiryFinding(input: ExpiryInput): HealthFinding {
  const left = daysLeft(input.notAfter, input.now);
  const until = input.notAfter.slice(0, 10);
  const base = { check: 'expiry' as const, subject: input.subject, actBy: input.notAfter, fixTarget: input.fixTarget, ssoErrorCodes: input.ssoErrorCodes };
  if (Date.parse(input.notBefore) > input.now.getTime()) {
    return { ...base, id: `expiry:${input.key}:not-yet-valid`, severity: 'error', fact: `Not valid before ${input.notBefore.slice(0, 10)}: clients refuse it until then.`, actBy: input.notBefore, fix: input.fix };
  }
  if (Date.parse(input.notAfter) <= input.now.getTime()) {
    return { ...base, id: `expiry:${input.key}:expired`, severity: 'error', fact: `Expired on ${until}.`, fix: input.fix };
  }
  const band = left <= 7 ? 7 : left <= 30 ? 30 : left <= 60 ? 60 : null;
  if (band === null) return { ...base, id: `expiry:${input.key}:ok`, severity: 'ok', fact: `Valid until ${until} (${left} days left).`, actBy: null, fix: null, fixTarget: null, ssoErrorCodes: [] };
  return { ...base, id: `expiry:${input.key}:${band}`, severity: band === 7 ? 'error' : 'warning', fact: `Expires on ${until}: ${left} day${left === 1 ? '' : 's'} left (within ${band} days).`, fix: input.fix };
}
