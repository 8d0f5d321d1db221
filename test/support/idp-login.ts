/**
 * One sign-in round trip against SimpleSAMLphp without a browser: plain fetch with a cookie jar. GET the
 * SSOService (with an AuthnRequest, or IdP-initiated with spentityid), follow redirects to the exampleauth
 * UserPass form, POST username/password, and take the SAMLResponse out of the auto-POST form.
 */
export interface IdpLoginOptions {
  /** The SSOService URL with the AuthnRequest (HTTP-Redirect) already in it, or the bare SSOService URL for IdP-initiated. */
  ssoUrl: string;
  /** For IdP-initiated sign-in: the SP entity ID (spentityid). */
  spEntityId?: string;
  relayState?: string;
  username: string;
  password: string;
}

export interface IdpLoginResult {
  samlResponse: string;
  postedTo: string;
  relayState: string | null;
}

class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

function htmlDecode(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#0*39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&amp;/g, '&');
}

function inputValue(html: string, name: string): string | null {
  const tag = new RegExp(`<input[^>]*name=["']${name}["'][^>]*>`, 'i').exec(html)?.[0];
  if (!tag) return null;
  const value = /value=["']([^"']*)["']/i.exec(tag)?.[1];
  return value === undefined ? null : htmlDecode(value);
}

async function follow(url: string, jar: CookieJar, init: RequestInit = {}): Promise<{ url: string; html: string }> {
  let current = url;
  let request: RequestInit = init;
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(current, { ...request, redirect: 'manual', headers: { ...(request.headers ?? {}), cookie: jar.header() } });
    jar.take(response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      current = new URL(location, current).href;
      request = {};
      await response.arrayBuffer();
      continue;
    }
    return { url: current, html: await response.text() };
  }
  throw new Error(`Too many redirects from ${url}`);
}

export async function loginAtIdp(options: IdpLoginOptions): Promise<IdpLoginResult> {
  const jar = new CookieJar();
  let start = options.ssoUrl;
  if (options.spEntityId) {
    start += `${start.includes('?') ? '&' : '?'}spentityid=${encodeURIComponent(options.spEntityId)}`;
    if (options.relayState !== undefined) start += `&RelayState=${encodeURIComponent(options.relayState)}`;
  }
  const loginPage = await follow(start, jar);
  const authState = inputValue(loginPage.html, 'AuthState');
  if (!authState) throw new Error(`No login form at ${loginPage.url}: ${loginPage.html.slice(0, 800)}`);
  const action = /<form[^>]*action=["']([^"']*)["']/i.exec(loginPage.html)?.[1];
  const target = new URL(htmlDecode(action ?? '?'), loginPage.url).href;
  const body = new URLSearchParams({ username: options.username, password: options.password, AuthState: authState });
  const posted = await follow(target, jar, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const samlResponse = inputValue(posted.html, 'SAMLResponse');
  if (!samlResponse) throw new Error(`No SAMLResponse after the login at ${posted.url}: ${posted.html.slice(0, 1500)}`);
  const form = /<form[^>]*action=["']([^"']*)["']/i.exec(posted.html)?.[1] ?? '';
  return { samlResponse, postedTo: htmlDecode(form), relayState: inputValue(posted.html, 'RelayState') };
}
