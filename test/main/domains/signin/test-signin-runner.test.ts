/**
 * The runner end to end against a real headless Chromium and loopback HTTP servers standing in for the IdP
 * and the site. The validator here is a stand-in that records what it was given (the real one is tested on
 * its own, and with SimpleSAMLphp in the e2e suite); time is controlled through the injected scheduler.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { launchSigninBrowser, liveBrowserCount } from '../../../../main/domains/signin/browser-launcher.js';
import { SigninBrowserUnavailable, type SigninBrowser } from '../../../../main/domains/signin/cdp-session.js';
import { decodePageText } from '../../../../main/app/core/signin-engine.js';
import { SETUP_GUARD_MS, TestSigninRun, type SigninRunnerDeps, type SigninRunSettings, type ValidateRequest } from '../../../../main/domains/signin/test-signin-runner.js';

const CHROMIUM = { name: 'Chromium', executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium' };
const NOW = new Date('2026-11-28T12:00:00Z');

interface Server {
  origin: string;
  close(): Promise<void>;
}

async function serve(handler: (request: http.IncomingMessage, response: http.ServerResponse) => void): Promise<Server> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A stand-in IdP: its SSO URL answers with a form that auto-posts a response to the site's ACS URL. */
async function fakeIdp(acsUrl: string, options: { status?: number; page?: string } = {}): Promise<Server & { requests: string[] }> {
  const requests: string[] = [];
  const server = await serve((request, response) => {
    requests.push(request.url ?? '');
    response.writeHead(options.status ?? 200, { 'Content-Type': 'text/html' });
    if (options.page !== undefined) return response.end(options.page);
    if ((request.url ?? '').startsWith('/login')) return response.end('<html><body><form><input name="username"></form></body></html>');
    response.end(`<html><body onload="document.forms[0].submit()"><form method="post" action="${acsUrl}"><input type="hidden" name="SAMLResponse" value="UkVTUE9OU0U="></form></body></html>`);
  });
  servers.push(server);
  return { ...server, requests };
}

function harness(options: { open?: () => Promise<SigninBrowser> } = {}) {
  const validated: ValidateRequest[] = [];
  const timers: { ms: number; task: () => void; cancelled: boolean }[] = [];
  const finished: string[] = [];
  const deps: SigninRunnerDeps<{ ok: boolean }> = {
    openBrowser: options.open ?? (() => launchSigninBrowser({ browser: CHROMIUM, headless: true, isRoot: process.getuid?.() === 0 })),
    buildAuthnRequest: ({ idpSsoUrl }) => ({ id: '_req-1', redirectUrl: `${idpSsoUrl}?SAMLRequest=abc` }),
    validate: (request) => {
      validated.push(request);
      return { ok: true };
    },
    summarise: () => ({ signsIn: true, subject: 'alice@example.com', codes: [] }),
    decodePage: decodePageText,
    now: () => NOW,
    schedule: (ms, task) => {
      const timer = { ms, task, cancelled: false };
      timers.push(timer);
      return () => (timer.cancelled = true);
    },
    onFinished: async (result) => {
      finished.push(result.outcome);
    },
  };
  return { deps, validated, timers, finished };
}

function settings(idpSsoUrl: string, extra: Partial<SigninRunSettings> = {}): SigninRunSettings {
  return {
    sp: { siteUrl: 'https://meet.example.test/', spEntityId: 'https://meet.example.test', acsUrl: 'https://meet.example.test/saml/acs' },
    idp: { entityId: 'http://idp.example/metadata', ssoUrl: idpSsoUrl, certificatesPem: ['PEM'] },
    initiation: 'sp',
    forwardToSite: false,
    timeoutMs: 300_000,
    ...extra,
  };
}

async function until(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !predicate(); i++) await new Promise((r) => setTimeout(r, 50));
}

