/**
 * Real HTTP requests against the running browser-mode server: every refusal the issue names (no token,
 * wrong token, foreign Origin, foreign Host) and the paths that must work.
 */
import http from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../../main/app/core/create-core.js';
import { MAX_BODY_BYTES, startBrowserModeServer, type BrowserModeServer } from '../../../../main/doors/http/browser-mode-server.js';
import { useTempDirs } from '../../../support/temp-dir.js';
import { testOutside } from '../../../support/test-outside.js';

const tempDir = useTempDirs();
let server: BrowserModeServer;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request, so Host and Origin are exactly what the test says (fetch would fix them up). */
function request(options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, method: options.method ?? 'GET', path: options.path, headers: options.headers, setHost: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function api(channel: string, headers: Record<string, string>, body = '{}'): Promise<Reply> {
  return request({ method: 'POST', path: `/api/${channel}`, headers: { 'Content-Type': 'application/json', ...headers }, body });
}

function good(): Record<string, string> {
  return { Host: `127.0.0.1:${server.port}`, Origin: server.origin, 'X-SSO-Wizard-Token': server.token };
}

beforeEach(async () => {
  const rendererDir = tempDir();
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>wizard</title>');
  mkdirSync(path.join(rendererDir, 'assets'));
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  const core = createCore({ frontDoor: 'browser', outside: testOutside(), dataDir: tempDir() });
  server = await startBrowserModeServer({ dispatch: core.dispatch, rendererDir });
});
afterEach(async () => {
  await server.close();
});

describe('browser-mode server', () => {
  it('binds 127.0.0.1 only, with a long random token in the fragment of its URL', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
  });

  it('answers a correct API call', async () => {
    const reply = await api('profile.list', good());
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ ok: true, value: { profiles: [], activeProfileId: null } });
  });

  it.each([
    { name: 'no token', drop: 'X-SSO-Wizard-Token', status: 401 },
    { name: 'a wrong token', set: { 'X-SSO-Wizard-Token': 'A'.repeat(43) }, status: 401 },
    { name: 'a token of another length', set: { 'X-SSO-Wizard-Token': 'short' }, status: 401 },
    { name: 'a foreign Origin', set: { Origin: 'http://evil.example' }, status: 403 },
    { name: 'a loopback Origin on another port', set: { Origin: 'http://127.0.0.1:1' }, status: 403 },
    { name: 'no Origin', drop: 'Origin', status: 403 },
    { name: 'a foreign Host (DNS rebinding)', set: { Host: 'evil.example' }, status: 403 },
    { name: 'localhost instead of the bound address', set: { Host: 'localhost' }, status: 403 },
  ] as Array<{ name: string; set?: Record<string, string>; drop?: string; status: number }>)('refuses an API call with $name, and does nothing', async ({ set, drop, status }) => {
    const headers: Record<string, string> = { ...good(), ...(set ?? {}) };
    if (drop) delete headers[drop];
    if (set && 'Host' in set) headers['Host'] = `${set.Host}:${server.port}`;
    const reply = await api('profile.create', headers, JSON.stringify({ name: 'x', siteUrl: 'https://a.example.com' }));
    expect(reply.status).toBe(status);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const list = JSON.parse((await api('profile.list', good())).body);
    expect(list.value.profiles).toEqual([]);
  });

  it('refuses even static pages for a foreign Host', async () => {
    const reply = await request({ path: '/', headers: { Host: 'evil.example' } });
    expect(reply.status).toBe(403);
    expect(reply.body).not.toContain('<title>');
  });

  it('answers the page on localhost:PORT with a short HTML page naming the 127.0.0.1 link, and no token', async () => {
    const reply = await request({ path: '/', headers: { Host: `localhost:${server.port}` } });
    expect(reply.status).toBe(421);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.headers['content-security-policy']).toContain("default-src 'none'");
    expect(reply.body).toContain(`href="${server.origin}/"`);
    expect(reply.body).toContain('127.0.0.1, not localhost');
    expect(reply.body).not.toContain(server.token);
    expect(reply.body).not.toContain('<title>wizard</title>');
  });

  it.each([
    { name: 'localhost on another port', host: 'localhost:1', path: '/' },
    { name: 'a foreign host name', host: 'localhost.evil.example', path: '/' },
    { name: 'the API under localhost', host: 'localhost', path: '/api/profile.list' },
  ])('keeps refusing $name with 403 and no page', async ({ host, path: p }) => {
    const reply = await request({ path: p, headers: { Host: host === 'localhost' ? `localhost:${server.port}` : host } });
    expect(reply.status).toBe(403);
    expect(reply.body).not.toContain('<html');
  });

  it('serves the UI with the strict CSP and no token needed for the page itself', async () => {
    const reply = await request({ path: '/', headers: { Host: `127.0.0.1:${server.port}` } });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<title>wizard</title>');
    expect(reply.headers['content-security-policy']).toContain("default-src 'none'");
    expect(reply.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(reply.headers['x-frame-options']).toBe('DENY');
  });

  it.each(['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/../../secret.html', '/%00index.html', '/%E0%A4%A'])(
    'serves nothing outside the UI folder: %s',
    async (p) => {
      const reply = await request({ path: p, headers: { Host: `127.0.0.1:${server.port}` } });
      expect(reply.status).toBe(404);
    },
  );

  it('refuses GET on the API, a non-JSON body, bad JSON and an oversized body with clear errors', async () => {
    expect((await request({ method: 'GET', path: '/api/profile.list', headers: good() })).status).toBe(405);
    expect((await api('profile.list', { ...good(), 'Content-Type': 'text/plain' })).status).toBe(415);
    const bad = await api('profile.list', good(), '{nope');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.message).toMatch(/not valid JSON/);
    const huge = await api('profile.list', good(), `"${'x'.repeat(MAX_BODY_BYTES + 10)}"`);
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body).error.message).toMatch(/larger than 8 MB/);
  });

  it('reports an unknown channel and invalid input as results', async () => {
    expect(JSON.parse((await api('nope.nothing', good())).body)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    const invalid = JSON.parse((await api('profile.create', good(), JSON.stringify({ name: 'x', siteUrl: 'ftp://x' }))).body);
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'siteUrl' } });
  });
});
