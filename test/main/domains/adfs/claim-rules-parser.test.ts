import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LDAP_MAPPING } from '../../../../shared/api/adfs-schemas.js';
import { buildClaimRulesText, CLAIM_TYPES, EMAIL_NAME_ID_FORMAT, NAME_ID_FORMAT_PROPERTY } from '../../../../main/domains/adfs/claim-rules-builder.js';
import { FIXTURES } from './site-profiles.js';
import { formatSyntaxError, ldapQueryAttributes, MAX_RULES_TEXT_LENGTH, parseClaimRules, type ParsedClaimRule } from '../../../../main/domains/adfs/claim-rules-parser.js';

function parsed(source: string): ParsedClaimRule[] {
  const result = parseClaimRules(source);
  if (!result.ok) throw new Error(formatSyntaxError(result.error));
  return result.rules;
}

describe('parseClaimRules reads the generated rules back', () => {
  it.each([
    ['default mapping', DEFAULT_LDAP_MAPPING],
    ['userPrincipalName mapping', { ...DEFAULT_LDAP_MAPPING, email: 'userPrincipalName', uid: 'userPrincipalName', SAML_SUBJECT: 'userPrincipalName' }],
  ])('%s', (_name, mapping) => {
    const rules = parsed(buildClaimRulesText(mapping));
    expect(rules).toHaveLength(3);
    const [ldap, email, nameId] = rules as [ParsedClaimRule, ParsedClaimRule, ParsedClaimRule];
    expect(ldap.template).toBe('LdapClaims');
    expect(ldap.action.verb).toBe('issue');
    expect(ldap.action.form).toBe('store');
    if (ldap.action.form !== 'store') return;
    expect(ldap.action.store).toBe('Active Directory');
    // Only the five attributes the site reads are issued ...
    expect(ldap.action.types).toEqual(['firstname', 'lastname', 'email', 'uid', 'SAML_SUBJECT']);
    expect(ldapQueryAttributes(ldap.action.query)).toEqual([mapping.firstname, mapping.lastname, mapping.email, mapping.uid, mapping.SAML_SUBJECT]);
    // ... the email claim the NameID is made from is only added to the context, a custom rule with no template.
    expect(email.template).toBeNull();
    expect(email.action).toMatchObject({ verb: 'add', form: 'store', types: [CLAIM_TYPES.emailAddress] });
    if (email.action.form !== 'store') return;
    expect(ldapQueryAttributes(email.action.query)).toEqual([mapping.email]);
    expect(nameId.template).toBe('MapClaims');
    expect(nameId.line).toBe(10);
    expect(nameId.action.form).toBe('fields');
    if (nameId.action.form !== 'fields') return;
    expect(nameId.action.fields).toContainEqual({ property: 'properties', propertyKey: NAME_ID_FORMAT_PROPERTY, value: { kind: 'string', value: EMAIL_NAME_ID_FORMAT } });
  });
});

