/**
 * `npm start`: the desktop app where an Electron runtime exists, otherwise browser mode, saying why.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runCli } from '../cli/run-cli.js';
import { findElectronRuntime } from './electron-runtime.js';

const runtime = findElectronRuntime();
if (runtime.found && !process.argv.includes('--browser')) {
  const appRoot = fileURLToPath(new URL('../../../../', import.meta.url));
  const child = spawn(runtime.executable, [appRoot], { stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
} else {
  if (!runtime.found) {
    process.stdout.write(`The desktop window cannot open: ${runtime.reason}.\nStarting browser mode instead - the same wizard, served only to this computer.\n\n`);
  }
  process.exitCode = await runCli(['serve', ...process.argv.slice(2).filter((arg) => arg !== '--browser')]);
}
