/** How a recorded CSR is named in sentences: where it was made and when, so several CSRs can be told apart. */
import type { StoredCsr } from '../../../shared/api/cert-schemas.js';
import { formatDateTime } from '../../../shared/date-time-text.js';

/** The site's own menu path for installing the signed certificate (the troubleshooting chapter's DR procedure). */
export const IMPORT_ON_SITE = 'Import SSL Certificate (Settings > Security > Certificate > More Options)';

/** "2026-11-30 14:02:31 UTC": to the second, so two CSRs of one minute can be told apart. */
const whenText = formatDateTime;

export function csrLabel(csr: Pick<StoredCsr, 'source' | 'createdAt'>): string {
  return csr.source === 'site' ? `the CSR downloaded from the site, recorded ${whenText(csr.createdAt)}` : `the key and CSR made here on ${whenText(csr.createdAt)}`;
}

/** A SHA-256 hex digest in the colon-separated upper-case pairs openssl and Windows show. */
export function fingerprintText(hex: string): string {
  return (hex.toUpperCase().match(/.{2}/g) ?? []).join(':');
}
