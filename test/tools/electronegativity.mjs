// Runs electronegativity (Electron 45.5.0 rules) over main/ and fails on any HIGH or MEDIUM finding.
// The CLI's SARIF output drops the severity and its CSV writer corrupts rows (toolchain notes), so the
// runner is called directly; the SARIF file is still written for code-scanning tools.
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { mkdirSync } from 'node:fs';

const require = createRequire(import.meta.url);
// electronegativity fetches "updated translations" from GitHub at every run: a request this machine must never
// make (only the npm registry is reachable), and on Node 24 its retry then crashes the process. Its own
// English texts ship in the package, so the loader is replaced by the same set-up without the download.
const i18nFile = require.resolve('@doyensec/electronegativity/dist/locales/i18n.js');
const i18n = createRequire(i18nFile)('i18n');
const offline = new Module(i18nFile);
offline.filename = i18nFile;
offline.loaded = true;
offline.exports = async () => {
  i18n.configure({ locales: ['en-US'], defaultLocale: 'en-US', directory: path.dirname(i18nFile), updateFiles: false, objectNotation: true, retryInDefaultLocale: true, register: globalThis });
  i18n.setLocale('en-US');
};
require.cache[i18nFile] = offline;
const run = require('@doyensec/electronegativity/dist/runner.js');

mkdirSync('test-results', { recursive: true });
const result = await run({
  input: 'main',
  output: 'test-results/electronegativity.sarif',
  isSarif: true,
  isRelative: true,
  isVerbose: true,
  electronVersionOverride: '45.5.0',
  // This check downloads Electron's release list from GitHub (no network here, and no traffic but the npm
  // registry is allowed); Electron's version is pinned in package.json and reviewed on upgrade instead.
  excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
});
const blocking = result.issues.filter((issue) => issue.severity.value >= 2);
for (const issue of result.issues) {
  const where = `${issue.file}:${issue.location.line}:${issue.location.column}`;
  console.log(`${issue.severity.name.padEnd(13)} ${issue.id} ${where}${issue.manualReview ? ' (manual review)' : ''} - ${issue.description}`);
}
console.log(`electronegativity: ${result.globalChecks + result.atomicChecks} checks, ${result.issues.length} findings, ${blocking.length} HIGH or MEDIUM`);
process.exitCode = blocking.length === 0 && result.errors.length === 0 ? 0 : 1;
if (result.errors.length > 0) console.log(`electronegativity could not parse: ${result.errors.map((e) => e.file).join(', ')}`);