// Examples from Microsoft's documentation: "The Role of the Claim Rule Language" (AD FS technical reference),
// "When to Use a Send LDAP Attributes as Claims Rule", "Create a Rule to Permit All Users", the Office 365 /
// Azure AD relying-party rules, and rules as Get-AdfsRelyingPartyTrust prints them.
const DOC_EXAMPLES: { name: string; source: string; check: (rules: ParsedClaimRule[]) => void }[] = [
  {
    name: 'rule without condition',
    source: '=> issue(type = "http://test/role", value = "employee");',
    check: ([rule]) => {
      expect(rule?.conditions).toEqual([]);
      expect(rule?.action).toMatchObject({ verb: 'issue', form: 'fields' });
    },
  },
  {
    name: 'single condition, copy the claim',
    source: 'c: [type == "http://test/name"] => issue(claim = c );',
    check: ([rule]) => expect(rule?.action).toMatchObject({ form: 'copy', variable: 'c' }),
  },
  {
    name: 'type and value condition',
    source: 'c: [type == "http://test/name", value == "domain user"] => issue(type = "http://test/role", value = "employee");',
    check: ([rule]) => expect(rule?.conditions[0]).toMatchObject({ kind: 'selector', variable: 'c', matches: [{ property: 'type' }, { property: 'value', operator: '==' }] }),
  },
  {
    name: 'multiple conditions with concatenated values',
    source: 'c1:[type == "http://test/name"] && c2:[type == "http://test/email"] => issue (type = "http://test/role", value = c1.value + " " + c2.value);',
    check: ([rule]) => {
      expect(rule?.conditions).toHaveLength(2);
      expect(rule?.action).toMatchObject({ form: 'fields', fields: [{ property: 'type' }, { property: 'value', value: { kind: 'concat' } }] });
    },
  },
  {
    name: 'regular expression condition',
    source: 'c:[type == "http://test/name", value =~ "^.+@contoso\\.com$"] => issue(claim = c);',
    check: ([rule]) => expect(rule?.conditions[0]).toMatchObject({ matches: [{}, { operator: '=~' }] }),
  },
  {
    name: 'NOT EXISTS aggregate with add',
    source: 'NOT EXISTS([Type == "http://test/role"])\n => add(Type = "http://test/role", Value = "guest");',
    check: ([rule]) => {
      expect(rule?.conditions[0]).toMatchObject({ kind: 'aggregate', fn: 'not-exists' });
      expect(rule?.action.verb).toBe('add');
    },
  },
  {
    name: 'exists aggregate (authorization rule)',
    source:
      'exists([Type == "http://schemas.microsoft.com/ws/2012/01/insidecorporatenetwork", Value == "false"])\n => issue(Type = "http://schemas.microsoft.com/authorization/claims/deny", Value = "DenyUsersWithClaim");',
    check: ([rule]) => expect(rule?.conditions[0]).toMatchObject({ kind: 'aggregate', fn: 'exists' }),
  },
  {
    name: 'count aggregate',
    source: 'count([type == "http://test/group"]) > 2 => issue(type = "http://test/multiple", value = "true");',
    check: ([rule]) => expect(rule?.conditions[0]).toMatchObject({ fn: 'count', comparison: { operator: '>', value: 2 } }),
  },
  {
    name: 'permit all users (issuance authorization rules)',
    source: '@RuleTemplate = "AllowAllAuthzRule"\n => issue(Type = "http://schemas.microsoft.com/authorization/claims/permit", Value = "true");',
    check: ([rule]) => expect(rule?.template).toBe('AllowAllAuthzRule'),
  },
  {
    name: 'LDAP attributes template (tokenGroups)',
    source:
      '@RuleTemplate = "LdapClaims"\n@RuleName = "Groups"\nc:[Type == "http://schemas.microsoft.com/ws/2008/06/identity/claims/windowsaccountname", Issuer == "AD AUTHORITY"]\n => issue(store = "Active Directory", types = ("http://schemas.xmlsoap.org/claims/Group"), query = ";tokenGroups;{0}", param = c.Value);',
    check: ([rule]) => {
      expect(rule?.name).toBe('Groups');
      expect(rule?.action).toMatchObject({ form: 'store', types: ['http://schemas.xmlsoap.org/claims/Group'], query: ';tokenGroups;{0}' });
    },
  },
  {
    name: 'Office 365 UPN and ImmutableID with an LDAP filter and regexreplace',
    source:
      'c:[Type == "http://schemas.microsoft.com/ws/2008/06/identity/claims/windowsaccountname"]\n => issue(store = "Active Directory", types = ("http://schemas.xmlsoap.org/claims/UPN", "http://schemas.microsoft.com/LiveID/Federation/2008/05/ImmutableID"), query = "samAccountName={0};userPrincipalName,objectGUID;{1}", param = regexreplace(c.Value, "(?<domain>[^\\\\]+)\\\\(?<user>.+)", "${user}"), param = c.Value);',
    check: ([rule]) => {
      expect(rule?.action).toMatchObject({ form: 'store', params: [{ kind: 'call', name: 'regexreplace' }, { kind: 'reference' }] });
      if (rule?.action.form === 'store') expect(ldapQueryAttributes(rule.action.query)).toEqual(['userPrincipalName', 'objectGUID']);
    },
  },
  {
    name: 'NameID transform with Properties (as exported by Get-AdfsRelyingPartyTrust)',
    source:
      '@RuleTemplate = "MapClaims"\r\n@RuleName = "NameID"\r\nc:[Type == "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"]\r\n => issue(Type = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier", Issuer = c.Issuer, OriginalIssuer = c.OriginalIssuer, Value = c.Value, ValueType = c.ValueType, Properties["http://schemas.xmlsoap.org/ws/2005/05/identity/claimproperties/format"] = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");\r\n',
    check: ([rule]) => expect(rule?.action).toMatchObject({ form: 'fields', fields: expect.arrayContaining([expect.objectContaining({ property: 'properties', propertyKey: NAME_ID_FORMAT_PROPERTY })]) }),
  },
  {
    name: 'empty selector and static value with attribute name format (ADFS Toolkit style)',
    source: '@RuleName = "Send static"\nc:[]\n => issue(Type = "urn:oid:1.3.6.1.4.1.5923.1.1.1.1", Value = "member", Properties["http://schemas.xmlsoap.org/ws/2005/05/identity/claimproperties/attributename"] = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri");',
    check: ([rule]) => expect(rule?.conditions[0]).toMatchObject({ kind: 'selector', matches: [] }),
  },
  {
    name: 'several rules, pass-through template, line numbers',
    source:
      '@RuleTemplate = "PassThroughClaims"\n@RuleName = "Pass UPN"\nc:[Type == "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn"]\n => issue(claim = c);\n\n@RuleName = "Role"\n=> issue(Type = "http://test/role", Value = "x");\n',
    check: (rules) => expect(rules.map((rule) => [rule.line, rule.name, rule.template])).toEqual([
      [1, 'Pass UPN', 'PassThroughClaims'],
      [6, 'Role', null],
    ]),
  },
  { name: 'empty text', source: '', check: (rules) => expect(rules).toEqual([]) },
  { name: 'only whitespace and a BOM', source: '\uFEFF \r\n\t\n', check: (rules) => expect(rules).toEqual([]) },
];

