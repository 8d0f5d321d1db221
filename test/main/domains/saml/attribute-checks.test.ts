import { describe, expect, it } from 'vitest';
import { checkAttributes, type AttributeCheckInput } from '../../../../main/domains/saml/attribute-checks.js';

const EMAIL = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
const good: AttributeCheckInput = {
  nameId: 'alice@example.com',
  nameIdFormat: EMAIL,
  attributes: { firstname: ['Alice'], lastname: ['Liddell'], email: ['alice@example.com'], uid: ['alice@example.com'], SAML_SUBJECT: ['alice@example.com'], updatetimestamp: ['2026-01-15T09:30:00Z'] },
  siteUrl: 'https://meet.example.com',
};
const without = (name: string) => Object.fromEntries(Object.entries(good.attributes).filter(([k]) => k !== name));

describe('checkAttributes', () => {
  it.each([
    { name: 'all good', input: good, want: [] as Array<[string, number | null, string]> },
    { name: 'no NameID', input: { ...good, nameId: null }, want: [['nameid-present', 2, 'error']] },
    { name: 'empty NameID', input: { ...good, nameId: '  ' }, want: [['nameid-present', 2, 'error']] },
    { name: 'transient NameID', input: { ...good, nameId: '_8f7e', nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient' }, want: [['nameid-format', 25, 'error'], ['nameid-format', 25, 'error']] },
    { name: 'email value, unspecified format', input: { ...good, nameIdFormat: null }, want: [['nameid-format', 25, 'error']] },
    { name: 'NameQualifier is the AD FS', input: { ...good, nameQualifier: 'http://adfs.example.com/adfs/services/trust' }, want: [['name-qualifier', 10, 'error']] },
    { name: 'NameQualifier is the site URL (trailing slash)', input: { ...good, nameQualifier: 'https://meet.example.com/' }, want: [] },
    { name: 'no firstname', input: { ...good, attributes: without('firstname') }, want: [['attribute-required', 31, 'error']] },
    { name: 'empty lastname', input: { ...good, attributes: { ...good.attributes, lastname: [''] } }, want: [['attribute-required', 31, 'error']] },
    { name: 'email sent as the claim URI', input: { ...good, attributes: { ...without('email'), 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress': ['alice@example.com'] } }, want: [['attribute-required', 31, 'error']] },
    { name: 'no uid: a warning, never blocking', input: { ...good, attributes: without('uid') }, want: [['attribute-required', null, 'warning']] },
    { name: 'no SAML_SUBJECT: a warning', input: { ...good, attributes: without('SAML_SUBJECT') }, want: [['attribute-required', null, 'warning']] },
    { name: 'uid is the account name: an error', input: { ...good, attributes: { ...good.attributes, uid: ['alice'] } }, want: [['attribute-match', 32, 'error']] },
    { name: 'no updatetimestamp: a warning naming Auto Account Update', input: { ...good, attributes: without('updatetimestamp') }, want: [['attribute-required', 32, 'warning']] },
    { name: '"Firstname" instead of firstname: a case finding', input: { ...good, attributes: { ...without('firstname'), Firstname: ['Alice'] } }, want: [['attribute-case', 31, 'error']] },
    { name: '"UID" instead of uid: a case finding, a warning', input: { ...good, attributes: { ...without('uid'), UID: ['alice@example.com'] } }, want: [['attribute-case', null, 'warning']] },
    { name: 'SAML_SUBJECT is the account name', input: { ...good, attributes: { ...good.attributes, SAML_SUBJECT: ['alice'] } }, want: [['attribute-match', 32, 'error']] },
    { name: 'firstname 33 characters', input: { ...good, attributes: { ...good.attributes, firstname: ['A'.repeat(33)] } }, want: [['attribute-length', 32, 'error']] },
    { name: 'firstname exactly 32', input: { ...good, attributes: { ...good.attributes, firstname: ['A'.repeat(32)] } }, want: [] },
    { name: 'email 65 characters', input: (() => { const e = `${'a'.repeat(53)}@example.com`; return { ...good, nameId: e, attributes: { ...good.attributes, email: [e], uid: [e], SAML_SUBJECT: [e] } }; })(), want: [['attribute-length', 32, 'error']] },
    { name: 'email not an address', input: { ...good, attributes: { ...good.attributes, email: ['alice'], uid: ['alice'], SAML_SUBJECT: ['alice'] } }, want: [['attribute-match', 32, 'error'], ['attribute-match', 3, 'warning']] },
    { name: 'two emails', input: { ...good, attributes: { ...good.attributes, email: ['alice@example.com', 'a@example.com'] } }, want: [['attribute-match', null, 'warning']] },
  ])('$name', ({ input, want }) => {
    const findings = checkAttributes(input);
    expect(findings.map((f) => [f.check, f.ssoCode, f.severity])).toEqual(want);
    for (const f of findings) expect(f.explanation.length).toBeGreaterThan(20);
  });

  it('names Auto Account Update (32) when updatetimestamp is absent', () => {
    const [finding] = checkAttributes({ ...good, attributes: without('updatetimestamp') });
    expect(finding?.explanation).toMatch(/Auto Account Update/);
    expect(finding?.severity).toBe('warning');
  });

  it('says a differently-cased name is not the name: attribute names are case-sensitive', () => {
    const [finding] = checkAttributes({ ...good, attributes: { ...without('firstname'), Firstname: ['Alice'] } });
    expect(finding?.actual).toMatch(/sent as "Firstname", and attribute names are case-sensitive/);
    expect(finding?.explanation).toMatch(/Change the outgoing claim type to "firstname" exactly/);
  });

  it('says where a missing attribute went', () => {
    const findings = checkAttributes({ ...good, attributes: { ...without('email'), Email: ['alice@example.com'] } });
    expect(findings[0]?.actual).toMatch(/sent as "Email"/);
  });
});
