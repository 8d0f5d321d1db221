import { AdfsSettingsStore } from '../../../domains/adfs/adfs-settings-store.js';
import { buildClaimRulesText } from '../../../domains/adfs/claim-rules-builder.js';
import type { ReportContributor } from '../report-contributor.js';

/** The relying-party settings and the claim rules the wizard generates for them. */
export const claimRulesSection: ReportContributor = async (context, profile) => {
  const settings = await new AdfsSettingsStore(context.dataDir, profile.id).read(profile.host);
  if (!settings.ok) return { title: 'AD FS relying party', rows: [{ label: 'Problem', value: `${settings.error.message} ${settings.error.hint}`, severity: 'error' }] };
  const s = settings.value;
  return {
    title: 'AD FS relying party',
    rows: [
      { label: 'Relying party name', value: s.relyingPartyName },
      { label: 'Identifier (SP entity ID)', value: profile.spEntityId },
      { label: 'ACS URL (SAML POST)', value: profile.acsUrl },
      { label: 'LDAP attributes', value: Object.entries(s.ldapAttributes).map(([claim, ldap]) => `${claim} ← ${ldap}`).join(', ') },
      { label: 'Access control policy', value: s.accessControlPolicyName },
      { label: 'Revocation checks', value: s.revocationCheck },
      { label: 'SAML response signature', value: s.samlResponseSignature },
    ],
    blocks: [{ title: 'Issuance transform rules', text: buildClaimRulesText(s.ldapAttributes) }],
  };
};
