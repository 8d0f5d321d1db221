/**
 * The capture against a real Chromium (Debian's, headless, over the DevTools pipe): a page on one loopback
 * server auto-posts a SAML form to the "site" on another; the capture must read it before the site sees it,
 * unless forwarding is on.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { launchSigninBrowser, liveBrowserCount } from '../../../../main/domains/signin/browser-launcher.js';
import type { SigninBrowser } from '../../../../main/domains/signin/cdp-session.js';
import { originPattern, startResponseCapture, type CapturedResponse } from '../../../../main/domains/signin/response-capture.js';

const CHROMIUM = { name: 'Chromium', executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium' };

interface Server {
  origin: string;
  hits: { method: string; url: string; body: string }[];
  close(): Promise<void>;
}

async function serve(handler: (request: http.IncomingMessage, body: string, response: http.ServerResponse) => void): Promise<Server> {
  const hits: Server['hits'] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      hits.push({ method: request.method ?? '', url: request.url ?? '', body });
      handler(request, body, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function autoPost(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${value.replace(/"/g, '&quot;')}">`)
    .join('');
  return `<!doctype html><html><body onload="document.forms[0].submit()"><form method="post" action="${action}">${inputs}</form></body></html>`;
}

const opened: SigninBrowser[] = [];
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((browser) => browser.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function open(): Promise<SigninBrowser> {
  const browser = await launchSigninBrowser({ browser: CHROMIUM, headless: true, isRoot: process.getuid?.() === 0 });
  opened.push(browser);
  await browser.session.send('Page.enable');
  return browser;
}

function nextCapture(): { promise: Promise<CapturedResponse>; events: { onCaptured(r: CapturedResponse): void; onSiteRequest(url: string): void }; siteRequests: string[] } {
  let resolve: (value: CapturedResponse) => void = () => undefined;
  const promise = new Promise<CapturedResponse>((r) => (resolve = r));
  const siteRequests: string[] = [];
  return { promise, events: { onCaptured: (response) => resolve(response), onSiteRequest: (url) => siteRequests.push(url) }, siteRequests };
}

async function pageText(browser: SigninBrowser): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const evaluated = await browser.session.send('Runtime.evaluate', { expression: 'document.body ? document.body.innerText : ""', returnByValue: true });
    const text = (evaluated['result'] as { value?: string }).value ?? '';
    if (text.trim() !== '') return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  return '';
}

describe('originPattern', () => {
  it.each([
    ['https://meet.example.com/saml/acs', 'https://meet.example.com/*'],
    ['https://meet.example.com:8443/a/b?c=d', 'https://meet.example.com:8443/*'],
    ['http://127.0.0.1:5000/acs', 'http://127.0.0.1:5000/*'],
  ])('covers the whole origin of %s', (acs, pattern) => {
    expect(originPattern(acs)).toBe(pattern);
  });
});

describe('response capture in a real Chromium', () => {
  it('captures the POSTed SAMLResponse and RelayState without the site ever seeing them, even at a wrong path', async () => {
    const site = await serve((_request, _body, response) => response.end('site reached'));
    servers.push(site);
    const samlResponse = Buffer.from('<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>').toString('base64');
    const idp = await serve((_request, _body, response) => {
      response.setHeader('Content-Type', 'text/html');
      response.end(autoPost(`${site.origin}/wrong/destination`, { SAMLResponse: samlResponse, RelayState: 'state +&=1' }));
    });
    servers.push(idp);
    const browser = await open();
    const capture = nextCapture();
    await startResponseCapture(browser.session, { acsUrl: `${site.origin}/saml/acs`, forwardToSite: false }, capture.events);
    await browser.session.send('Page.navigate', { url: `${idp.origin}/sso` });
    const captured = await capture.promise;
    expect(captured).toMatchObject({ url: `${site.origin}/wrong/destination`, method: 'POST', binding: 'POST', samlResponse, relayState: 'state +&=1' });
    expect(await pageText(browser)).toContain('Response captured');
    expect(site.hits).toEqual([]);
  });

  it('lets the POST continue to the site when forwarding is on', async () => {
    const site = await serve((_request, _body, response) => {
      response.setHeader('Content-Type', 'text/html');
      response.end('<html><body>Site says: SSO protocol error</body></html>');
    });
    servers.push(site);
    const idp = await serve((_request, _body, response) => {
      response.setHeader('Content-Type', 'text/html');
      response.end(autoPost(`${site.origin}/saml/acs`, { SAMLResponse: 'PHg+PC94Pg==' }));
    });
    servers.push(idp);
    const browser = await open();
    const capture = nextCapture();
    await startResponseCapture(browser.session, { acsUrl: `${site.origin}/saml/acs`, forwardToSite: true }, capture.events);
    await browser.session.send('Page.navigate', { url: `${idp.origin}/sso` });
    expect((await capture.promise).samlResponse).toBe('PHg+PC94Pg==');
    expect(await pageText(browser)).toContain('Site says');
    expect(site.hits.filter((hit) => hit.method === 'POST').map((hit) => hit.body)).toEqual(['SAMLResponse=PHg%2BPC94Pg%3D%3D']);
  });

  it('reports a response sent in the query string as a GET binding', async () => {
    const site = await serve((_request, _body, response) => response.end('site'));
    servers.push(site);
    const browser = await open();
    const capture = nextCapture();
    await startResponseCapture(browser.session, { acsUrl: `${site.origin}/acs`, forwardToSite: false }, capture.events);
    await browser.session.send('Page.navigate', { url: `${site.origin}/acs?SAMLResponse=abc%2B&RelayState=x` });
    expect(await capture.promise).toMatchObject({ method: 'GET', binding: 'GET', samlResponse: 'abc+', relayState: 'x' });
    expect(site.hits).toEqual([]);
  });

  it('ends the browser process and reports the window closed when the browser goes away', async () => {
    const before = liveBrowserCount();
    const browser = await open();
    expect(liveBrowserCount()).toBe(before + 1);
    let closed = false;
    void browser.closed.then(() => (closed = true));
    await browser.close();
    await browser.closed;
    expect(closed).toBe(true);
    expect(liveBrowserCount()).toBe(before);
  });
});
