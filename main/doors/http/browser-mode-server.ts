/**
 * Browser mode: the wizard's UI and API served on 127.0.0.1 only, for machines where the desktop app cannot
 * be installed. Every request must name the exact loopback host and port that was bound (a DNS-rebinding
 * page has its own host name in Host); every API call must also come from this origin and carry the per-run
 * token, which the UI receives in the URL fragment (never sent to a server, never logged).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTP_API_PREFIX, TOKEN_HEADER } from '../../../shared/api/contract.js';
import { appError } from '../../../shared/app-errors.js';
import type { Result } from '../../../shared/result.js';
import type { Dispatcher } from '../../app/core/dispatcher.js';
import { SECURITY_HEADERS } from '../../../shared/content-security-policy.js';
import { readStaticAsset } from '../../platform/static-assets.js';

export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface BrowserModeServer {
  /** The address to open, with the token in the fragment. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export interface BrowserModeOptions {
  dispatch: Dispatcher;
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
}

export async function startBrowserModeServer(options: BrowserModeOptions): Promise<BrowserModeServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const expectedToken = Buffer.from(token);
  let origin = '';
  let host = '';
  let port = 0;

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      process.stderr.write(`[browser-mode] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      if (!response.headersSent) sendResult(response, 500, appError('internal'));
      else response.destroy();
    });
  });
  // A slow or stalled client must not hold the server.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (request.headers.host !== host) {
      // localhost:PORT is this server under another name (a user retyped the link): say which link works. The page
      // holds nothing secret (the token lives only in the fragment, which never reaches a server), and the API
      // stays refused, so the Host check keeps its guard against DNS rebinding.
      if (request.headers.host === `localhost:${port}` && !path.startsWith(HTTP_API_PREFIX) && (request.method === 'GET' || request.method === 'HEAD')) {
        const page = useLoopbackPage(origin);
        response.writeHead(421, { ...SECURITY_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(page) });
        response.end(request.method === 'HEAD' ? undefined : page);
        return;
      }
      return sendResult(response, 403, forbidden(`The Host header must be ${host}.`));
    }
    if (path.startsWith(HTTP_API_PREFIX)) return handleApi(request, response, path.slice(HTTP_API_PREFIX.length));
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...SECURITY_HEADERS, Allow: 'GET, HEAD' }).end();
      return;
    }
    const asset = await readStaticAsset(options.rendererDir, path);
    if (!asset) {
      response.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': asset.type, 'Content-Length': asset.body.length });
    response.end(request.method === 'HEAD' ? undefined : asset.body);
  }

  async function handleApi(request: http.IncomingMessage, response: http.ServerResponse, channel: string): Promise<void> {
    if (request.headers.origin !== origin) {
      return sendResult(response, 403, forbidden(`Requests must come from ${origin}.`));
    }
    const given = request.headers[TOKEN_HEADER];
    if (typeof given !== 'string' || !tokenMatches(given)) {
      return sendResult(response, 401, forbidden('The request does not carry this run\'s token.'));
    }
    if (request.method !== 'POST') {
      return sendResult(response, 405, appError('invalid-input', { message: 'API calls must use POST.', hint: 'Use the wizard\'s own client.' }));
    }
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendResult(response, 415, appError('invalid-input', { message: 'API calls must send JSON.', hint: 'Set Content-Type: application/json.' }));
    }
    const body = await readBody(request);
    if (body === 'too-large') {
      return sendResult(
        response,
        413,
        appError('invalid-input', { message: `The request is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`, hint: 'Certificates and metadata are far smaller: check that the right file was chosen.' }),
      );
    }
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      return sendResult(response, 400, appError('invalid-input', { message: 'The request body is not valid JSON.', hint: 'Send a JSON object.' }));
    }
    sendResult(response, 200, await options.dispatch(decodeURIComponent(channel), input));
  }

  function tokenMatches(given: string): boolean {
    const candidate = Buffer.from(given);
    return candidate.length === expectedToken.length && timingSafeEqual(candidate, expectedToken);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  host = `127.0.0.1:${port}`;
  origin = `http://${host}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The small page answered to http://localhost:PORT/: the wizard answers only on 127.0.0.1 (so that a page on
 * another name cannot reach it), and the link to use. No script (the CSP forbids it), no token.
 */
export function useLoopbackPage(origin: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>SSO Setup Wizard: use the 127.0.0.1 link</title></head>
<body>
<main>
<h1>Open the wizard at 127.0.0.1, not localhost</h1>
<p>Browser mode answers only on <strong>${origin}</strong>, so that no other site can reach it under another name.</p>
<p>Open the link the wizard printed when it started: it begins <code>${origin}/#token=</code>. Or replace
<code>localhost</code> with <code>127.0.0.1</code> in the address bar and keep everything after the <code>#</code>.</p>
<p><a href="${origin}/">${origin}/</a> (without the token from the printed link, the wizard asks for it.)</p>
</main>
</body>
</html>
`;
}

function forbidden(message: string): Result<never> {
  return appError('forbidden', { message, hint: 'Open the wizard from the link it printed when it started.' });
}

function sendResult(response: http.ServerResponse, status: number, result: Result<unknown>): void {
  const body = JSON.stringify(result);
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}

function readBody(request: http.IncomingMessage): Promise<string | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      if (!tooLarge) chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
