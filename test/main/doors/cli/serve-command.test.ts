/** `sso-wizard serve` on a port that is taken: the port is named, --port suggested, exit 2 (issue 16, item 12). */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../../main/doors/cli/cli-io.js';
import { runCli } from '../../../../main/doors/cli/run-cli.js';
import { useTempDirs } from '../../../support/temp-dir.js';

const tempDir = useTempDirs();

describe('sso-wizard serve', () => {
  it('says the port is taken and suggests --port, with exit 2 and no "data folder" hint', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const out: string[] = [];
      const err: string[] = [];
      const io: CliIo = { out: (text) => out.push(text), err: (text) => err.push(text), env: { ...process.env, CI: '1' } };
      const code = await runCli(['--data-dir', tempDir(), 'serve', '--port', String(port), '--no-open'], io);
      expect(code).toBe(2);
      expect(err.join('\n')).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(err.join('\n')).toContain('--port');
      expect(err.join('\n')).not.toMatch(/data folder|at .*\.ts:\d+/);
      expect(out).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
