/**
 * Issue 13: step-4 advice must not break the claims a rule already issues. For a wrong uid in a combined LDAP
 * rule, the fix is that whole rule with only uid's attribute changed in place; for a NameID without the email
 * format, the advice names the existing rule to change so that AD FS does not send two Name IDs.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LDAP_MAPPING } from '../../../../shared/api/adfs-schemas.js';
import { buildNameIdRule, EMAIL_NAME_ID_FORMAT } from '../../../../main/domains/adfs/claim-rules-builder.js';
import { parseClaimRules, type ParsedClaimRule } from '../../../../main/domains/adfs/claim-rules-parser.js';
import { analyzeRequiredClaims, type AttributeFinding } from '../../../../main/domains/adfs/required-claims-analyzer.js';

function rules(text: string): ParsedClaimRule[] {
  const result = parseClaimRules(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.rules;
}

const analyze = (text: string) => analyzeRequiredClaims({ rules: rules(text), mapping: DEFAULT_LDAP_MAPPING, offered: null });
const finding = (findings: AttributeFinding[], attribute: string) => findings.find((f) => f.attribute === attribute) as AttributeFinding;

const WINDOWS = 'c:[Type == "http://schemas.microsoft.com/ws/2008/06/identity/claims/windowsaccountname", Issuer == "AD AUTHORITY"]';
const EMAIL_TYPE = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress';
const COMBINED = `@RuleTemplate = "LdapClaims"
@RuleName = "Meeting site attributes"
${WINDOWS}
 => issue(store = "Active Directory", types = ("firstname", "lastname", "email", "uid", "SAML_SUBJECT", "${EMAIL_TYPE}"), query = ";givenName,sn,mail,sAMAccountName,mail,mail;{0}", param = c.Value);`;
const NAME_ID = buildNameIdRule().text;

describe('step 4 advice on a combined LDAP rule', () => {
  it('a wrong uid: the whole rule with only uid\'s attribute changed, still issuing the others', () => {
    const analysis = analyze(`${COMBINED}\n\n${NAME_ID}`);
    const uid = finding(analysis.findings, 'uid');
    expect(uid.status).toBe('wrong');
    expect(uid.problem).toMatch(/Change the rule "Meeting site attributes"/);
    expect(uid.problem).toMatch(/still issuing firstname, lastname, email, SAML_SUBJECT/);
    const fixed = uid.fixRule as string;
    expect(fixed).toBe(COMBINED.replace(';givenName,sn,mail,sAMAccountName,mail,mail;{0}', ';givenName,sn,mail,mail,mail,mail;{0}'));
    // Following the advice (replacing the rule by the suggestion) fixes uid and keeps everything else.
    const after = analyze(`${fixed}\n\n${NAME_ID}`);
    expect(after.allPresent).toBe(true);
    expect(after.findings.map((f) => [f.attribute, f.status, f.source])).toEqual([
      ['firstname', 'sent', 'LDAP attribute givenName'],
      ['lastname', 'sent', 'LDAP attribute sn'],
      ['email', 'sent', 'LDAP attribute mail'],
      ['uid', 'sent', 'LDAP attribute mail'],
      ['SAML_SUBJECT', 'sent', 'LDAP attribute mail'],
      ['NameID', 'sent', 'LDAP attribute mail'],
    ]);
    expect(finding(after.findings, 'NameID').format).toBe(EMAIL_NAME_ID_FORMAT);
  });

  it('a NameID without the email format: names the existing rule to change, so there are not two NameIDs', () => {
    const unspecified = `@RuleName = "Name ID from email"
c:[Type == "${EMAIL_TYPE}"]
 => issue(Type = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier", Issuer = c.Issuer, OriginalIssuer = c.OriginalIssuer, Value = c.Value, ValueType = c.ValueType);`;
    const analysis = analyze(`${COMBINED.replace('sAMAccountName', 'mail')}\n\n${unspecified}`);
    const nameId = finding(analysis.findings, 'NameID');
    expect(nameId.status).toBe('wrong');
    expect(nameId.siteErrorCodes).toEqual([25]);
    expect(nameId.problem).toMatch(/Replace the rule "Name ID from email"/);
    expect(nameId.problem).toMatch(/two Name IDs/);
  });
});
