/**
 * Reads the certificate chain a TLS server sends, exactly as sent (order included), and optionally the Date
 * header of its answer to one HEAD request on the same connection. Node's getPeerCertificate(true) re-links the
 * chain by issuer and completes it from the trust store, which hides both a missing intermediate and a wrong
 * order; so the handshake is read off the wire instead: TLS 1.2 sends the Certificate message in the clear
 * (RFC 5246 §7.4.2). A server that refuses TLS 1.2 is asked again with TLS 1.3, and the chain is then the
 * re-linked one, with `asSent: false`. Time and size are capped; failures are named (DNS, refused, timeout, TLS).
 */
import net from 'node:net';
import { Duplex } from 'node:stream';
import tls from 'node:tls';
import { loopbackOnlyRefusal } from './loopback-only.js';

export interface TlsProbeTarget {
  /** Where to connect (a node of the site, or the site host itself). */
  host: string;
  port: number;
  /** The name sent as SNI and in the Host header (the site's host name). */
  serverName: string;
  timeoutMs?: number;
  /** Send `HEAD <path>` after the handshake and read the Date header of the answer. */
  headPath?: string;
}

export type TlsProbeFailure = 'dns' | 'refused' | 'timeout' | 'tls' | 'network';

export type TlsProbeResult =
  | {
      ok: true;
      /** DER certificates, leaf first, in the order the server sent them (when asSent). */
      chainDer: Buffer[];
      asSent: boolean;
      protocol: string | null;
      /** The HTTP Date header of the HEAD answer (null when none was asked for or none came). */
      dateHeader: string | null;
      /** This computer's clock when the Date header arrived (ms since epoch). */
      dateReadAt: number | null;
      elapsedMs: number;
    }
  | { ok: false; failure: TlsProbeFailure; problem: string };

const MAX_HANDSHAKE_BYTES = 512 * 1024;
const MAX_HEADER_BYTES = 16 * 1024;

/** The certificate_list of the Certificate handshake message in the plaintext TLS records of `bytes` (RFC 5246 §7.4.2). */
function certificateMessage(bytes: Buffer): Buffer[] | null {
  const handshake: Buffer[] = [];
  let offset = 0;
  while (offset + 5 <= bytes.length) {
    const type = bytes[offset] as number;
    const length = bytes.readUInt16BE(offset + 3);
    if (offset + 5 + length > bytes.length) break;
    if (type === 22) handshake.push(bytes.subarray(offset + 5, offset + 5 + length));
    else if (type === 20) break; // ChangeCipherSpec: what follows is encrypted
    offset += 5 + length;
  }
  const stream = Buffer.concat(handshake);
  let at = 0;
  while (at + 4 <= stream.length) {
    const messageType = stream[at] as number;
    const length = stream.readUIntBE(at + 1, 3);
    if (at + 4 + length > stream.length) return null;
    if (messageType === 11) {
      const body = stream.subarray(at + 4, at + 4 + length);
      const total = body.readUIntBE(0, 3);
      const certificates: Buffer[] = [];
      let position = 3;
      while (position + 3 <= 3 + total && position + 3 <= body.length) {
        const size = body.readUIntBE(position, 3);
        certificates.push(Buffer.from(body.subarray(position + 3, position + 3 + size)));
        position += 3 + size;
      }
      return certificates;
    }
    at += 4 + length;
  }
  return null;
}

function linkedChain(socket: tls.TLSSocket): Buffer[] {
  const chain: Buffer[] = [];
  let certificate = socket.getPeerCertificate(true) as tls.DetailedPeerCertificate | undefined;
  while (certificate?.raw && !chain.some((c) => c.equals(certificate?.raw as Buffer))) {
    chain.push(certificate.raw);
    certificate = certificate.issuerCertificate;
  }
  return chain;
}

