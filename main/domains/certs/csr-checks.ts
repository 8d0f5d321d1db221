/**
 * Judges a CSR the moment it is loaded or made, with the findings (and words) step 2 gives the certificate a CA
 * issues from it: the site host among the SANs, the other names, key type and size, signature hash, subject
 * fields and the self-signature (PKCS#10, RFC 2986 §3: proof that the requester holds the key). Pure.
 */
import type { CsrDetails, Finding } from '../../../shared/api/cert-schemas.js';
import { hostFindings, keyFindings, signatureHashFindings } from './subject-findings.js';

export function checkCsr(details: CsrDetails, host: string | null): Finding[] {
  const findings: Finding[] = [];
  const add = (severity: Finding['severity'], id: string, what: string, fix: string) => findings.push({ severity, id, what, fix });

  if (details.signatureValid) add('ok', 'csr-signature', 'The CSR\'s self-signature is valid: it was signed by the key it carries.', 'Nothing to do.');
  else {
    add(
      'error',
      'csr-signature',
      'The CSR\'s self-signature does not verify: the request was changed after it was signed, or the file is damaged.',
      'Download the CSR again from where it was made (do not edit it); CAs refuse such a request.',
    );
  }

  if (host) findings.push(...hostFindings('CSR', host, details.sans, details.commonName));
  else add('info', 'host', 'No site profile was given, so the site host was not checked.', 'Choose a profile (--profile) to check the CSR against its site host.');

  const dnsSans = details.sans.filter((name) => !name.includes(':'));
  const others = details.sans.filter((name) => !host || name.toLowerCase() !== host.toLowerCase());
  if (others.length > 0) add('info', 'sans', `Other names in the CSR: ${others.join(', ')}.`, 'Nothing to do, if each of them is meant to be served with this key.');

  findings.push(...keyFindings('CSR', details.key));
  findings.push(...signatureHashFindings('CSR', details.subject, details.signatureAlgorithm, hashOf(details.signatureAlgorithm)));

  if (!details.commonName) {
    add('info', 'subject', `The subject has no common name (${details.subject || 'empty'}).`, 'Nothing to do: the SANs are what clients check; some CAs ask for a CN.');
  } else if (dnsSans.length > 0 && !dnsSans.includes(details.commonName.toLowerCase())) {
    add(
      'warning',
      'subject',
      `The common name ${details.commonName} is not among the subject alternative names (${dnsSans.join(', ')}).`,
      'Many CAs copy the CN into the SANs or refuse the request: make the CSR again with the CN equal to the site host.',
    );
  } else {
    add('ok', 'subject', `Subject: ${details.subject}.`, 'Nothing to do.');
  }
  return findings;
}

/** "RSA PKCS#1 v1.5 with SHA-1" → "SHA-1": the parser words the algorithm with its hash last. */
function hashOf(algorithm: string): string | null {
  return /with (SHA-\d+)$/i.exec(algorithm)?.[1]?.toUpperCase() ?? null;
}
