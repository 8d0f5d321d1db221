/**
 * First start after `npm ci`: downloads the Electron runtime with electron's own installer (install.js, the
 * package's `install-electron` bin; Electron 42's breaking-changes notes). Everything it writes reaches the
 * user as it comes, with a line of our own every few seconds so a slow download is never silent (its own
 * progress bar draws only on a terminal, after 30 s); on failure its error is kept to say why.
 */
import { spawn } from 'node:child_process';

export type InstallOutcome = { ok: true; seconds: number } | { ok: false; error: string };

export interface InstallIo {
  out(text: string): void;
  err(text: string): void;
}

const HEARTBEAT_MS = 10_000;

export function runElectronInstaller(installer: string, io: InstallIo, env: NodeJS.ProcessEnv = process.env): Promise<InstallOutcome> {
  const started = Date.now();
  io.out('Downloading the Electron runtime for the desktop window (about 100 MB, once, from GitHub)...\n');
  return new Promise((resolve) => {
    let stderr = '';
    const child = spawn(process.execPath, [installer], { stdio: ['ignore', 'pipe', 'pipe'], env });
    const seconds = () => Math.round((Date.now() - started) / 1000);
    const heartbeat = setInterval(() => io.out(`  still downloading... ${seconds()} s\n`), HEARTBEAT_MS);
    child.stdout.on('data', (chunk: Buffer) => io.out(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      io.err(chunk.toString());
      stderr = (stderr + chunk.toString()).slice(-8192);
    });
    child.on('error', (error) => {
      clearInterval(heartbeat);
      resolve({ ok: false, error: `the installer could not be started: ${error.message}` });
    });
    child.on('close', (code, signal) => {
      clearInterval(heartbeat);
      if (code === 0) {
        io.out(`Electron runtime downloaded in ${seconds()} s.\n`);
        resolve({ ok: true, seconds: seconds() });
      } else {
        resolve({ ok: false, error: installerError(stderr) ?? `the installer stopped (${signal ? `signal ${signal}` : `exit code ${code}`})` });
      }
    });
  });
}

/** The message of the installer's error: the first line of the stack it prints, without the "at …" frames. */
export function installerError(stderr: string): string | null {
  const lines = stderr.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('at '));
  const error = lines.find((line) => /error|fail|ENOTFOUND|ECONN|ETIMEDOUT|EAI_AGAIN|certificate/i.test(line)) ?? lines.at(-1);
  if (!error) return null;
  // Node's fetch says only "fetch failed" when the connection itself failed (DNS, refused, proxy, TLS).
  return /^TypeError: fetch failed$/.test(error) ? `${error} (the connection to GitHub could not be made)` : error.slice(0, 400);
}
