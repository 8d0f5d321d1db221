/**
 * The Date header (RFC 9110 §6.6.1) of one HEAD request, with this computer's clock at the moment the answer
 * arrived: a server's clock, read over HTTP. Only the Date is read (no body, no trust decision is made on the
 * answer), with a time limit; failures are named (DNS, refused, timeout, TLS).
 */
import http from 'node:http';
import https from 'node:https';
import { loopbackOnlyRefusal } from './loopback-only.js';

export type HttpDateResult = { ok: true; dateHeader: string | null; readAt: number; status: number } | { ok: false; problem: string };

export function probeHttpDate(url: string, options: { timeoutMs?: number } = {}): Promise<HttpDateResult> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve({ ok: false, problem: `"${url}" is not a URL.` });
  }
  const client = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : null;
  if (!client) return Promise.resolve({ ok: false, problem: `${url} is not an http(s) address.` });
  const refused = loopbackOnlyRefusal(target.hostname);
  if (refused) return Promise.resolve({ ok: false, problem: refused });
  return new Promise((resolve) => {
    const request = client.request(target, { method: 'HEAD', timeout: timeoutMs, headers: { 'user-agent': 'sso-wizard-health-check' }, ...(target.protocol === 'https:' ? { rejectUnauthorized: false } : {}) }, (response) => {
      response.resume();
      const date = response.headers.date ?? null;
      resolve({ ok: true, dateHeader: date, readAt: Date.now(), status: response.statusCode ?? 0 });
      request.destroy();
    });
    request.on('timeout', () => {
      request.destroy();
      resolve({ ok: false, problem: `${target.host} did not answer within ${Math.round(timeoutMs / 1000)} s.` });
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? '';
      if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') resolve({ ok: false, problem: `The name ${target.hostname} could not be resolved (${code}).` });
      else if (code === 'ECONNREFUSED') resolve({ ok: false, problem: `${target.host} refused the connection.` });
      else resolve({ ok: false, problem: `${target.host} could not be reached (${code || error.message}).` });
    });
    request.end();
  });
}
