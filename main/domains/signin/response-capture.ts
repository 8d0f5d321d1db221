/**
 * Catches the IdP's answer to the site in flight. The Fetch domain pauses every request to the ACS URL's
 * origin (the whole origin, not only the ACS path, so a response posted to a wrong Destination is still
 * caught); a POST carrying SAMLResponse is read from `postDataEntries` and, by default, answered locally with
 * a "captured" page so it never reaches the site (a half-restored site cannot spoil the test). With
 * forwarding on, it continues to the site so the site's own verdict can be read too.
 */
import type { CaptureBinding } from '../../../shared/signin/signin-schemas.js';
import type { CdpSession } from './cdp-session.js';
import { parseSamlForm, parseSamlQuery } from './form-body-parser.js';

export interface CapturedResponse {
  /** Where the IdP sent it (may differ from the ACS URL: that is a finding, not a capture failure). */
  url: string;
  method: string;
  binding: CaptureBinding;
  /** The SAMLResponse parameter exactly as sent (base64 for POST), or null when the request had none. */
  samlResponse: string | null;
  relayState: string | null;
  problem?: string;
}

export interface CaptureOptions {
  acsUrl: string;
  forwardToSite: boolean;
}

export interface CaptureEvents {
  onCaptured(response: CapturedResponse): void;
  /** The browser went to the site without a SAML response (e.g. an error redirect): its address may carry a code. */
  onSiteRequest(url: string): void;
}

export interface ResponseCapture {
  stop(): Promise<void>;
}

/** A CDP Fetch URL pattern covering every path of the ACS URL's origin ('*' matches any characters). */
export function originPattern(acsUrl: string): string {
  const url = new URL(acsUrl);
  return `${url.origin}/*`;
}

export const CAPTURED_PAGE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Response captured - SSO Setup Wizard</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em;color:#1b1b1b}</style>
</head><body><h1>Response captured</h1>
<p>The SSO Setup Wizard captured the identity provider's SAML response. It was not sent to the site.</p>
<p>Return to the wizard to see the result. You can close this window.</p></body></html>`;

interface PausedRequest {
  requestId: string;
  networkId?: string;
  resourceType?: string;
  request: {
    url: string;
    method: string;
    headers?: Record<string, string>;
    hasPostData?: boolean;
    postDataEntries?: { bytes?: string }[];
  };
}

export async function startResponseCapture(session: CdpSession, options: CaptureOptions, events: CaptureEvents): Promise<ResponseCapture> {
  let captured = false;
  // Any of these may race with the window closing; a failed answer to a closed page is not an error.
  const answer = (method: string, params: Record<string, unknown>) => session.send(method, params).catch(() => undefined);
  const fulfill = (requestId: string, status: number, html: string) =>
    answer('Fetch.fulfillRequest', {
      requestId,
      responseCode: status,
      responseHeaders: [
        { name: 'Content-Type', value: 'text/html; charset=utf-8' },
        { name: 'Cache-Control', value: 'no-store' },
      ],
      body: Buffer.from(html, 'utf8').toString('base64'),
    });

  const handle = async (paused: PausedRequest): Promise<void> => {
    const { request, requestId } = paused;
    const isDocument = paused.resourceType === undefined || paused.resourceType === 'Document';
    if (!captured && isDocument) {
      const response = await readSamlRequest(session, paused);
      if (response.samlResponse !== null || response.method === 'POST') {
        captured = true;
        events.onCaptured(response);
        if (options.forwardToSite) await answer('Fetch.continueRequest', { requestId });
        else await fulfill(requestId, 200, CAPTURED_PAGE_HTML);
        return;
      }
      events.onSiteRequest(request.url);
    }
    if (options.forwardToSite) {
      await answer('Fetch.continueRequest', { requestId });
    } else if (isDocument) {
      await fulfill(requestId, 200, CAPTURED_PAGE_HTML.replace('Response captured', 'Stopped at the site'));
    } else {
      // favicon.ico and friends: answer locally so nothing reaches the site.
      await answer('Fetch.fulfillRequest', { requestId, responseCode: 204, responseHeaders: [] });
    }
  };

  const off = session.on('Fetch.requestPaused', (params) => {
    void handle(params as unknown as PausedRequest);
  });
  await session.send('Fetch.enable', { patterns: [{ urlPattern: originPattern(options.acsUrl), requestStage: 'Request' }] });
  return {
    stop: async () => {
      off();
      await session.send('Fetch.disable').catch(() => undefined);
    },
  };
}

async function readSamlRequest(session: CdpSession, paused: PausedRequest): Promise<CapturedResponse> {
  const { request } = paused;
  const method = request.method.toUpperCase();
  if (method !== 'POST') {
    const fields = parseSamlQuery(request.url);
    const hasSignature = /[?&]Signature=/.test(request.url);
    return { url: request.url, method, binding: hasSignature ? 'Redirect' : 'GET', ...fields };
  }
  let body = Buffer.concat((request.postDataEntries ?? []).map((entry) => Buffer.from(entry.bytes ?? '', 'base64')));
  if (body.length === 0 && request.hasPostData && paused.networkId) {
    // Chromium leaves large bodies out of the paused event; ask the network domain for them.
    const fetched = await session.send('Network.getRequestPostData', { requestId: paused.networkId }).catch(() => undefined);
    const postData = fetched?.['postData'];
    if (typeof postData === 'string') body = Buffer.from(postData, fetched?.['base64Encoded'] === true ? 'base64' : 'utf8');
  }
  const contentType = Object.entries(request.headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  return { url: request.url, method, binding: 'POST', ...parseSamlForm(body, contentType) };
}
