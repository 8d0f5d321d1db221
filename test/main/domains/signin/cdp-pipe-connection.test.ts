/**
 * The pipe framing of the CDP client (NUL-terminated JSON, both directions) with in-memory streams standing in
 * for fd 3/4: split and merged chunks, replies and errors, events per session, and hostile input.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CdpConnectionClosed, CdpPipeConnection } from '../../../../main/domains/signin/cdp-pipe-connection.js';

function pipes() {
  const toBrowser = new PassThrough();
  const fromBrowser = new PassThrough();
  const sent: Record<string, unknown>[] = [];
  let buffer = '';
  toBrowser.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let end;
    while ((end = buffer.indexOf('\0')) !== -1) {
      sent.push(JSON.parse(buffer.slice(0, end)) as Record<string, unknown>);
      buffer = buffer.slice(end + 1);
    }
  });
  const connection = new CdpPipeConnection(toBrowser, fromBrowser);
  const reply = (text: string) => fromBrowser.write(text);
  return { connection, sent, reply, fromBrowser };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('CdpPipeConnection', () => {
  it('frames commands with NUL and matches replies by id, even split across chunks or merged into one', async () => {
    const { connection, sent, reply } = pipes();
    const first = connection.send('Target.getTargets');
    const second = connection.send('Page.navigate', { url: 'https://idp.example/' }, 'S1');
    await tick();
    expect(sent).toEqual([
      { id: 1, method: 'Target.getTargets', params: {} },
      { id: 2, method: 'Page.navigate', params: { url: 'https://idp.example/' }, sessionId: 'S1' },
    ]);
    reply('{"id":2,"result":{"frameId":"F"}}\0{"id":1,"res');
    reply('ult":{"targetInfos":[]}}\0');
    expect(await first).toEqual({ targetInfos: [] });
    expect(await second).toEqual({ frameId: 'F' });
  });

  it('rejects a command the browser answers with an error, naming the method', async () => {
    const { connection, reply } = pipes();
    const pending = connection.send('Fetch.fulfillRequest', { requestId: 'x' });
    reply('{"id":1,"error":{"code":-32602,"message":"Invalid InterceptionId."}}\0');
    await expect(pending).rejects.toThrow('Fetch.fulfillRequest: Invalid InterceptionId.');
  });

  it('routes events to the session they belong to', async () => {
    const { connection, reply } = pipes();
    const page: unknown[] = [];
    const browser: unknown[] = [];
    const session = connection.session('S1');
    session.on('Fetch.requestPaused', (params) => page.push(params));
    connection.on('Target.targetDestroyed', '', (params) => browser.push(params));
    reply('{"method":"Fetch.requestPaused","params":{"requestId":"r1"},"sessionId":"S1"}\0');
    reply('{"method":"Fetch.requestPaused","params":{"requestId":"r2"},"sessionId":"OTHER"}\0');
    reply('{"method":"Target.targetDestroyed","params":{"targetId":"T"}}\0');
    await tick();
    expect(page).toEqual([{ requestId: 'r1' }]);
    expect(browser).toEqual([{ targetId: 'T' }]);
  });

  it('fails commands of a page that detached instead of waiting forever', async () => {
    const { connection, reply } = pipes();
    const pending = connection.send('Page.close', {}, 'S1');
    const other = connection.send('Browser.getVersion');
    reply('{"method":"Target.detachedFromTarget","params":{"sessionId":"S1"}}\0');
    await expect(pending).rejects.toBeInstanceOf(CdpConnectionClosed);
    reply('{"id":2,"result":{"product":"Chrome"}}\0');
    expect(await other).toEqual({ product: 'Chrome' });
  });

  it.each([
    ['garbage', 'not json at all\0'],
    ['truncated JSON', '{"id":1,"result":\0'],
    ['a JSON scalar', '42\0'],
    ['an unknown id', '{"id":99,"result":{}}\0'],
    ['a NUL alone', '\0'],
  ])('drops %s without breaking the connection', async (_name, text) => {
    const { connection, reply } = pipes();
    const pending = connection.send('Browser.getVersion');
    reply(text);
    reply('{"id":1,"result":{"ok":true}}\0');
    expect(await pending).toEqual({ ok: true });
    expect(connection.closed).toBe(false);
  });

  it('treats an endless message (no NUL within 64 MB) as a broken browser: closes and fails what is pending', async () => {
    const { connection, fromBrowser } = pipes();
    const pending = connection.send('Browser.getVersion');
    const chunk = Buffer.alloc(8 * 1024 * 1024, 0x61);
    for (let i = 0; i < 9; i++) fromBrowser.write(chunk);
    await expect(pending).rejects.toBeInstanceOf(CdpConnectionClosed);
    expect(connection.closed).toBe(true);
    await expect(connection.send('Browser.getVersion')).rejects.toThrow('The browser closed before answering Browser.getVersion.');
  });

  it('fails pending commands and reports the close when the browser side of the pipe ends', async () => {
    const { connection, fromBrowser } = pipes();
    let closed = false;
    connection.onClose(() => (closed = true));
    const pending = connection.send('Page.navigate', {}, 'S1');
    fromBrowser.destroy();
    await expect(pending).rejects.toBeInstanceOf(CdpConnectionClosed);
    expect(closed).toBe(true);
  });
});
