/**
 * Reads the SAMLResponse and RelayState out of a captured request: the body of an HTTP-POST binding form
 * (application/x-www-form-urlencoded, SAML 2.0 bindings §3.5.4) or, when an IdP wrongly uses a redirect,
 * the query string. Parsing only: whether the response is any good is the validator's job.
 */

/** A real SAMLResponse is tens of kilobytes; anything beyond this is refused, not parsed. */
export const MAX_FORM_BYTES = 4 * 1024 * 1024;

export interface SamlFormFields {
  samlResponse: string | null;
  relayState: string | null;
  /** Set when the body could not be read as a form at all. */
  problem?: string;
}

export function parseSamlForm(body: Uint8Array, contentType: string | undefined): SamlFormFields {
  if (body.byteLength > MAX_FORM_BYTES) {
    return { samlResponse: null, relayState: null, problem: `The POST body is ${body.byteLength} bytes, more than the ${MAX_FORM_BYTES} a SAML response can be.` };
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(body);
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) return parseMultipart(text, contentType ?? '');
  if (type !== '' && !type.startsWith('application/x-www-form-urlencoded')) {
    return { samlResponse: null, relayState: null, problem: `The POST body is ${type.split(';')[0]}, not an HTML form (application/x-www-form-urlencoded).` };
  }
  return fromParams(new URLSearchParams(text));
}

/** A SAMLResponse sent in the query string (HTTP-Redirect or a plain GET): the site only accepts POST (code 5). */
export function parseSamlQuery(url: string): SamlFormFields {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { samlResponse: null, relayState: null, problem: 'The address is not a valid URL.' };
  }
  return fromParams(parsed.searchParams);
}

function fromParams(params: URLSearchParams): SamlFormFields {
  // URLSearchParams already turned '+' into spaces; base64 never has spaces, but a form that was encoded
  // twice has them where '+' was, so they are put back.
  const samlResponse = params.get('SAMLResponse');
  return {
    samlResponse: samlResponse === null ? null : samlResponse.replace(/ /g, '+'),
    relayState: params.get('RelayState'),
  };
}

function parseMultipart(text: string, contentType: string): SamlFormFields {
  // The boundary is case-sensitive (RFC 2046 §5.1.1), so it is read from the header as sent.
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return { samlResponse: null, relayState: null, problem: 'The multipart POST body names no boundary.' };
  const fields: Record<string, string> = {};
  for (const part of text.split(`--${boundary}`)) {
    const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(part)?.[1];
    const split = part.indexOf('\r\n\r\n');
    if (name === undefined || split === -1) continue;
    fields[name] = part.slice(split + 4).replace(/\r\n$/, '');
  }
  return { samlResponse: fields['SAMLResponse'] ?? null, relayState: fields['RelayState'] ?? null };
}
