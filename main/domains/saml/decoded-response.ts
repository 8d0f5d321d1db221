/**
 * The empty decoded view a validation starts from, and the report for a response that could not be checked at
 * all (stopped by the time limit): light, so the caller's thread can build it without loading the engine.
 */
import type { DecodedResponse, ValidationReport } from '../../../shared/saml/validation-report.js';

export function emptyDecoded(now: Date): DecodedResponse {
  return {
    rootElement: null,
    issuer: null,
    assertionIssuer: null,
    issueInstant: null,
    statusCode: null,
    statusMessage: null,
    destination: null,
    recipient: null,
    inResponseTo: null,
    audiences: [],
    notBefore: null,
    notOnOrAfter: null,
    checkedAt: now.toISOString(),
    clockDifferenceSeconds: null,
    nameId: null,
    nameIdFormat: null,
    nameQualifier: null,
    attributes: {},
    responseSigned: false,
    assertionSigned: false,
    encrypted: false,
    signingCertificate: null,
    xml: null,
    original: null,
  };
}

/** "Would not sign in" because the check itself did not finish: the reason and what to do, as one error finding. */
export function uncheckedReport(now: Date, message: string, hint: string): ValidationReport {
  return {
    signsIn: false,
    summary: message,
    findings: [
      {
        check: 'response-structure',
        severity: 'error',
        ssoCode: null,
        field: 'SAMLResponse',
        expected: 'a SAML response the validator can read',
        actual: 'not checked: stopped',
        explanation: `${message} ${hint}`,
        fixStep: null,
      },
    ],
    decoded: emptyDecoded(now),
  };
}
