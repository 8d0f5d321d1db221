/**
 * The health check's probes under SSO_WIZARD_LOOPBACK_ONLY=1 (set by the test harnesses): a non-loopback host
 * is refused before any lookup or connection, with a finding that says why; loopback addresses still answer.
 */
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { probeHttpDate } from '../../../main/platform/http-date-probe.js';
import { loopbackOnlyRefusal, LOOPBACK_ONLY_ENV } from '../../../main/platform/loopback-only.js';
import { probeTls } from '../../../main/platform/tls-probe.js';

describe('loopback-only guard', () => {
  const before = process.env[LOOPBACK_ONLY_ENV];
  beforeEach(() => {
    process.env[LOOPBACK_ONLY_ENV] = '1';
  });
  afterEach(() => {
    if (before === undefined) delete process.env[LOOPBACK_ONLY_ENV];
    else process.env[LOOPBACK_ONLY_ENV] = before;
  });

  it.each(['127.0.0.1', '127.12.0.9', 'localhost', 'LOCALHOST', '::1', '[::1]'])('lets %s through', (host) => {
    expect(loopbackOnlyRefusal(host)).toBeNull();
  });

  it.each(['meet.example.com', '10.0.0.1', '128.0.0.1', '127.0.0.1.example.com', '::ffff:8.8.8.8'])('refuses %s, saying why', (host) => {
    expect(loopbackOnlyRefusal(host)).toBe(`${host} was not contacted: this run may reach loopback addresses only (SSO_WIZARD_LOOPBACK_ONLY=1 is set).`);
  });

  it('is off unless the variable is exactly 1', () => {
    expect(loopbackOnlyRefusal('meet.example.com', {})).toBeNull();
    expect(loopbackOnlyRefusal('meet.example.com', { [LOOPBACK_ONLY_ENV]: 'yes' })).toBeNull();
  });

  it('stops both probes before they contact a non-loopback host', async () => {
    await expect(probeTls({ host: 'meet.example.com', port: 443, serverName: 'meet.example.com', headPath: '/', timeoutMs: 5_000 })).resolves.toEqual({ ok: false, failure: 'network', problem: expect.stringMatching(/^meet\.example\.com was not contacted/) });
    await expect(probeHttpDate('https://idp.example.com/FederationMetadata/2007-06/FederationMetadata.xml')).resolves.toEqual({ ok: false, problem: expect.stringMatching(/^idp\.example\.com was not contacted/) });
  });

  it('still reaches a loopback server (the probe gets as far as the handshake)', async () => {
    const server = createServer((socket) => socket.end('not TLS\r\n'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const result = await probeTls({ host: '127.0.0.1', port, serverName: 'meet.example.com', headPath: '/', timeoutMs: 5_000 });
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.problem).not.toMatch(/was not contacted/);
    } finally {
      server.close();
    }
  });
});
