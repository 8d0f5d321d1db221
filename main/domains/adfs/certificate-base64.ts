/**
 * The Base64 body of a PEM certificate: what a Base64-encoded .cer holds between its armour lines, and what
 * the AD FS script decodes into an X509Certificate2. AD FS imports Base64 (or DER) .cer files; the domain
 * notes warn that admins mix the two up, so the bundle always writes Base64.
 */
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/;

export function certificateBase64(pem: string): string | null {
  const match = PEM_CERTIFICATE.exec(pem);
  if (!match) return null;
  const body = (match[1] ?? '').replace(/\s+/g, '');
  return body.length > 0 && body.length % 4 === 0 ? body : null;
}

/** A Base64 .cer as Windows writes it: armour lines, 64-character lines, CRLF. */
export function base64CerFile(pem: string): string | null {
  const body = certificateBase64(pem);
  if (body === null) return null;
  const lines = body.match(/.{1,64}/g) ?? [];
  return ['-----BEGIN CERTIFICATE-----', ...lines, '-----END CERTIFICATE-----', ''].join('\r\n');
}
