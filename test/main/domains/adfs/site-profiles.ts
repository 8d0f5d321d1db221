/** Two different site profiles for the golden-file tests, so nothing is hard-coded to one host. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_LDAP_MAPPING, type AdfsSettings } from '../../../../shared/api/adfs-schemas.js';
import type { BundleSite } from '../../../../main/domains/adfs/adfs-bundle.js';

export const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/adfs');

export interface SiteProfileFixture {
  id: string;
  site: BundleSite;
  settings: AdfsSettings;
  certificatePem: string;
}

export const GENERATOR = 'SSO Setup Wizard 0.1.0';

/** A fixed clock inside both fixture certificates' validity (2026-11-28 to 2036-11-25). */
export const NOW = new Date('2027-06-01T12:00:00Z');

export const SITE_PROFILES: SiteProfileFixture[] = [
  {
    id: 'meet.example.com',
    site: {
      host: 'meet.example.com',
      siteUrl: 'https://meet.example.com',
      spEntityId: 'https://meet.example.com',
      acsUrl: 'https://meet.example.com/dispatcher/SAML2AuthService?siteurl=meet',
    },
    settings: {
      relyingPartyName: 'meet.example.com',
      ldapAttributes: DEFAULT_LDAP_MAPPING,
      accessControlPolicyName: 'Permit everyone',
      revocationCheck: 'None',
      samlResponseSignature: 'AssertionOnly',
      encryptAssertions: false,
    },
    certificatePem: readFileSync(path.join(FIXTURES, 'meet.example.com.crt'), 'utf8'),
  },
  {
    id: 'conf.contoso.org',
    site: {
      host: 'conf.contoso.org:8443',
      siteUrl: 'https://conf.contoso.org:8443',
      spEntityId: 'https://conf.contoso.org:8443/sp',
      acsUrl: 'https://conf.contoso.org:8443/dispatcher/SAML2AuthService?siteurl=conf&region=eu',
    },
    settings: {
      relyingPartyName: "Contoso's Meetings (EU)",
      ldapAttributes: { firstname: 'givenName', lastname: 'sn', email: 'userPrincipalName', uid: 'userPrincipalName', SAML_SUBJECT: 'userPrincipalName' },
      accessControlPolicyName: 'Permit everyone and require MFA',
      revocationCheck: 'CheckChainExcludeRoot',
      samlResponseSignature: 'MessageAndAssertion',
      encryptAssertions: true,
    },
    certificatePem: readFileSync(path.join(FIXTURES, 'conf.contoso.org.crt'), 'utf8'),
  },
];
