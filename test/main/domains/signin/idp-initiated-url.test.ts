import { describe, expect, it } from 'vitest';
import { defaultIdpInitiatedUrl } from '../../../../main/domains/signin/idp-initiated-url.js';

describe('defaultIdpInitiatedUrl', () => {
  it.each([
    { name: 'AD FS', sso: 'https://adfs.example.com/adfs/ls/', sp: 'https://meet.example.com', want: 'https://adfs.example.com/adfs/ls/idpinitiatedsignon.aspx?loginToRp=https%3A%2F%2Fmeet.example.com' },
    { name: 'AD FS without the slash, other case', sso: 'https://ADFS.example.com/ADFS/LS', sp: 'urn:meet', want: 'https://adfs.example.com/adfs/ls/idpinitiatedsignon.aspx?loginToRp=urn%3Ameet' },
    { name: 'SimpleSAMLphp', sso: 'http://127.0.0.1:8080/saml2/idp/SSOService.php', sp: 'https://meet.example.com', want: 'http://127.0.0.1:8080/saml2/idp/SSOService.php?spentityid=https%3A%2F%2Fmeet.example.com' },
    { name: 'SimpleSAMLphp under a prefix', sso: 'https://idp.example/simplesaml/saml2/idp/SSOService.php', sp: 'x:y', want: 'https://idp.example/simplesaml/saml2/idp/SSOService.php?spentityid=x%3Ay' },
    { name: 'another IdP', sso: 'https://login.example.com/sso/saml', sp: 'https://meet.example.com', want: null },
    { name: 'not a URL', sso: 'adfs.example.com/adfs/ls', sp: 'https://meet.example.com', want: null },
    { name: 'empty', sso: '', sp: '', want: null },
  ])('$name', ({ sso, sp, want }) => {
    expect(defaultIdpInitiatedUrl(sso, sp)).toBe(want);
  });
});
