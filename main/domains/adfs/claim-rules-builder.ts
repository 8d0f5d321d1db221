/**
 * Builds the AD FS issuance transform rules the site needs, in the AD FS claim rule language: one "Send LDAP
 * Attributes as Claims" rule for the five required attributes (plus the standard email claim), and one
 * "Transform an Incoming Claim" rule that turns that email into a NameID in emailAddress format. Each rule
 * can also be built alone, so a finding for one missing attribute can show the exact rule that fixes it.
 */
import { DEFAULT_LDAP_MAPPING, REQUIRED_ATTRIBUTE_NAMES, type LdapMapping, type RequiredAttributeName } from '../../../shared/api/adfs-schemas.js';

export const CLAIM_TYPES = {
  windowsAccountName: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/windowsaccountname',
  emailAddress: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
  nameIdentifier: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier',
} as const;

export const NAME_ID_FORMAT_PROPERTY = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claimproperties/format';
export const EMAIL_NAME_ID_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';

export interface ClaimRule {
  /** The template the AD FS console shows for the rule (@RuleTemplate). */
  template: 'LdapClaims' | 'MapClaims';
  name: string;
  text: string;
}

interface LdapPair {
  claimType: string;
  ldapAttribute: string;
}

function ldapRule(name: string, pairs: LdapPair[]): ClaimRule {
  // The AD FS LDAP template: one query attribute per claim type, in the same order (domain notes).
  const types = pairs.map((pair) => `"${pair.claimType}"`).join(', ');
  const query = pairs.map((pair) => pair.ldapAttribute).join(',');
  const text = [
    '@RuleTemplate = "LdapClaims"',
    `@RuleName = "${name}"`,
    `c:[Type == "${CLAIM_TYPES.windowsAccountName}", Issuer == "AD AUTHORITY"]`,
    ` => issue(store = "Active Directory", types = (${types}), query = ";${query};{0}", param = c.Value);`,
  ].join('\n');
  return { template: 'LdapClaims', name, text };
}

/** All five required attributes and the email claim for the NameID, from Active Directory. */
export function buildLdapAttributesRule(mapping: LdapMapping = DEFAULT_LDAP_MAPPING): ClaimRule {
  const pairs: LdapPair[] = REQUIRED_ATTRIBUTE_NAMES.map((claim) => ({ claimType: claim, ldapAttribute: mapping[claim] }));
  pairs.push({ claimType: CLAIM_TYPES.emailAddress, ldapAttribute: mapping.email });
  return ldapRule('Send site attributes from Active Directory', pairs);
}

/** One required attribute alone: the rule that fixes a finding for just that attribute. */
export function buildSingleAttributeRule(claim: RequiredAttributeName, mapping: LdapMapping = DEFAULT_LDAP_MAPPING): ClaimRule {
  return ldapRule(`Send ${claim} from Active Directory`, [{ claimType: claim, ldapAttribute: mapping[claim] }]);
}

/** The email claim type the NameID rule reads, alone, for a finding where only that is missing. */
export function buildEmailClaimRule(mapping: LdapMapping = DEFAULT_LDAP_MAPPING): ClaimRule {
  return ldapRule('Send the email claim for the NameID', [{ claimType: CLAIM_TYPES.emailAddress, ldapAttribute: mapping.email }]);
}

/** Email → NameID in emailAddress format: the "Transform an Incoming Claim" template (domain notes). */
export function buildNameIdRule(): ClaimRule {
  const name = 'Email address as NameID (emailAddress format)';
  const text = [
    '@RuleTemplate = "MapClaims"',
    `@RuleName = "${name}"`,
    `c:[Type == "${CLAIM_TYPES.emailAddress}"]`,
    ` => issue(Type = "${CLAIM_TYPES.nameIdentifier}", Issuer = c.Issuer, OriginalIssuer = c.OriginalIssuer, Value = c.Value, ValueType = c.ValueType, Properties["${NAME_ID_FORMAT_PROPERTY}"] = "${EMAIL_NAME_ID_FORMAT}");`,
  ].join('\n');
  return { template: 'MapClaims', name, text };
}

export function buildClaimRules(mapping: LdapMapping = DEFAULT_LDAP_MAPPING): ClaimRule[] {
  return [buildLdapAttributesRule(mapping), buildNameIdRule()];
}

/**
 * The rules as one text, in the format `Get-AdfsRelyingPartyTrust | Select -Expand IssuanceTransformRules`
 * prints and `-IssuanceTransformRules` takes: rules one after another, a blank line between them.
 */
export function buildClaimRulesText(mapping: LdapMapping = DEFAULT_LDAP_MAPPING): string {
  return `${buildClaimRules(mapping)
    .map((rule) => rule.text)
    .join('\n\n')}\n`;
}
