/**
 * `npm start`: the desktop app where Electron can run, otherwise browser mode, saying why (desktop-launch.ts).
 */
import { fileURLToPath } from 'node:url';
import { runCli } from '../cli/run-cli.js';
import { launchDesktop } from './desktop-launch.js';

process.exitCode = await launchDesktop({
  args: process.argv.slice(2),
  env: process.env,
  platform: process.platform,
  appRoot: fileURLToPath(new URL('../../../../', import.meta.url)),
  resolveFrom: import.meta.url,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  startBrowserMode: (args) => runCli(args),
  signals: process,
});
