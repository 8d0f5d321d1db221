/**
 * Downloads IdP metadata from its URL, only when the administrator asks for it explicitly. HTTPS only (plain
 * HTTP is allowed for loopback addresses, where test IdPs live), no redirects to other schemes, a time limit
 * and a size limit; TLS failures (AD FS often uses an internal CA) say how to import the file instead.
 */
export const MAX_METADATA_BYTES = 4 * 1024 * 1024;

export type FetchResult = { ok: true; text: string; url: string } | { ok: false; problem: string };

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export function metadataUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return `"${raw}" is not a URL; enter it like https://adfs.example.com/FederationMetadata/2007-06/FederationMetadata.xml.`;
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK.test(url.hostname)) return null;
  return `The metadata URL must use https:// (it carries the certificates the site will trust), not ${url.protocol}//.`;
}

export async function fetchIdpMetadata(raw: string, options: { fetchImpl?: typeof fetch; timeoutMs?: number } = {}): Promise<FetchResult> {
  const problem = metadataUrlProblem(raw);
  if (problem) return { ok: false, problem };
  const fetchImpl = options.fetchImpl ?? fetch;
  let url = raw.trim();
  try {
    for (let hop = 0; hop < 5; hop++) {
      const response = await fetchImpl(url, { redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs ?? 15_000), headers: { accept: 'application/samlmetadata+xml, application/xml, text/xml' } });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        const next = new URL(location, url).href;
        const redirectProblem = metadataUrlProblem(next);
        if (redirectProblem) return { ok: false, problem: `The server redirected to ${next}. ${redirectProblem}` };
        url = next;
        continue;
      }
      if (!response.ok) return { ok: false, problem: `${url} answered HTTP ${response.status}. Check the address, or download the file in a browser and import it.` };
      const declared = Number(response.headers.get('content-length') ?? '0');
      if (declared > MAX_METADATA_BYTES) return { ok: false, problem: `${url} is ${declared} bytes, more than the ${MAX_METADATA_BYTES} allowed for metadata.` };
      const body = new Uint8Array(await response.arrayBuffer());
      if (body.length > MAX_METADATA_BYTES) return { ok: false, problem: `${url} sent more than ${MAX_METADATA_BYTES} bytes; that is not IdP metadata.` };
      return { ok: true, text: new TextDecoder().decode(body), url };
    }
    return { ok: false, problem: `${raw} redirected too many times.` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const code = cause?.code ?? (error as Error).name;
    if (code === 'TimeoutError') return { ok: false, problem: `${url} did not answer within the time limit. Download the file in a browser and import it instead.` };
    if (typeof code === 'string' && /CERT|SSL|TLS|SELF_SIGNED/.test(code)) {
      return { ok: false, problem: `The TLS certificate of ${url} is not trusted here (${code}); AD FS often uses an internal CA. Download FederationMetadata.xml in a browser that trusts it and import the file.` };
    }
    return { ok: false, problem: `${url} could not be reached (${cause?.message ?? (error as Error).message}). Check the address and the network, or import the file.` };
  }
}
