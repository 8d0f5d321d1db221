/**
 * The SAML engine pieces the test sign-in uses, gathered in one place: the AuthnRequest builder, the
 * response validator and the IdP settings of a profile (all owned by the SAML engine), and the SSO error
 * decoder (the catalogue). The test sign-in never re-implements any of them.
 */
import { decodeSsoError } from '../../../shared/sso-errors/error-decoder.js';
import type { ValidationReport } from '../../../shared/saml/validation-report.js';
import { buildAuthnRequest } from '../../domains/saml/authn-request-builder.js';
import { uncheckedReport } from '../../domains/saml/decoded-response.js';
import { isWebUrl, readIdpSettings } from '../../domains/saml/idp-store.js';
import { validateLimited } from '../../domains/saml/limited-parsers.js';
import type { SigninEngine } from '../../domains/signin/signin-service.js';
import type { IdpIdentity } from '../../domains/signin/test-signin-runner.js';
import type { WorkerRunner } from '../../platform/worker-runner.js';

export function decodePageText(text: string): { codes: number[]; note: string } {
  const decoded = decodeSsoError(text);
  const codes = decoded.status === 'found' ? [...new Set(decoded.matches.map((match) => match.entry.code))] : [];
  return { codes, note: decoded.note };
}

export function summariseReport(report: ValidationReport): { signsIn: boolean; subject: string | null; codes: number[] } {
  const codes = report.findings.filter((finding) => finding.severity === 'error' && finding.ssoCode !== null).map((finding) => finding.ssoCode as number);
  return { signsIn: report.signsIn, subject: report.subject ?? null, codes: [...new Set(codes)] };
}

/** The engine of the test sign-in; the captured response is checked by `run` with a time limit, as every check is. */
export function samlSigninEngine(run: WorkerRunner): SigninEngine {
  return {
    buildAuthnRequest: (args) => buildAuthnRequest(args),
    validate: async (request) => {
      const checked = await validateLimited(run, request);
      return checked.ok ? checked.report : uncheckedReport(request.now, checked.message, checked.hint);
    },
    summarise: summariseReport,
    decodePage: decodePageText,
  };
}

export type IdpLookup = { ok: true; idp: IdpIdentity } | { ok: false; message: string; hint: string };

/** The IdP of a profile as imported from its metadata (the SAML engine's IdP store), or what is missing. */
export async function loadIdpIdentity(dataDir: string, profileId: string): Promise<IdpLookup> {
  const settings = await readIdpSettings(dataDir, profileId);
  const importHint =
    'Import the IdP\'s federation metadata (AD FS: https://<adfs host>/FederationMetadata/2007-06/FederationMetadata.xml) in the IdP settings, then press Test sign-in again.';
  if (!settings) return { ok: false, message: 'No identity provider is set up for this profile yet, so there is nowhere to sign in.', hint: importHint };
  const certificatesPem = settings.signingCertificates.filter((c) => c.use !== 'encryption').map((c) => c.pem);
  if (!settings.ssoUrl) return { ok: false, message: 'The IdP settings have no SSO URL (only a certificate was imported).', hint: 'Enter the IdP\'s SSO URL in the IdP settings, or import its metadata.' };
  // Only an http(s) address is ever opened (issue 16 item 12): metadata could name javascript:, file: or a custom scheme.
  if (!isWebUrl(settings.ssoUrl)) return { ok: false, message: `The IdP's SSO URL "${settings.ssoUrl.slice(0, 200)}" is not an http(s) address, so it is not opened.`, hint: 'Enter the IdP\'s SSO URL (https://<adfs host>/adfs/ls/) in the IdP settings, or import its metadata again.' };
  if (!settings.entityId) return { ok: false, message: 'The IdP settings have no entity ID (only a certificate was imported).', hint: 'Enter the IdP\'s entity ID in the IdP settings, or import its metadata.' };
  return { ok: true, idp: { entityId: settings.entityId, ssoUrl: settings.ssoUrl, certificatesPem } };
}
