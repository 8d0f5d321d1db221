/**
 * Parsing and defaults for the site URL. The global URL class is not part of ECMAScript, and shared/
 * must run anywhere, so the small https-only grammar the site needs is parsed here by hand.
 */
import { hostnameProblem } from './hostname.js';

export interface SiteUrl {
  /** Normalised: lower-case host, no default port, no trailing slash. */
  href: string;
  host: string;
  port: number | null;
  path: string;
}

const SHAPE = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/i;

export function parseSiteUrl(raw: string): { ok: true; url: SiteUrl } | { ok: false; problem: string } {
  const text = raw.trim();
  if (text === '') return { ok: false, problem: 'Enter the site URL, like https://meet.example.com.' };
  const match = SHAPE.exec(text);
  if (!match) return { ok: false, problem: `"${text}" is not a URL; enter it like https://meet.example.com.` };
  const [, scheme = '', authority = '', rawPath = '', query, fragment] = match;
  if (scheme.toLowerCase() !== 'https') {
    return { ok: false, problem: `The site URL must use https:// (single sign-on needs TLS), not ${scheme.toLowerCase()}://.` };
  }
  if (authority.includes('@')) return { ok: false, problem: 'The site URL must not contain a user name or password.' };
  if (query !== undefined || fragment !== undefined) {
    return { ok: false, problem: 'The site URL must not contain a query (?…) or fragment (#…); enter only the address of the site.' };
  }
  const portMatch = /^(.*?)(?::(\d*))?$/.exec(authority);
  const host = (portMatch?.[1] ?? '').toLowerCase();
  const portText = portMatch?.[2];
  const problem = hostnameProblem(host);
  if (problem !== null) return { ok: false, problem: `The host name "${host}" ${problem}.` };
  let port: number | null = null;
  if (portText !== undefined) {
    const value = Number(portText);
    if (portText === '' || !Number.isInteger(value) || value < 1 || value > 65535) {
      return { ok: false, problem: `The port "${portText}" is not a number from 1 to 65535.` };
    }
    port = value === 443 ? null : value;
  }
  if (/\s/.test(rawPath)) return { ok: false, problem: 'The site URL must not contain spaces.' };
  const path = rawPath.replace(/\/+$/, '');
  const href = `https://${host}${port === null ? '' : `:${port}`}${path}`;
  return { ok: true, url: { href, host, port, path } };
}

/**
 * Defaults for the service-provider identity. The site's exact SP entity ID and ACS URL format is not
 * documented publicly (see docs/domain notes), so these are only starting points the administrator edits
 * to match the site's SSO configuration page: the entity ID is the site URL itself, and the ACS URL follows
 * the WebEx convention /dispatcher/SAML2AuthService?siteurl=<first host label>.
 */
export function defaultServiceProvider(url: SiteUrl): { spEntityId: string; acsUrl: string } {
  const siteName = url.host.split('.')[0] ?? url.host;
  return {
    spEntityId: url.href,
    acsUrl: `${url.href}/dispatcher/SAML2AuthService?siteurl=${siteName}`,
  };
}

/** An absolute http(s) URL check for entity IDs and endpoints the administrator edits. */
export function absoluteUrlProblem(raw: string, options: { httpsOnly: boolean }): string | null {
  const match = SHAPE.exec(raw.trim());
  if (!match) return 'is not an absolute URL';
  const scheme = (match[1] ?? '').toLowerCase();
  if (options.httpsOnly ? scheme !== 'https' : scheme !== 'https' && scheme !== 'http') {
    return options.httpsOnly ? 'must start with https://' : 'must start with https:// or http://';
  }
  if ((match[2] ?? '') === '') return 'has no host';
  if (/\s/.test(raw.trim())) return 'must not contain spaces';
  return null;
}