function failureOf(error: NodeJS.ErrnoException, target: TlsProbeTarget): { ok: false; failure: TlsProbeFailure; problem: string } {
  const where = `${target.host}:${target.port}`;
  const code = error.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { ok: false, failure: 'dns', problem: `The name ${target.host} could not be resolved (${code}): check the host name and this computer's DNS.` };
  if (code === 'ECONNREFUSED') return { ok: false, failure: 'refused', problem: `${where} refused the connection: nothing listens there (check the port and that the site's web server runs).` };
  if (code === 'ETIMEDOUT') return { ok: false, failure: 'timeout', problem: `${where} did not answer in time (a firewall, or the node is down).` };
  if (/SSL|TLS|ALERT|CERT|EPROTO/i.test(code) || /SSL|TLS|alert|handshake/i.test(error.message)) {
    return { ok: false, failure: 'tls', problem: `The TLS handshake with ${where} failed (${error.message.split('\n')[0] ?? code}): is it an HTTPS port?` };
  }
  return { ok: false, failure: 'network', problem: `${where} could not be reached (${code || error.message}).` };
}

async function attempt(target: TlsProbeTarget, maxVersion: tls.SecureVersion): Promise<TlsProbeResult> {
  const timeoutMs = target.timeoutMs ?? 10_000;
  const started = Date.now();
  return new Promise<TlsProbeResult>((resolve) => {
    const received: Buffer[] = [];
    let receivedBytes = 0;
    let settled = false;
    const raw = net.connect({ host: target.host, port: target.port });
    // The TLS layer reads through this pass-through, so every byte the server sends is seen first.
    const tap = new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, callback) {
        raw.write(chunk, (error) => callback(error ?? null));
      },
      final(callback) {
        raw.end();
        callback();
      },
      destroy(error, callback) {
        raw.destroy();
        callback(error);
      },
    });
    raw.on('data', (chunk: Buffer) => {
      if (receivedBytes < MAX_HANDSHAKE_BYTES) received.push(chunk);
      receivedBytes += chunk.length;
      tap.push(chunk);
    });
    raw.on('end', () => tap.push(null));
    const finish = (result: TlsProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      raw.destroy();
      resolve(result);
    };
    raw.on('error', (error) => finish(failureOf(error, target)));
    const timer = setTimeout(() => finish({ ok: false, failure: 'timeout', problem: `${target.host}:${target.port} did not complete the TLS handshake within ${Math.round(timeoutMs / 1000)} s.` }), timeoutMs);
    const socket = tls.connect({
      socket: tap,
      ...(net.isIP(target.serverName) ? {} : { servername: target.serverName }),
      rejectUnauthorized: false,
      maxVersion,
    });
    socket.on('error', (error) => finish(failureOf(error, target)));
    socket.on('secureConnect', () => {
      const sent = socket.getProtocol() === 'TLSv1.3' ? null : certificateMessage(Buffer.concat(received));
      const chainDer = sent ?? linkedChain(socket);
      const base = { ok: true as const, chainDer, asSent: sent !== null, protocol: socket.getProtocol() };
      if (!target.headPath) {
        finish({ ...base, dateHeader: null, dateReadAt: null, elapsedMs: Date.now() - started });
        return;
      }
      let header = '';
      socket.setEncoding('latin1');
      socket.on('data', (text: string) => {
        header += text;
        const end = header.indexOf('\r\n\r\n');
        if (end >= 0 || header.length > MAX_HEADER_BYTES) {
          const date = /^date:[ \t]*(.+?)\r?$/im.exec(header.slice(0, end >= 0 ? end : MAX_HEADER_BYTES))?.[1] ?? null;
          finish({ ...base, dateHeader: date, dateReadAt: Date.now(), elapsedMs: Date.now() - started });
        }
      });
      socket.on('end', () => finish({ ...base, dateHeader: null, dateReadAt: null, elapsedMs: Date.now() - started }));
      socket.write(`HEAD ${target.headPath} HTTP/1.1\r\nHost: ${target.serverName}${target.port === 443 ? '' : `:${target.port}`}\r\nUser-Agent: sso-wizard-health-check\r\nConnection: close\r\n\r\n`);
    });
  });
}

export async function probeTls(target: TlsProbeTarget): Promise<TlsProbeResult> {
  const refused = loopbackOnlyRefusal(target.host);
  if (refused) return { ok: false, failure: 'network', problem: refused };
  const first = await attempt(target, 'TLSv1.2');
  // A TLS 1.3-only server answers a 1.2 hello with a protocol_version alert: ask again, without the wire view.
  if (!first.ok && first.failure === 'tls' && /version|protocol/i.test(first.problem)) return attempt(target, 'TLSv1.3');
  return first;
}
