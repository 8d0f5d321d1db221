/**
 * For a finding of the SAML engine's attribute checks (main/domains/saml/attribute-checks.ts) the claim rule that
 * fixes it, built with the profile's LDAP mapping. The checks themselves live in the SAML engine; this adds
 * only what the AD FS side knows: which rule to paste.
 */
import { REQUIRED_ATTRIBUTE_NAMES, type LdapMapping, type RequiredAttributeName } from '../../../shared/api/adfs-schemas.js';
import type { SamlFinding } from '../../../shared/saml/validation-report.js';
import { buildEmailClaimRule, buildNameIdRule, buildSingleAttributeRule } from './claim-rules-builder.js';

/** The SAML engine's check IDs that concern the identity the assertion carries (step 4). */
export const ATTRIBUTE_CHECKS = new Set<SamlFinding['check']>(['nameid-present', 'nameid-format', 'name-qualifier', 'attribute-required', 'attribute-match', 'attribute-length']);

function attributeOfField(field: string): RequiredAttributeName | null {
  const match = /Attribute\[@Name="([^"]+)"\]/.exec(field);
  const name = match?.[1];
  return name !== undefined && (REQUIRED_ATTRIBUTE_NAMES as readonly string[]).includes(name) ? (name as RequiredAttributeName) : null;
}

export function fixRuleFor(finding: SamlFinding, mapping: LdapMapping): string | null {
  const nameIdRules = `${buildEmailClaimRule(mapping).text}\n\n${buildNameIdRule().text}`;
  switch (finding.check) {
    case 'nameid-present':
    case 'nameid-format':
    case 'name-qualifier':
      return nameIdRules;
    case 'attribute-required':
    case 'attribute-match': {
      if (finding.field.startsWith('Assertion/Subject/NameID')) return nameIdRules;
      const attribute = attributeOfField(finding.field);
      if (attribute === null) return null;
      // uid and SAML_SUBJECT must carry the email: read them from the email's LDAP attribute.
      const fixed = attribute === 'uid' || attribute === 'SAML_SUBJECT' ? { ...mapping, [attribute]: mapping.email } : mapping;
      return buildSingleAttributeRule(attribute, fixed).text;
    }
    default:
      // attribute-length: the value in the directory is too long; no claim rule changes that.
      return null;
  }
}