describe('TestSigninRun with a real Chromium', () => {
  it('SP-initiated: sends the AuthnRequest, captures the response, validates it with the request ID, closes the window', async () => {
    const baseline = liveBrowserCount();
    const idp = await fakeIdp('https://meet.example.test/saml/acs');
    const { deps, validated, finished } = harness();
    const run = new TestSigninRun('run-1', settings(`${idp.origin}/sso`), deps);
    const result = await run.done;
    expect(result).toMatchObject({ outcome: 'checked', verdict: 'would-sign-in', subject: 'alice@example.com', requestId: '_req-1', message: 'Would sign in as alice@example.com.' });
    expect(result.captured).toEqual({ url: 'https://meet.example.test/saml/acs', binding: 'POST', relayState: null });
    expect(validated).toEqual([expect.objectContaining({ samlResponse: 'UkVTUE9OU0U=', binding: 'POST', requestId: '_req-1', now: NOW })]);
    expect(idp.requests.filter((url) => url !== '/favicon.ico')).toEqual(['/sso?SAMLRequest=abc']);
    expect(run.events.map((e) => e.kind)).toEqual(['info', 'waiting', 'captured', 'checking', 'finished']);
    expect(run.events[1]?.message).toBe(`Waiting for you to sign in at ${new URL(idp.origin).host}…`);
    expect(finished).toEqual(['checked']);
    expect(run.state).toBe('finished');
    expect(liveBrowserCount()).toBe(baseline);
  });

  it('IdP-initiated: opens the SimpleSAMLphp-style URL without an AuthnRequest, so nothing is passed as InResponseTo', async () => {
    const idp = await fakeIdp('https://meet.example.test/saml/acs');
    const { deps, validated } = harness();
    const result = await new TestSigninRun('run-2', settings(`${idp.origin}/saml2/idp/SSOService.php`, { initiation: 'idp' }), deps).done;
    expect(result).toMatchObject({ outcome: 'checked', requestId: null, startUrl: `${idp.origin}/saml2/idp/SSOService.php?spentityid=https%3A%2F%2Fmeet.example.test` });
    expect(validated[0]).not.toHaveProperty('requestId');
  });

  it('IdP-initiated without a known URL pattern asks for the URL before opening any window', async () => {
    let opened = 0;
    const { deps } = harness({ open: () => (opened++, Promise.reject(new Error('no'))) });
    const result = await new TestSigninRun('run-3', settings('https://idp.example/custom/sso', { initiation: 'idp' }), deps).done;
    expect(result.outcome).toBe('failed');
    expect(result.hint).toMatch(/idpinitiatedsignon\.aspx\?loginToRp=/);
    expect(opened).toBe(0);
  });

  it('cancel closes the window and says so', async () => {
    const baseline = liveBrowserCount();
    const idp = await fakeIdp('unused', { page: '<html><body>Sign in<form><input name="username"></form></body></html>' });
    const { deps } = harness();
    const run = new TestSigninRun('run-4', settings(`${idp.origin}/sso`), deps);
    await until(() => run.state === 'waiting');
    run.cancel();
    const result = await run.done;
    expect(result.outcome).toBe('cancelled');
    expect(result.message).toMatch(/cancelled; the sign-in window was closed/);
    expect(liveBrowserCount()).toBe(baseline);
  });

  it('a timeout ends the run with the time waited and where the response should have gone', async () => {
    const baseline = liveBrowserCount();
    const idp = await fakeIdp('unused', { page: '<html><body>Sign in</body></html>' });
    const { deps, timers } = harness();
    const run = new TestSigninRun('run-5', settings(`${idp.origin}/sso`, { timeoutMs: 120_000 }), deps);
    await until(() => run.state === 'waiting');
    // The set-up guard is cancelled once the window is ready; the user's two minutes start then.
    expect(timers.map((t) => [t.ms, t.cancelled])).toEqual([[120_000, true], [120_000, false]]);
    timers.at(-1)?.task();
    const result = await run.done;
    expect(result.outcome).toBe('timeout');
    expect(result.message).toBe('No SAML response arrived within 2 minutes; the sign-in window was closed.');
    expect(result.hint).toContain('https://meet.example.test/saml/acs');
    expect(liveBrowserCount()).toBe(baseline);
  });

  it('an unreachable IdP is reported with the network error and the SSO URL to check', async () => {
    const baseline = liveBrowserCount();
    const closed = await serve(() => undefined);
    const origin = closed.origin;
    await closed.close();
    const { deps } = harness();
    const result = await new TestSigninRun('run-6', settings(`${origin}/sso`), deps).done;
    expect(result.outcome).toBe('idp-unreachable');
    expect(result.message).toMatch(/could not be reached \(net::ERR_CONNECTION_REFUSED\)/);
    expect(result.hint).toContain(`${origin}/sso`);
    expect(liveBrowserCount()).toBe(baseline);
  });

  it('a browser that goes away mid-way ends the run as "window closed"', async () => {
    const baseline = liveBrowserCount();
    const idp = await fakeIdp('unused', { page: '<html><body>Sign in</body></html>' });
    let browser: SigninBrowser | undefined;
    const { deps } = harness({
      open: async () => (browser = await launchSigninBrowser({ browser: CHROMIUM, headless: true, isRoot: process.getuid?.() === 0 })),
    });
    const run = new TestSigninRun('run-7', settings(`${idp.origin}/sso`), deps);
    await until(() => run.state === 'waiting');
    // What a user closing the last window does: the page target goes away.
    // Chromium ignores Page.close while a navigation is still in flight, so it is asked until the page goes.
    let finished = false;
    void run.done.then(() => (finished = true));
    while (!finished) {
      void browser?.session.send('Page.close').catch(() => undefined);
      await Promise.race([run.done, new Promise((r) => setTimeout(r, 300))]);
    }
    const result = await run.done;
    expect(result.outcome).toBe('window-closed');
    expect(result.message).toBe('The sign-in window was closed before the identity provider sent a response.');
    expect(liveBrowserCount()).toBe(baseline);
  });

  it('an IdP error page is read and decoded with the SSO error catalogue', async () => {
    const idp = await fakeIdp('unused', { status: 500, page: '<html><head><title>Error</title></head><body><h1>Error</h1><p>Invalid digital signature. Contact your administrator for further support.</p></body></html>' });
    const { deps } = harness();
    const result = await new TestSigninRun('run-8', settings(`${idp.origin}/sso`), deps).done;
    expect(result.outcome).toBe('error-page');
    expect(result.codes).toEqual([23]);
    expect(result.message).toMatch(/HTTP 500.*SSO error 23/);
    expect(result.errorPage).toMatchObject({ source: 'idp', status: 500, codes: [23] });
  });

  it('no browser on the machine: the run ends with the install hint', async () => {
    const { deps } = harness({ open: () => Promise.reject(new SigninBrowserUnavailable('No Chromium found.', 'Install Chromium.')) });
    const result = await new TestSigninRun('run-9', settings('https://idp.example/sso'), deps).done;
    expect(result).toMatchObject({ outcome: 'browser-unavailable', message: 'No Chromium found.', hint: 'Install Chromium.' });
  });

  it('with forwarding on, the site gets the POST and its own error page is read and decoded', async () => {
    const siteHits: string[] = [];
    const site = await serve((request, response) => {
      siteHits.push(`${request.method} ${request.url}`);
      if (request.method === 'POST') {
        response.writeHead(302, { Location: '/error?errorCode=24' });
        return response.end();
      }
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end('<html><body><h1>Sign-in failed</h1><p>Untrusted Issuer. Contact your administrator for further support.</p></body></html>');
    });
    servers.push(site);
    const acsUrl = `${site.origin}/saml/acs`;
    const idp = await fakeIdp(acsUrl);
    const { deps, validated } = harness();
    const run = new TestSigninRun('run-10', settings(`${idp.origin}/sso`, { forwardToSite: true, sp: { siteUrl: `${site.origin}/`, spEntityId: site.origin, acsUrl } }), deps);
    const result = await run.done;
    expect(validated).toHaveLength(1);
    expect(siteHits.filter((hit) => !hit.includes('favicon'))).toEqual(['POST /saml/acs', 'GET /error?errorCode=24']);
    expect(result.outcome).toBe('checked');
    expect(result.siteAfterForward).toMatchObject({ source: 'site', url: `${site.origin}/error?errorCode=24`, codes: [24] });
    expect(run.events.map((e) => e.message)).toContain('Waiting for the site\'s own answer…');
  });

  it('an IdP error page served with HTTP 200 (SimpleSAMLphp, AD FS) is recognised by its title, and the browser is ended', async () => {
    const baseline = liveBrowserCount();
    const idp = await fakeIdp('unused', { page: '<html><head><title>Metadata not found</title></head><body><h1>Metadata not found</h1><p>Unable to locate metadata for urn:x</p></body></html>' });
    const { deps } = harness();
    const result = await new TestSigninRun('run-11', settings(`${idp.origin}/sso`), deps).done;
    expect(result.outcome).toBe('error-page');
    expect(result.errorPage).toMatchObject({ source: 'idp', status: 200, title: 'Metadata not found', codes: [] });
    expect(result.errorPage?.excerpt).toContain('Unable to locate metadata for urn:x');
    expect(liveBrowserCount()).toBe(baseline);
  });

  it('a login page showing a failed-login message is not taken for an error page', async () => {
    const idp = await fakeIdp('unused', { page: '<html><head><title>Sign in failed</title></head><body><h1>Error</h1><form><input name="username"><input type="password" name="password"></form></body></html>' });
    const { deps, timers } = harness();
    const run = new TestSigninRun('run-12', settings(`${idp.origin}/sso`), deps);
    await until(() => run.state === 'waiting');
    await new Promise((r) => setTimeout(r, 1500));
    expect(run.state).toBe('waiting');
    timers.at(-1)?.task();
    expect((await run.done).outcome).toBe('timeout');
  });

  /** A window without a browser behind it: `send` answers (or not) every set-up command; `close` ends it. */
  function fakeWindow(send: (close: () => void) => Promise<Record<string, unknown>>): SigninBrowser {
    let close: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (close = resolve));
    return { name: 'test window', closed, close: async () => close(), session: { send: () => send(close), on: () => () => undefined, close: () => undefined } };
  }

  it('a window that goes away while the run is still setting it up is reported as closed, not as a fault', async () => {
    const gone = fakeWindow(async (close) => {
      close();
      throw new Error('The browser closed before answering Page.enable.');
    });
    const { deps } = harness({ open: async () => gone });
    const result = await new TestSigninRun('run-13', settings('https://idp.example/sso'), deps).done;
    expect(result.outcome).toBe('window-closed');
  });

  it('a short timeout is the time to sign in, not to set up: a set-up that never answers ends by the guard, and says so', async () => {
    const stuck = fakeWindow(() => new Promise(() => undefined));
    const { deps, timers } = harness({ open: async () => stuck });
    const run = new TestSigninRun('run-14', settings('https://idp.example/sso', { timeoutMs: 1_000 }), deps);
    await until(() => timers.length > 0);
    expect(timers.map((t) => t.ms)).toEqual([SETUP_GUARD_MS]);
    expect(run.state).not.toBe('waiting');
    timers[0]?.task();
    const result = await run.done;
    expect(result.outcome).toBe('timeout');
    expect(result.message).toBe('The sign-in window was not ready after 30 seconds; it was closed.');
  });
});

