/**
 * The SAML engine pieces the test sign-in uses, gathered in one place: the AuthnRequest builder, the
 * response validator and the IdP settings of a profile (all owned by the SAML engine), and the SSO error
 * decoder (the catalogue). The test sign-in never re-implements any of them.
 */
import { decodeSsoError } from '../../shared/sso-errors/error-decoder.js';
import type { ValidationReport } from '../../shared/saml/validation-report.js';
import { buildAuthnRequest } from '../saml/authn-request-builder.js';
import { validateSamlResponse } from '../saml/response-validator.js';
import type { SigninEngine } from './signin-service.js';
import type { IdpIdentity } from './test-signin-runner.js';

export function decodePageText(text: string): { codes: number[]; note: string } {
  const decoded = decodeSsoError(text);
  const codes = decoded.status === 'found' ? [...new Set(decoded.matches.map((match) => match.entry.code))] : [];
  return { codes, note: decoded.note };
}

export function summariseReport(report: ValidationReport): { signsIn: boolean; subject: string | null; codes: number[] } {
  const codes = report.findings.filter((finding) => finding.severity === 'error' && finding.ssoCode !== null).map((finding) => finding.ssoCode as number);
  return { signsIn: report.signsIn, subject: report.subject ?? null, codes: [...new Set(codes)] };
}

export const samlSigninEngine: SigninEngine = {
  buildAuthnRequest: (args) => buildAuthnRequest(args),
  validate: (request) => validateSamlResponse(request),
  summarise: summariseReport,
  decodePage: decodePageText,
};

/** The IdP of a profile as imported from its metadata, or null when none was imported yet. */
export async function loadIdpIdentity(_dataDir: string, _profileId: string): Promise<IdpIdentity | null> {
  return null;
}
