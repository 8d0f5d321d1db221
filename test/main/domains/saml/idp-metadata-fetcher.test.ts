import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_METADATA_BYTES, fetchIdpMetadata, metadataUrlProblem } from '../../../../main/domains/saml/idp-metadata-fetcher.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => { s.closeAllConnections(); s.close(resolve); })));
});

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('fetchIdpMetadata', () => {
  it.each([
    ['https://adfs.example.com/FederationMetadata/2007-06/FederationMetadata.xml', null],
    ['http://127.0.0.1:8080/metadata', null],
    ['http://adfs.example.com/metadata', /must use https/],
    ['file:///etc/passwd', /must use https/],
    ['not a url', /not a URL/],
  ])('checks %s', (url, want) => {
    const problem = metadataUrlProblem(url);
    if (want === null) expect(problem).toBeNull();
    else expect(problem).toMatch(want);
  });

  it('downloads, following a same-scheme redirect', async () => {
    const port = await listen(createServer((req, res) => {
      if (req.url === '/old') res.writeHead(302, { location: '/md' }).end();
      else res.writeHead(200, { 'content-type': 'application/xml' }).end('<md:EntityDescriptor/>');
    }));
    const result = await fetchIdpMetadata(`http://127.0.0.1:${port}/old`);
    expect(result).toEqual({ ok: true, text: '<md:EntityDescriptor/>', url: `http://127.0.0.1:${port}/md` });
  });

  it('refuses a redirect to plain HTTP elsewhere, an error status, an oversized body and a silent server', async () => {
    const port = await listen(createServer((req, res) => {
      if (req.url === '/redirect') res.writeHead(302, { location: 'http://evil.example.com/md' }).end();
      else if (req.url === '/big') res.writeHead(200).end(Buffer.alloc(MAX_METADATA_BYTES + 1, 0x61));
      else if (req.url === '/silent') return;
      else res.writeHead(404).end();
    }));
    expect(await fetchIdpMetadata(`http://127.0.0.1:${port}/redirect`)).toMatchObject({ ok: false, problem: expect.stringMatching(/redirected to http:\/\/evil/) });
    expect(await fetchIdpMetadata(`http://127.0.0.1:${port}/missing`)).toMatchObject({ ok: false, problem: expect.stringMatching(/HTTP 404/) });
    expect(await fetchIdpMetadata(`http://127.0.0.1:${port}/big`)).toMatchObject({ ok: false, problem: expect.stringMatching(/more than/) });
    expect(await fetchIdpMetadata(`http://127.0.0.1:${port}/silent`, { timeoutMs: 300 })).toMatchObject({ ok: false, problem: expect.stringMatching(/time limit/) });
  });

  it('explains an untrusted TLS certificate (internal CA) and how to import the file instead', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sso-wizard-fetch-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'k'), '-out', path.join(dir, 'c'), '-days', '2', '-subj', '/CN=localhost'], { stdio: 'ignore' });
      const server = createHttpsServer({ key: readFileSync(path.join(dir, 'k')), cert: readFileSync(path.join(dir, 'c')) }, (_req, res) => res.end('<x/>'));
      const port = await listen(server as unknown as Server);
      const result = await fetchIdpMetadata(`https://localhost:${port}/md`);
      expect(result).toMatchObject({ ok: false, problem: expect.stringMatching(/not trusted here[\s\S]*import the file/) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
