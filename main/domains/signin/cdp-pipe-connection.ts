/**
 * A small CDP client over Chromium's --remote-debugging-pipe: the browser reads commands from fd 3 and writes
 * replies and events to fd 4, each a JSON message ended by a NUL byte. Node 20 has no WebSocket without a flag,
 * and the pipe needs no port, so no other local process can attach to the sign-in browser.
 * Sessions are "flattened" (Target.attachToTarget with flatten: true): page messages carry a sessionId.
 */
import { EventEmitter } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type { CdpEventHandler, CdpSession } from './cdp-session.js';

/** A browser that floods the pipe with one oversized message is treated as broken (the SAML body is far smaller). */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

interface Pending {
  resolve: (value: Record<string, unknown>) => void;
  reject: (error: Error) => void;
  method: string;
  sessionId: string | undefined;
}

export class CdpConnectionClosed extends Error {
  constructor(method: string) {
    super(`The browser closed before answering ${method}.`);
    this.name = 'CdpConnectionClosed';
  }
}

export class CdpPipeConnection {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly events = new EventEmitter();
  private buffered: Buffer[] = [];
  private bufferedBytes = 0;
  private isClosed = false;

  constructor(
    private readonly output: Writable,
    input: Readable,
  ) {
    this.events.setMaxListeners(100);
    input.on('data', (chunk: Buffer) => this.receive(chunk));
    input.on('close', () => this.shutDown());
    input.on('error', () => this.shutDown());
    output.on('error', () => this.shutDown());
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Sends a command, to the browser itself (no sessionId) or to an attached target. */
  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    if (this.isClosed) return Promise.reject(new CdpConnectionClosed(method));
    const id = this.nextId++;
    const message = JSON.stringify(sessionId === undefined ? { id, method, params } : { id, method, params, sessionId });
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method, sessionId });
      this.output.write(`${message}\0`, (error) => {
        if (error) this.settle(id, undefined, new CdpConnectionClosed(method));
      });
    });
  }

  /** Subscribes to an event; sessionId '' means browser-level events. */
  on(event: string, sessionId: string, handler: CdpEventHandler): () => void {
    const key = `${sessionId}|${event}`;
    this.events.on(key, handler);
    return () => this.events.off(key, handler);
  }

  onClose(handler: () => void): void {
    if (this.isClosed) handler();
    else this.events.once('__closed', handler);
  }

  /** A page-scoped view of this connection, as the capture code expects it. */
  session(sessionId: string): CdpSession {
    const unsubscribers: (() => void)[] = [];
    return {
      send: (method, params) => this.send(method, params, sessionId),
      on: (event, handler) => {
        const off = this.on(event, sessionId, handler);
        unsubscribers.push(off);
        return off;
      },
      close: () => {
        unsubscribers.splice(0).forEach((off) => off());
        this.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
      },
    };
  }

  private receive(chunk: Buffer): void {
    let start = 0;
    for (let end = chunk.indexOf(0, start); end !== -1; end = chunk.indexOf(0, start)) {
      this.buffered.push(chunk.subarray(start, end));
      const message = Buffer.concat(this.buffered).toString('utf8');
      this.buffered = [];
      this.bufferedBytes = 0;
      this.dispatch(message);
      start = end + 1;
    }
    if (start < chunk.length) {
      this.buffered.push(chunk.subarray(start));
      this.bufferedBytes += chunk.length - start;
      if (this.bufferedBytes > MAX_MESSAGE_BYTES) this.shutDown();
    }
  }

  private dispatch(text: string): void {
    let message: { id?: number; method?: string; params?: Record<string, unknown>; result?: Record<string, unknown>; error?: { message?: string }; sessionId?: string };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return; // Not ours to repair: a garbled message is dropped, its command times out upstream.
    }
    if (typeof message.id === 'number') {
      this.settle(message.id, message.result ?? {}, message.error ? new Error(`${this.pending.get(message.id)?.method ?? 'CDP'}: ${message.error.message ?? 'failed'}`) : undefined);
      return;
    }
    if (message.method === 'Target.detachedFromTarget') {
      // Commands sent to a page that went away are never answered: fail them instead of waiting forever.
      const gone = message.params?.['sessionId'];
      for (const [id, pending] of this.pending) if (pending.sessionId !== undefined && pending.sessionId === gone) this.settle(id, undefined, new CdpConnectionClosed(pending.method));
    }
    if (typeof message.method === 'string') {
      this.events.emit(`${message.sessionId ?? ''}|${message.method}`, message.params ?? {});
    }
  }

  private settle(id: number, value: Record<string, unknown> | undefined, error?: Error): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    if (error) pending.reject(error);
    else pending.resolve(value ?? {});
  }

  private shutDown(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      pending.reject(new CdpConnectionClosed(pending.method));
    }
    this.events.emit('__closed');
    this.events.removeAllListeners();
  }
}
