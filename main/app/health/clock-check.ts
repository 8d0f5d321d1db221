/**
 * Clock check: the HTTP Date (RFC 9110 §6.6.1, one-second resolution) of the IdP and of the site against this
 * computer's clock, and the IssueInstant of the last captured response against the time it was checked. A
 * difference beyond the tolerance the wizard checks assertions with (the site's own is not published) leads
 * to code 19: clock skew is the most common real cause of "expired" (docs/domain.md).
 */
import type { HealthFinding } from '../../../shared/api/health-schemas.js';

export interface ClockReading {
  /** "The site (meet.example.com)", "The IdP (adfs.example.com)". */
  who: string;
  key: string;
  dateHeader: string | null;
  /** This computer's clock when the answer arrived (ms). */
  readAt: number;
}

const describe = (seconds: number) => {
  const abs = Math.abs(seconds);
  const amount = abs >= 120 ? `${Math.round(abs / 60)} minutes` : `${Math.round(abs)} s`;
  return `${amount} ${seconds > 0 ? 'ahead of' : 'behind'} this computer`;
};

export function clockFindings(readings: ClockReading[], lastResponse: { clockDifferenceSeconds: number | null; issueInstant: string | null; checkedAt: string } | null, toleranceSeconds: number): HealthFinding[] {
  const findings: HealthFinding[] = [];
  const base = { check: 'clock' as const, actBy: null };
  for (const reading of readings) {
    const subject = `Clock of ${reading.who}`;
    const server = reading.dateHeader ? Date.parse(reading.dateHeader) : Number.NaN;
    if (Number.isNaN(server)) {
      findings.push({ ...base, id: `clock:${reading.key}:no-date`, severity: 'warning', subject, fact: reading.dateHeader ? `Its Date header "${reading.dateHeader.slice(0, 64)}" is not an HTTP date.` : 'It sent no Date header, so its clock cannot be compared.', fix: null, fixTarget: null, ssoErrorCodes: [] });
      continue;
    }
    // The header is truncated to the second: allow that second before calling it skew.
    const difference = (server - reading.readAt) / 1000;
    const beyond = Math.abs(difference) > toleranceSeconds + 1;
    findings.push({
      ...base,
      id: `clock:${reading.key}:${beyond ? 'skew' : 'ok'}`,
      severity: beyond ? 'error' : 'ok',
      subject,
      fact: beyond
        ? `${describe(difference)} (its Date ${new Date(server).toISOString()}, here ${new Date(reading.readAt).toISOString()}), beyond the ${toleranceSeconds} s tolerance: assertions look expired or not yet valid (code 19).`
        : `Within ${Math.max(1, Math.round(Math.abs(difference)))} s of this computer (tolerance ${toleranceSeconds} s).`,
      fix: beyond ? `Synchronize the clock of ${reading.who} (and of this computer) with NTP.` : null,
      fixTarget: null,
      ssoErrorCodes: beyond ? [19] : [],
    });
  }
  if (lastResponse?.clockDifferenceSeconds !== null && lastResponse?.clockDifferenceSeconds !== undefined) {
    const difference = lastResponse.clockDifferenceSeconds;
    const beyond = Math.abs(difference) > toleranceSeconds;
    findings.push({
      ...base,
      id: `clock:last-response:${beyond ? 'skew' : 'ok'}`,
      severity: beyond ? 'warning' : 'ok',
      subject: 'IssueInstant of the last captured response',
      fact: beyond
        ? `It was issued at ${lastResponse.issueInstant ?? '?'} and checked at ${lastResponse.checkedAt}: ${Math.round(Math.abs(difference))} s apart, beyond the ${toleranceSeconds} s tolerance (the IdP's clock, or an old response: code 19).`
        : `Issued ${Math.round(Math.abs(difference))} s from when it was checked (tolerance ${toleranceSeconds} s).`,
      fix: beyond ? 'Synchronize the IdP\'s clock with NTP, then run a test sign-in again (step 5).' : null,
      fixTarget: beyond ? 'test' : null,
      ssoErrorCodes: beyond ? [19] : [],
    });
  }
  return findings;
}
