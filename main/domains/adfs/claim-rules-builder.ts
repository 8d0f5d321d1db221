/**
 * Builds the AD FS issuance transform rules the site needs, in the AD FS claim rule language: one "Send LDAP
 * Attributes as Claims" rule for the five required attributes, one custom rule that only `add`s the standard
 * email claim to the evaluation context, and one "Transform an Incoming Claim" rule that turns that email into
 * a NameID in emailAddress format. `add` (not `issue`) keeps the intermediate email claim out of the token, so
 * the site receives only what it uses ("The Role of the Claims Engine": add puts a claim in the input set
 * for later rules, issue in both the input and the output). Each rule can also be built alone, so a finding
 * for one missing attribute can show the exact rule that fixes it.
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
  /** The template the AD FS console shows for the rule (@RuleTemplate); Custom rules carry no @RuleTemplate line. */
  template: 'LdapClaims' | 'MapClaims' | 'Custom';
  name: string;
  text: string;
}

interface LdapPair {
  claimType: string;
  ldapAttribute: string;
}

function ldapQuery(pairs: LdapPair[]): { types: string; query: string } {
  // The AD FS LDAP template: one query attribute per claim type, in the same order (domain notes).
  return { types: pairs.map((pair) => `"${pair.claimType}"`).join(', '), query: pairs.map((pair) => pair.ldapAttribute).join(',') };
}

function ldapRule(name: string, pairs: LdapPair[]): ClaimRule {
  const { types, query } = ldapQuery(pairs);
  const text = [
    '@RuleTemplate = "LdapClaims"',
    `@RuleName = "${name}"`,
    `c:[Type == "${CLAIM_TYPES.windowsAccountName}", Issuer == "AD AUTHORITY"]`,
    ` => issue(store = "Active Directory", types = (${types}), query = ";${query};{0}", param = c.Value);`,
  ].join('\n');
  return { template: 'LdapClaims', name, text };
}

/** The five required attributes, from Active Directory: exactly what the site reads, nothing more. */
export function buildLdapAttributesRule(mapping: LdapMapping = DEFAULT_LDAP_MAPPING): ClaimRule {
  const pairs: LdapPair[] = REQUIRED_ATTRIBUTE_NAMES.map((claim) => ({ claimType: claim, ldapAttribute: mapping[claim] }));
  return ldapRule('Send site attributes from Active Directory', pairs);
}

/** One required attribute alone: the rule that fixes a finding for just that attribute. */
export function buildSingleAttributeRule(claim: RequiredAttributeName, mapping: LdapMapping = DEFAULT_LDAP_MAPPING): ClaimRule {
  return ldapRule(`Send ${claim} from Active Directory`, [{ claimType: claim, ldapAttribute: mapping[claim] }]);
}

/**
 * The email claim the NameID rule reads, added to the evaluation context only (a custom rule: the console's
 * LDAP template always issues). Also the fix for a finding where only that claim is missing.
 */
export function buildEmailClaimRule(mapping: LdapMapping = DEFAULT_LDAP_MAPPING): ClaimRule {
  const name = 'Read the email address for the NameID (not sent)';
  const { types, query } = ldapQuery([{ claimType: CLAIM_TYPES.emailAddress, ldapAttribute: mapping.email }]);
  const text = [
    `@RuleName = "${name}"`,
    `c:[Type == "${CLAIM_TYPES.windowsAccountName}", Issuer == "AD AUTHORITY"]`,
    ` => add(store = "Active Directory", types = (${types}), query = ";${query};{0}", param = c.Value);`,
  ].join('\n');
  return { template: 'Custom', name, text };
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
  return [buildLdapAttributesRule(mapping), buildEmailClaimRule(mapping), buildNameIdRule()];
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
