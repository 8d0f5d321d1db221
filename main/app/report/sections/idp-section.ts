import { readIdpSettings } from '../../../domains/saml/idp-store.js';
import type { ReportContributor } from '../report-contributor.js';
import type { ReportRow } from '../report-model.js';
import { formatDateTime } from '../../../../shared/date-time-text.js';

/** The identity provider as imported: entity ID, endpoints, every signing certificate with its expiry, and the one saved for the site. */
export const idpSection: ReportContributor = async (context, profile) => {
  const idp = await readIdpSettings(context.dataDir, profile.id);
  if (!idp) return { title: 'Identity provider', rows: [], empty: 'No IdP metadata or certificate imported yet.' };
  const now = context.now().getTime();
  const rows: ReportRow[] = [
    { label: 'Imported from', value: `${idp.source === 'metadata' ? 'federation metadata' : 'a token-signing certificate'} on ${formatDateTime(idp.importedAt)}` },
    { label: 'Entity ID', value: idp.entityId ?? 'unknown (certificate only)' },
    { label: 'SSO URL', value: idp.ssoUrl ?? 'unknown' },
    ...idp.signingCertificates.map((cert, i) => {
      const expired = Date.parse(cert.notAfter) < now;
      return {
        label: `Signing certificate ${i + 1}`,
        value: `${cert.subject}, valid to ${formatDateTime(cert.notAfter)}, SHA-256 ${cert.sha256Fingerprint}`,
        severity: expired ? ('error' as const) : ('ok' as const),
      };
    }),
    idp.siteCertificate
      ? {
          label: 'IdP certificate for the site',
          value: `${idp.siteCertificate.subject}, SHA-256 ${idp.siteCertificate.sha256Fingerprint}, saved as ${idp.siteCertificate.fileName} on ${formatDateTime(idp.siteCertificate.savedAt)}`,
          severity: idp.signingCertificates.some((c) => c.sha256Fingerprint === idp.siteCertificate?.sha256Fingerprint) ? ('ok' as const) : ('warning' as const),
        }
      : { label: 'IdP certificate for the site', value: 'Not saved with the wizard yet: which certificate the site holds is not recorded ("IdP certificate for the site").', severity: 'warning' as const },
    ...(idp.nameIdFormats.length ? [{ label: 'NameID formats', value: idp.nameIdFormats.join(', ') }] : []),
    ...(idp.offeredClaims.length ? [{ label: 'Claims offered', value: idp.offeredClaims.map((c) => c.displayName ?? c.uri).join(', ') }] : []),
    ...idp.warnings.map((warning) => ({ label: 'Warning', value: warning, severity: 'warning' as const })),
  ];
  return { title: 'Identity provider', rows };
};
