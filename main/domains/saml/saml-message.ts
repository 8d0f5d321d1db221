/**
 * Takes a SAML message out of whatever was pasted or posted (raw XML, Base64, URL-encoded Base64, a whole form
 * body) without parsing it: linear string work only, so the caller's thread may use it (to see whether an
 * assertion is encrypted, before loading a key) while the XML itself is parsed by a runner with a time limit.
 */
import { constants as zlibConstants, inflateRawSync } from 'node:zlib';

export type DecodedSamlMessage =
  | { ok: true; xml: string; /** The Base64 exactly as posted (URL/form decoding undone), or null when XML was given. */ original: string | null }
  | { ok: false; problem: string; /** DEFLATE-encoded: the HTTP-Redirect binding, which the site refuses (code 5). */ redirectEncoded?: true };

/** Whether the bytes start a raw DEFLATE stream of XML. Only the first bytes are inflated, to name the encoding. */
function isDeflatedXml(bytes: Buffer): boolean {
  try {
    const head = inflateRawSync(bytes.subarray(0, 512), { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: 4096 });
    return head.toString('utf8').replace(/^\uFEFF/, '').trimStart().startsWith('<');
  } catch {
    return false;
  }
}

/**
 * Takes the XML out of whatever was pasted: raw XML, Base64, URL-encoded Base64 or a form body. A DEFLATE-encoded
 * message (HTTP-Redirect binding, saml-bindings §3.4.4.1) is named, never inflated and judged: the site accepts
 * responses by POST only (code 5).
 */
export function decodeSamlMessage(raw: string): DecodedSamlMessage {
  let text = raw.trim().replace(/^\uFEFF/, '');
  if (text === '') return { ok: false, problem: 'The SAMLResponse is empty.' };
  if (text.startsWith('<')) return { ok: true, xml: text, original: null };
  const formField = /(?:^|[&?])SAMLResponse=([^&]*)/.exec(text);
  if (formField) text = formField[1] as string;
  if (/%[0-9A-Fa-f]{2}/.test(text)) {
    try {
      text = decodeURIComponent(text.replace(/\+/g, ' '));
    } catch {
      return { ok: false, problem: 'The SAMLResponse is URL-encoded but the encoding is broken.' };
    }
  }
  const original = text.trim();
  text = text.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
  // Spaces that were "+" before a form decoder turned them into spaces are already removed: restore nothing.
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return { ok: false, problem: 'The SAMLResponse is neither XML nor Base64.' };
  const bytes = Buffer.from(text, 'base64');
  const asText = bytes.toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (asText.startsWith('<')) return { ok: true, xml: asText, original };
  if (isDeflatedXml(bytes)) {
    return { ok: false, redirectEncoded: true, problem: 'The SAMLResponse is DEFLATE-compressed: it was sent with the HTTP-Redirect binding.' };
  }
  return { ok: false, problem: 'The SAMLResponse decodes from Base64 but the result is not XML.' };
}
