/**
 * A STAND-IN electron package for launcher tests: node_modules/electron with a fake installer (install.js) and,
 * once "installed", a fake Electron binary - small Node scripts, not Electron. The binary records its
 * arguments and environment and then behaves as the test asks (FAKE_ELECTRON_MODE): open a window and wait
 * for a signal, quit at once, or die at start the way Electron does on a sandbox or display problem.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const FAKE_BINARY = `#!${process.execPath}
const fs = require('node:fs');
const record = (extra) => fs.writeFileSync(process.env.FAKE_ELECTRON_RECORD, JSON.stringify({ argv: process.argv.slice(2), runAsNode: process.env.ELECTRON_RUN_AS_NODE ?? null, ...extra }));
const mode = process.env.FAKE_ELECTRON_MODE;
if (mode === 'window') {
  // Listening first, then the record the test waits for: a signal can never arrive before its handler.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => { record({ signal }); process.exit(0); });
  fs.writeFileSync(process.env.SSO_WIZARD_WINDOW_SHOWN_FILE, String(process.pid));
  record({});
  setInterval(() => {}, 1000);
} else {
  record({});
}
if (mode === 'window') {
  // running until a signal

} else if (mode === 'quit') {
  process.exit(0);
} else if (mode === 'sandbox') {
  process.stderr.write('[1:1:FATAL:setuid_sandbox_host.cc(166)] The SUID sandbox helper binary was found, but is not configured correctly. Rather than run without sandboxing I\\'m aborting now. You need to make sure that chrome-sandbox is owned by root and has mode 4755.\\n');
  process.kill(process.pid, 'SIGTRAP');
} else if (mode === 'no-display') {
  process.stderr.write('Missing X server or $DISPLAY\\nThe platform failed to initialize.  Exiting.\\n');
  process.exit(1);
} else {
  process.stderr.write('something unexpected went wrong\\n');
  process.exit(3);
}
`;

const FAKE_INSTALLER = `
const fs = require('node:fs');
const path = require('node:path');
fs.writeFileSync(path.join(__dirname, 'installer-ran'), '');
if (process.env.FAKE_INSTALL === 'fail') {
  console.error('RequestError: getaddrinfo ENOTFOUND github.com\\n    at ClientRequest.<anonymous> (node_modules/got/dist/source/core/index.js:970:111)\\n    at Object.onceWrapper (node:events:632:26)');
  process.exit(1);
}
process.stderr.write('Downloading electron-v45.5.0-linux-x64.zip: [==========] 100% ETA: 0.0 seconds\\n');
fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
fs.copyFileSync(path.join(__dirname, 'fake-binary.js'), path.join(__dirname, 'dist', 'electron'));
fs.chmodSync(path.join(__dirname, 'dist', 'electron'), 0o755);
fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');
`;

export interface FakeElectronPackage {
  /** A file URL inside the fake project, to resolve the electron package from. */
  resolveFrom: string;
  packageDir: string;
}

/** Writes a fake project into root; `installed` puts the runtime in place already, as after a download. */
export function makeFakeElectronPackage(root: string, options: { installed: boolean }): FakeElectronPackage {
  const packageDir = path.join(root, 'node_modules', 'electron');
  mkdirSync(packageDir, { recursive: true });
  writeFileSync(path.join(packageDir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.5.0', main: 'index.js', bin: { electron: 'cli.js', 'install-electron': 'install.js' } }));
  writeFileSync(path.join(packageDir, 'index.js'), "throw new Error('the launcher must not require electron: that downloads the runtime silently');\n");
  writeFileSync(path.join(packageDir, 'install.js'), FAKE_INSTALLER);
  writeFileSync(path.join(packageDir, 'fake-binary.js'), FAKE_BINARY);
  if (options.installed) {
    mkdirSync(path.join(packageDir, 'dist'), { recursive: true });
    writeFileSync(path.join(packageDir, 'dist', 'electron'), FAKE_BINARY);
    chmodSync(path.join(packageDir, 'dist', 'electron'), 0o755);
    writeFileSync(path.join(packageDir, 'path.txt'), 'electron');
  }
  return { resolveFrom: pathToFileURL(path.join(root, 'main.js')).href, packageDir };
}
