import { describe, expect, it } from 'vitest';
import { DEFAULT_LDAP_MAPPING } from '../../../../shared/api/adfs-schemas.js';
import { buildClaimRulesText, buildEmailClaimRule, buildLdapAttributesRule, buildNameIdRule, EMAIL_NAME_ID_FORMAT } from '../../../../main/domains/adfs/claim-rules-builder.js';
import { parseClaimRules, type ParsedClaimRule } from '../../../../main/domains/adfs/claim-rules-parser.js';
import { analyzeRequiredClaims, type AttributeFinding } from '../../../../main/domains/adfs/required-claims-analyzer.js';

function rules(text: string): ParsedClaimRule[] {
  const result = parseClaimRules(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.rules;
}

function analyze(text: string, mapping = DEFAULT_LDAP_MAPPING) {
  return analyzeRequiredClaims({ rules: rules(text), mapping, offered: null });
}

function finding(findings: AttributeFinding[], attribute: string): AttributeFinding {
  const found = findings.find((candidate) => candidate.attribute === attribute);
  if (!found) throw new Error(`no finding for ${attribute}`);
  return found;
}

const WINDOWS = 'c:[Type == "http://schemas.microsoft.com/ws/2008/06/identity/claims/windowsaccountname", Issuer == "AD AUTHORITY"]';
const EMAIL_TYPE = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress';

describe('analyzeRequiredClaims', () => {
  it('the generated rules send every required attribute, with their LDAP sources', () => {
    const analysis = analyze(buildClaimRulesText());
    expect(analysis.allPresent).toBe(true);
    expect(analysis.findings.map((f) => [f.attribute, f.status, f.sentAs, f.source])).toEqual([
      ['firstname', 'sent', 'firstname', 'LDAP attribute givenName'],
      ['lastname', 'sent', 'lastname', 'LDAP attribute sn'],
      ['email', 'sent', 'email', 'LDAP attribute mail'],
      ['uid', 'sent', 'uid', 'LDAP attribute mail'],
      ['SAML_SUBJECT', 'sent', 'SAML_SUBJECT', 'LDAP attribute mail'],
      ['NameID', 'sent', 'NameID', 'LDAP attribute mail'],
    ]);
    expect(finding(analysis.findings, 'NameID').format).toBe(EMAIL_NAME_ID_FORMAT);
    // The email claim the NameID is made from is added, not issued: the site receives nothing it does not use.
    expect(analysis.extraClaims).toEqual([]);
  });

  it('follows an edited mapping (email from userPrincipalName)', () => {
    const mapping = { ...DEFAULT_LDAP_MAPPING, email: 'userPrincipalName', uid: 'userPrincipalName', SAML_SUBJECT: 'userPrincipalName' };
    const analysis = analyze(buildClaimRulesText(mapping), mapping);
    expect(analysis.allPresent).toBe(true);
    expect(finding(analysis.findings, 'NameID').source).toBe('LDAP attribute userPrincipalName');
  });

  const CASES: { name: string; text: string; attribute: string; status: string; codes: number[]; problem: RegExp }[] = [
    { name: 'no NameID rule', text: buildLdapAttributesRule().text, attribute: 'NameID', status: 'missing', codes: [2], problem: /no user name/ },
    {
      name: 'NameID without the emailAddress format',
      text: `${buildLdapAttributesRule().text}\n${buildEmailClaimRule().text}\nc:[Type == "${EMAIL_TYPE}"] => issue(Type = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier", Value = c.Value);`,
      attribute: 'NameID',
      status: 'wrong',
      codes: [25],
      problem: /format is not set/,
    },
    {
      name: 'attribute name with the wrong case',
      text: `${WINDOWS} => issue(store = "Active Directory", types = ("firstname", "lastname", "Email", "uid", "SAML_SUBJECT"), query = ";givenName,sn,mail,mail,mail;{0}", param = c.Value);`,
      attribute: 'email',
      status: 'wrong',
      codes: [31, 32],
      problem: /needs "email"/,
    },
    {
      name: 'uid from sAMAccountName',
      text: `${WINDOWS} => issue(store = "Active Directory", types = ("firstname", "lastname", "email", "uid", "SAML_SUBJECT"), query = ";givenName,sn,mail,sAMAccountName,mail;{0}", param = c.Value);`,
      attribute: 'uid',
      status: 'wrong',
      codes: [31, 32],
      problem: /uid comes from LDAP attribute sAMAccountName but email from LDAP attribute mail/,
    },
    {
      name: 'standard claim types instead of the site\'s names',
      text: `${WINDOWS} => issue(store = "Active Directory", types = ("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname"), query = ";givenName;{0}", param = c.Value);`,
      attribute: 'firstname',
      status: 'missing',
      codes: [31, 32],
      problem: /No rule issues a claim of type "firstname"/,
    },
    {
      name: 'attribute sent only for members of a group',
      text: `${buildClaimRulesText()}\nc1:[Type == "http://schemas.microsoft.com/ws/2008/06/identity/claims/groupsid", Value == "S-1-5-21-1"] && c2:[Type == "email"] => issue(Type = "lastname", Value = c2.Value);`.replace('"firstname", "lastname",', '"firstname",').replace(';givenName,sn,', ';givenName,'),
      attribute: 'lastname',
      status: 'conditional',
      codes: [31, 32],
      problem: /Sent only when/,
    },
  ];

  it.each(CASES)('$name', ({ text, attribute, status, codes, problem }) => {
    const analysis = analyze(text);
    const result = finding(analysis.findings, attribute);
    expect(result.status).toBe(status);
    expect(result.siteErrorCodes).toEqual(codes);
    expect(result.problem).toMatch(problem);
    expect(analysis.allPresent).toBe(false);
    expect(result.fixRule).not.toBeNull();
    expect(parseClaimRules(result.fixRule ?? '').ok).toBe(true);
  });

  it('the fix rule for a missing attribute makes it sent', () => {
    const broken = `${WINDOWS} => issue(store = "Active Directory", types = ("firstname", "email", "uid", "SAML_SUBJECT", "${EMAIL_TYPE}"), query = ";givenName,mail,mail,mail,mail;{0}", param = c.Value);\n${buildNameIdRule().text}`;
    const before = analyze(broken);
    const lastname = finding(before.findings, 'lastname');
    expect(lastname.status).toBe('missing');
    const after = analyze(`${broken}\n${lastname.fixRule}`);
    expect(after.allPresent).toBe(true);
  });

  it('the uid fix reads the LDAP attribute the email really comes from', () => {
    const mapping = { ...DEFAULT_LDAP_MAPPING, email: 'userPrincipalName', uid: 'userPrincipalName', SAML_SUBJECT: 'userPrincipalName' };
    const text = `${WINDOWS} => issue(store = "Active Directory", types = ("firstname", "lastname", "email", "uid", "SAML_SUBJECT"), query = ";givenName,sn,mail,sAMAccountName,mail;{0}", param = c.Value);`;
    const uid = finding(analyzeRequiredClaims({ rules: rules(text), mapping, offered: null }).findings, 'uid');
    // The whole combined rule, with only uid changed in place (issue 13: a one-claim rule would drop the others).
    expect(uid.fixRule).toContain('query = ";givenName,sn,mail,mail,mail;{0}"');
    expect(uid.fixRule).toContain('types = ("firstname", "lastname", "email", "uid", "SAML_SUBJECT")');
  });

  it('without rules, reports what the IdP metadata offers', () => {
    const analysis = analyzeRequiredClaims({
      rules: null,
      mapping: DEFAULT_LDAP_MAPPING,
      offered: { claims: [{ uri: 'email', displayName: null }, { uri: 'urn:x', displayName: 'firstname' }], nameIdFormats: ['urn:oasis:names:tc:SAML:2.0:nameid-format:transient'] },
    });
    expect(analysis.findings.map((f) => [f.attribute, f.status])).toEqual([
      ['firstname', 'sent'],
      ['lastname', 'unknown'],
      ['email', 'sent'],
      ['uid', 'unknown'],
      ['SAML_SUBJECT', 'unknown'],
      ['NameID', 'unknown'],
    ]);
    expect(analysis.notes.join(' ')).toMatch(/error 25/);
    expect(analysis.allPresent).toBe(false);
  });

  it('empty rules send nothing', () => {
    const analysis = analyze('');
    expect(analysis.findings.every((f) => f.status === 'missing')).toBe(true);
  });
});

describe('analyzeRequiredClaims on a real relying party\'s rule set', () => {
  it('finds every required attribute among other rules and lists the extra claims', async () => {
    const { readFileSync } = await import('node:fs');
    const { FIXTURES } = await import('./site-profiles.js');
    const text = readFileSync(`${FIXTURES}/issuance-transform-rules-export.txt`, 'utf8');
    const analysis = analyze(text);
    expect(analysis.allPresent).toBe(true);
    expect(analysis.extraClaims).toEqual([
      EMAIL_TYPE,
      'http://schemas.microsoft.com/ws/2008/06/identity/claims/role',
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn',
      'department',
    ]);
  });
});