describe('parseClaimRules reads the claim rule examples from Microsoft documentation', () => {
  it.each(DOC_EXAMPLES)('$name', ({ source, check }) => {
    const rules = parsed(source);
    check(rules);
    for (const rule of rules) expect(source).toContain(rule.text);
  });
});

const MALFORMED: { name: string; source: string; line: number; message: RegExp }[] = [
  { name: 'missing semicolon between rules', source: 'c:[Type == "a"]\n => issue(claim = c)\nc:[Type == "b"] => issue(claim = c);', line: 3, message: /Expected ";" to end the rule that starts on line 1/ },
  { name: 'missing =>', source: '@RuleName = "x"\nc:[Type == "a"]\n issue(claim = c);', line: 3, message: /Expected "=>"/ },
  { name: 'unterminated string', source: '@RuleName = "x"\nc:[Type == "a]\n => issue(claim = c);', line: 2, message: /no closing double quote/ },
  { name: 'unknown property', source: '\n\nc:[Kind == "a"] => issue(claim = c);', line: 3, message: /Expected a claim property/ },
  { name: 'single = in a test', source: 'c:[Type = "a"] => issue(claim = c);', line: 1, message: /Expected ==, !=, =~ or !~/ },
  { name: 'undefined variable in the action', source: 'c:[Type == "a"]\n => issue(Type = "b", Value = d.Value);', line: 2, message: /"d" is not defined/ },
  { name: 'copy of an undefined variable', source: '=> issue(claim = c);', line: 1, message: /"c" is not defined/ },
  { name: 'unknown action', source: 'c:[Type == "a"] => send(claim = c);', line: 1, message: /Expected issue\(…\) or add\(…\)/ },
  { name: 'query and types count differ', source: 'c:[Type == "w"]\n => issue(store = "Active Directory", types = ("a", "b"), query = ";mail;{0}", param = c.Value);', line: 2, message: /1 attribute but types lists 2/ },
  { name: 'malformed LDAP query', source: 'c:[Type == "w"] => issue(store = "Active Directory", types = ("a"), query = "mail", param = c.Value);', line: 1, message: /not in the form/ },
  { name: 'issued claim without a type', source: '=> issue(Value = "x");', line: 1, message: /no Type/ },
  { name: 'typographic quotes from a word processor', source: '@RuleName = “x”', line: 1, message: /Typographic quote/ },
  { name: 'annotation without rule', source: '@RuleName = "x"\n', line: 2, message: /a rule needs "=> issue/ },
  { name: 'bad regular expression', source: 'c:[Type == "a", Value =~ "^(abc"] => issue(claim = c);', line: 1, message: /regular expression/ },
  { name: 'stray character', source: 'c:[Type == "a"] => issue(claim = c); #', line: 1, message: /Unexpected character "#"/ },
  { name: 'truncated in the middle', source: 'c:[Type == "a"] => issue(Type = "b", Value = ', line: 1, message: /found the end of the text/ },
  { name: 'XML instead of rules', source: '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"/>', line: 1, message: /Expected "\[" to start a claim selector/ },
  { name: 'PowerShell instead of rules', source: 'Get-AdfsRelyingPartyTrust -Name "x"', line: 1, message: /Expected a claim selector/ },
];

describe('parseClaimRules refuses malformed rules with the line', () => {
  it.each(MALFORMED)('$name', ({ source, line, message }) => {
    const result = parseClaimRules(source);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.line).toBe(line);
    expect(result.error.message).toMatch(message);
    expect(formatSyntaxError(result.error)).toMatch(new RegExp(`^Line ${line}, column \\d+: `));
  });

  it('refuses oversized text without parsing it', () => {
    const result = parseClaimRules(' '.repeat(MAX_RULES_TEXT_LENGTH + 1));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/at most/);
  });

  it('survives random garbage without throwing', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const alphabet = 'c:[]()=>!~&;,."@ abcTypeValue\n\t{}+<>0123456789';
    for (let round = 0; round < 300; round += 1) {
      const text = Array.from({ length: Math.floor(random() * 120) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      const result = parseClaimRules(text);
      if (!result.ok) expect(result.error.line).toBeGreaterThanOrEqual(1);
    }
  });

  it('handles deeply repeated rules quickly', () => {
    const one = 'c:[Type == "a"] => issue(claim = c);\n';
    const result = parseClaimRules(one.repeat(5000));
    expect(result.ok && result.rules.length).toBe(5000);
  });
});

describe('a relying party\'s rules as Get-AdfsRelyingPartyTrust prints them (CRLF, several templates)', () => {
  it('reads every rule with its template, name and line', () => {
    const text = readFileSync(path.join(FIXTURES, 'issuance-transform-rules-export.txt'), 'utf8');
    expect(text).toContain('\r\n');
    const rules = parsed(text);
    expect(rules.map((rule) => [rule.line, rule.template, rule.name, rule.action.form])).toEqual([
      [1, 'LdapClaims', 'Meeting site attributes', 'store'],
      [6, 'MapClaims', 'NameID from email', 'fields'],
      [11, 'EmitGroupClaims', 'Site admins', 'fields'],
      [16, 'PassThroughClaims', 'Pass through UPN', 'copy'],
      [21, null, 'Department, only for employees', 'store'],
    ]);
    expect(rules[4]?.conditions).toHaveLength(2);
  });
});
