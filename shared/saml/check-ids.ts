/**
 * The automatic checks the SAML response validator runs. The SSO error catalogue names the check that can
 * confirm a code's cause, and every validator finding names the check that produced it, so both sides
 * share this closed list.
 */
export const SAML_CHECK_IDS = [
  'binding',
  'post-data',
  'xml-safety',
  'response-structure',
  'status',
  'assertion-structure',
  'encrypted-assertion',
  'signature-present',
  'signature-valid',
  'signature-certificate',
  'certificate-expiry',
  'assertion-time',
  'issuer',
  'destination',
  'recipient',
  'audience',
  'in-response-to',
  'nameid-present',
  'nameid-format',
  'name-qualifier',
  'attribute-required',
  'attribute-match',
  'attribute-length',
  'attribute-case',
  'attribute-limits',
] as const;

export type SamlCheckId = (typeof SAML_CHECK_IDS)[number];
