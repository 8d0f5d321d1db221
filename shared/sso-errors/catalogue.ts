/**
 * The site's 32 SSO error codes (source: the troubleshooting chapter in seeds/000_a1e6f92c194a337b.txt, table
 * "SSO Error Codes"), each with the message the site shows, its likely causes, the fix, the wizard step that
 * fixes it and the automatic check that can confirm the cause. Causes and fixes for the SAML codes follow the
 * SAML 2.0 profiles §4.1.4 as mapped in docs/domain.md; account-state codes can only be explained.
 */
import type { SamlCheckId } from '../saml/check-ids.js';
import type { StepId } from '../steps.js';
import type { SsoErrorEntry } from './sso-error-schemas.js';

export { TROUBLESHOOTING_TOPICS } from './troubleshooting-topics.js';

/** The tail the site appends to every SSO error description. */
export const SITE_MESSAGE_TAIL = 'Contact your administrator for further support.';

export type { SsoErrorEntry };

interface EntrySource {
  description: string;
  causes: readonly string[];
  fix: string;
  step: StepId | null;
  check: SamlCheckId | null;
}

/** Keyed by code; the Record over 1..32 keys is checked by the exhaustive test. */
const SOURCE: Record<number, EntrySource> = {
  1: {
    description: 'SSO protocol error',
    causes: [
      'The site\'s SSO settings or the IdP configuration contain errors.',
      'SSO is not enabled on the site.',
      'Some or all of the required IdP attributes are not configured: firstname, lastname, email.',
      'The NameID of the SAML assertion is not set to the user\'s email address.',
    ],
    fix: 'Configure the attributes firstname, lastname and email, send the email address as the NameID (emailAddress format), and set uid and SAML_SUBJECT to the email address. If the cause stays unclear, decode a captured response in step 5.',
    step: 'attributes',
    check: 'attribute-required',
  },
  2: {
    description: 'No user name found in SAML assertion',
    causes: [
      'The assertion has no NameID (no claim rule transforms the email into a Name ID).',
      'The NameID is present but empty.',
    ],
    fix: 'Add the claim rule that issues the email address as the Name ID with the emailAddress format.',
    step: 'attributes',
    check: 'nameid-present',
  },
  3: {
    description: 'No user account found in the system',
    causes: [
      'The user has no account on the site and auto account creation is off.',
      'The NameID/email the IdP sends differs from the email address of the user\'s site account.',
    ],
    fix: 'Check that the NameID and email attribute carry the address the site account uses; otherwise create the user on the site or turn on auto account creation.',
    step: 'attributes',
    check: null,
  },
  4: {
    description: 'No X.509 certificate found in the system',
    causes: [
      'The site has no IdP certificate configured (for example lost or never re-entered after a disaster-recovery restore).',
    ],
    fix: 'Import the IdP\'s token-signing certificate (AD FS: the primary token-signing certificate, exported as Base64) into the site\'s SSO settings.',
    step: 'adfs',
    check: null,
  },
  5: {
    description: 'Only POST request is supported',
    causes: [
      'The SAML response reached the site by HTTP-Redirect, Artifact or a plain GET instead of HTTP POST.',
      'The relying party\'s SAML assertion consumer endpoint uses a binding other than POST.',
    ],
    fix: 'Set the relying party\'s assertion consumer endpoint binding to POST (AD FS: New-AdfsSamlEndpoint -Binding POST).',
    step: 'adfs',
    check: 'binding',
  },
  6: {
    description: 'Incorrect SAML SSO POST data',
    causes: [
      'The POST body has no SAMLResponse field, or its value is not Base64 or not XML.',
      'A proxy or load balancer changed or truncated the POST body.',
    ],
    fix: 'Make the IdP post the SAMLResponse form field to the site\'s ACS URL directly, and check proxies in between.',
    step: 'adfs',
    check: 'post-data',
  },
  7: {
    description: 'The site is not allowed to use SSO',
    causes: [
      'SSO is turned off on the site (it must be disabled before the SSL certificate is replaced, and turned on again afterwards).',
      'SSO was never enabled for the site after the restore.',
    ],
    fix: 'After importing the new site certificate, turn SSO back on in the site\'s SSO settings.',
    step: 'import',
    check: null,
  },
  8: {
    description: 'Incorrect X.509 certificate to validate SAML assertion',
    causes: [
      'The IdP signs with a certificate other than the one configured on the site (AD FS rolled its token-signing certificate over).',
      'The site still has the IdP certificate from before the restore.',
    ],
    fix: 'Import the IdP\'s current primary token-signing certificate into the site (import the IdP metadata to see every published certificate).',
    step: 'adfs',
    check: 'signature-certificate',
  },
  9: {
    description: 'Loading configuration error',
    causes: [
      'The site could not load its SSO configuration (incomplete or damaged after a restore).',
    ],
    fix: 'Open the site\'s SSO settings, re-enter the IdP certificate and URLs, save, and re-import the site certificate if it was lost.',
    step: 'import',
    check: null,
  },
  10: {
    description: 'The value of NameQualifier does not match site URL',
    causes: [
      'The NameID carries a NameQualifier attribute that is not the site URL (some claim rules add the AD FS name).',
    ],
    fix: 'Remove the NameQualifier from the Name ID claim rule, or set it to the site URL.',
    step: 'attributes',
    check: 'name-qualifier',
  },
  11: {
    description: 'Unable to reach Assertion Party',
    causes: [
      'The site uses the Artifact binding and cannot reach the IdP\'s artifact resolution service (network, DNS, firewall, TLS).',
    ],
    fix: 'Use the HTTP-POST binding for the assertion consumer endpoint, or open the network path from the site to the IdP.',
    step: 'adfs',
    check: null,
  },
  12: {
    description: 'Failed to resolve SAML Artifact',
    causes: [
      'The IdP\'s artifact resolution service rejected or did not find the artifact (expired, already used, or the site is not trusted for it).',
    ],
    fix: 'Use the HTTP-POST binding for the assertion consumer endpoint; with Artifact, check the relying party trust on the IdP.',
    step: 'adfs',
    check: null,
  },
  13: {
    description: 'Invalid SAML assertion',
    causes: [
      'The response carries no assertion, or one that is structurally invalid (no Subject, no Conditions, wrong version).',
      'The assertion is not covered by a valid signature, or the authentication context is not the one the site expects.',
    ],
    fix: 'Decode a captured response: the findings name the part that is wrong. Sign the assertion (AD FS: -SamlResponseSignature MessageAndAssertion).',
    step: 'adfs',
    check: 'assertion-structure',
  },
  14: {
    description: 'Recipient does not match webex.com',
    causes: [
      'The response Destination or the SubjectConfirmationData Recipient differs from the site\'s ACS URL.',
      'The relying party\'s assertion consumer endpoint URL is wrong (another host, http instead of https, another path).',
    ],
    fix: 'Set the relying party\'s SAML assertion consumer endpoint to the site\'s ACS URL exactly.',
    step: 'adfs',
    check: 'recipient',
  },
  15: {
    description: 'X.509 certificate has expired',
    causes: [
      'The certificate was installed before the restore and has expired (the disaster-recovery case).',
      'The IdP token-signing certificate configured or used is past its notAfter date.',
    ],
    fix: 'Generate a CSR, get a new certificate, import it into the site and into AD FS; import the IdP\'s current token-signing certificate.',
    step: 'csr',
    check: 'certificate-expiry',
  },
  16: {
    description: 'User account is locked',
    causes: ['The user\'s account on the site is locked.'],
    fix: 'Unlock the account in the site\'s user administration. This cannot be seen in the SAML response.',
    step: null,
    check: null,
  },
  17: {
    description: 'User account is expired',
    causes: ['The user\'s account on the site has expired.'],
    fix: 'Renew the account in the site\'s user administration. This cannot be seen in the SAML response.',
    step: null,
    check: null,
  },
  18: {
    description: 'User account has been deactivated',
    causes: ['The user\'s account on the site has been deactivated.'],
    fix: 'Reactivate the account in the site\'s user administration. This cannot be seen in the SAML response.',
    step: null,
    check: null,
  },
  19: {
    description: 'SAML assertion is expired',
    causes: [
      'The clocks of the IdP and the site differ by more than the allowed skew (the most common real cause).',
      'The assertion\'s NotOnOrAfter (Conditions or SubjectConfirmationData) is in the past: the token lifetime is too short, or the response was replayed.',
    ],
    fix: 'Synchronise both clocks with NTP; if needed, allow skew on AD FS (Set-AdfsRelyingPartyTrust -NotBeforeSkew) and check -TokenLifetime.',
    step: 'adfs',
    check: 'assertion-time',
  },
  20: {
    description: 'SAML assertion is unsigned',
    causes: [
      'The IdP signs only the response message, not the assertion.',
      'The assertion is not signed at all.',
    ],
    fix: 'Sign the assertion: AD FS Set-AdfsRelyingPartyTrust -SamlResponseSignature MessageAndAssertion (or AssertionOnly).',
    step: 'adfs',
    check: 'signature-present',
  },
  21: {
    description: 'User role is not allowed to login',
    causes: ['The user\'s role on the site is not allowed to sign in with SSO.'],
    fix: 'Change the user\'s role in the site\'s user administration. This cannot be seen in the SAML response.',
    step: null,
    check: null,
  },
  22: {
    description: 'Invalid RequestedSecurityToken',
    causes: [
      'The IdP sent a WS-Federation token (RequestSecurityTokenResponse) instead of a SAML 2.0 protocol response.',
      'The relying party trust is configured for WS-Federation rather than SAML 2.0.',
    ],
    fix: 'Configure the relying party with a SAML 2.0 assertion consumer endpoint (import the site\'s SP metadata).',
    step: 'adfs',
    check: 'response-structure',
  },
  23: {
    description: 'Invalid digital signature',
    causes: [
      'The signature does not verify with the IdP certificate configured on the site.',
      'The signed content was changed on the way (a proxy, or a rewritten response).',
    ],
    fix: 'Import the IdP\'s current token-signing certificate into the site; compare its fingerprint with the one in the response.',
    step: 'adfs',
    check: 'signature-valid',
  },
  24: {
    description: 'Untrusted Issuer',
    causes: [
      'The Issuer of the response or assertion differs from the IdP entity ID configured on the site.',
    ],
    fix: 'Set the IdP entity ID on the site to the IdP\'s entity ID exactly (AD FS: http://<adfs host>/adfs/services/trust).',
    step: 'adfs',
    check: 'issuer',
  },
  25: {
    description: 'Name Identifier format is incorrect',
    causes: [
      'The NameID format is not urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress (for example transient or unspecified).',
    ],
    fix: 'Issue the Name ID from the email claim with the emailAddress format (the claim rule in step 4).',
    step: 'attributes',
    check: 'nameid-format',
  },
  26: {
    description: 'Unable to generate AuthnRequest',
    causes: [
      'The site\'s SSO settings are incomplete (no IdP SSO URL).',
      'Request signing is on but the site\'s private key or certificate is missing (for example after a restore).',
    ],
    fix: 'Import the site certificate with its private key, then complete the IdP SSO URL in the site\'s SSO settings.',
    step: 'import',
    check: null,
  },
  27: {
    description: 'Unable to generate Logout Request',
    causes: [
      'No IdP single logout URL is configured on the site.',
      'Logout requests are signed but the site key is missing.',
    ],
    fix: 'Enter the IdP\'s SingleLogoutService URL (from its metadata) on the site, or turn single logout off.',
    step: 'adfs',
    check: null,
  },
  28: {
    description: 'InResponseTo does not match the request ID',
    causes: [
      'The response answers another AuthnRequest (an old browser tab, a bookmarked IdP page, the Back button).',
      'The user started at the IdP while the site expected its own request.',
    ],
    fix: 'Start the sign-in again from the site in a single tab; run the test sign-in in step 5.',
    step: 'test',
    check: 'in-response-to',
  },
  29: {
    description: 'Invalid Response message',
    causes: [
      'The message is not a well-formed SAML 2.0 Response (wrong root element, Version not 2.0).',
      'The IdP answered with a non-success status (for example Requester or Responder: the IdP refused the request).',
    ],
    fix: 'Decode a captured response: for a non-success status, check the IdP\'s event log (AD FS admin log) for the reason.',
    step: 'adfs',
    check: 'response-structure',
  },
  30: {
    description: 'Invalid Request message',
    causes: [
      'The IdP could not accept the site\'s AuthnRequest: its signature does not verify with the request-signing certificate on the relying party (AD FS MSIS1016 / ID6018).',
      'The relying party trust does not know the site\'s entity ID.',
    ],
    fix: 'Import the site\'s new certificate into the relying party trust (request-signing certificate) and check its identifier.',
    step: 'adfs',
    check: null,
  },
  31: {
    description: 'Auto Account Creation failed',
    causes: [
      'A required attribute (firstname, lastname, email) is missing or empty, so the site cannot create the account.',
      'An attribute value breaks the site\'s rules (longer than the limit: firstname 32, lastname 32, email 64 characters).',
    ],
    fix: 'Send firstname, lastname and email for every user, within the length limits, with uid and SAML_SUBJECT equal to the email.',
    step: 'attributes',
    check: 'attribute-required',
  },
  32: {
    description: 'Auto Account Update failed',
    causes: [
      'An attribute value breaks the site\'s rules (too long, not an email address, uid or SAML_SUBJECT differ from the email).',
      'A required attribute is missing, so the site cannot update the account.',
    ],
    fix: 'Examine the attribute values in a captured response; fix the claim rules so each value fits the site\'s rules.',
    step: 'attributes',
    check: 'attribute-length',
  },
};

export const SSO_ERROR_CODES: readonly number[] = Array.from({ length: 32 }, (_, index) => index + 1);

export function siteMessage(description: string): string {
  return `${description}. ${SITE_MESSAGE_TAIL}`;
}

export const SSO_ERRORS: readonly SsoErrorEntry[] = SSO_ERROR_CODES.map((code) => {
  const source = SOURCE[code];
  if (!source) throw new Error(`SSO error catalogue: code ${code} has no entry`);
  return { code, ...source, message: siteMessage(source.description) };
});

/** The catalogue entry for a code, or undefined for a number the site does not use. */
export function ssoError(code: number): SsoErrorEntry | undefined {
  return SSO_ERRORS[code - 1];
}
