/**
 * Does a certificate name cover the site host? RFC 6125 §6.4: DNS-ID comparison is case-insensitive; a
 * wildcard is allowed only as the whole left-most label and matches exactly one label (so *.example.com
 * covers meet.example.com but neither example.com nor a.b.example.com). Partial-label wildcards (f*.example.com)
 * are refused, as CA/Browser Forum BR §7.1.2.7.12 and current browsers do. The CN is consulted only when the
 * certificate has no DNS SAN at all (§6.4.4).
 */
import { hostnameProblem } from '../../../shared/hostname.js';

export function nameCoversHost(pattern: string, host: string): boolean {
  const name = pattern.trim().toLowerCase().replace(/\.$/, '');
  const target = host.trim().toLowerCase().replace(/\.$/, '');
  if (name === '' || target === '') return false;
  if (!name.includes('*')) return name === target;
  if (hostnameProblem(name, { allowWildcard: true }) !== null) return false;
  const [first, ...rest] = name.split('.');
  const [targetFirst, ...targetRest] = target.split('.');
  if (first !== '*' || !targetFirst) return false;
  return rest.join('.') === targetRest.join('.');
}

export type HostMatch = { matched: true; by: 'san' | 'cn'; name: string } | { matched: false; reason: 'no-match' };

export function matchHost(host: string, dnsSans: string[], commonName: string | null): HostMatch {
  const bySan = dnsSans.find((name) => nameCoversHost(name, host));
  if (bySan) return { matched: true, by: 'san', name: bySan };
  if (dnsSans.length === 0 && commonName && nameCoversHost(commonName, host)) return { matched: true, by: 'cn', name: commonName };
  return { matched: false, reason: 'no-match' };
}
