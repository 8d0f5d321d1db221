/**
 * Host name rules shared by the site profile and certificate SANs (RFC 1123 §2.1 labels, RFC 6125 §6.4.3
 * wildcards). Pure: runs in every process.
 */

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export type HostnameProblem = string | null;

/** Returns null when `host` is a fully qualified DNS host name, else a sentence saying what is wrong. */
export function hostnameProblem(host: string, options: { allowWildcard?: boolean } = {}): HostnameProblem {
  if (host.length === 0) return 'is empty';
  if (host.length > 253) return 'is longer than 253 characters';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':')) {
    return 'is an IP address; a certificate for single sign-on needs a DNS host name';
  }
  const labels = host.toLowerCase().split('.');
  if (labels.length < 2) return 'needs at least two labels, like meet.example.com';
  for (const [index, label] of labels.entries()) {
    if (index === 0 && label === '*') {
      if (options.allowWildcard) {
        // RFC 6125 §7.2: a wildcard must stand alone in the left-most label and not cover a public suffix.
        if (labels.length < 3) return 'puts a wildcard directly under a top-level domain';
        continue;
      }
      return 'contains a wildcard, which is not allowed here';
    }
    if (label.includes('*')) return 'has a wildcard that is not the whole left-most label';
    if (!LABEL.test(label)) return `has an invalid label "${label}" (letters, digits and inner hyphens only, 1-63 characters)`;
  }
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return 'ends in a numeric top-level domain';
  return null;
}
