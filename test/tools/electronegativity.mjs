// Runs electronegativity (Electron 45.5.0 rules) over main/ and fails on any HIGH or MEDIUM finding.
// The CLI's SARIF output drops the severity and its CSV writer corrupts rows (toolchain notes), so the
// runner is called directly; the SARIF file is still written for code-scanning tools.
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity/dist/runner.js');

mkdirSync('test-results', { recursive: true });
const result = await run({
  input: 'main',
  output: 'test-results/electronegativity.sarif',
  isSarif: true,
  isRelative: true,
  isVerbose: true,
  electronVersionOverride: '45.5.0',
});
const blocking = result.issues.filter((issue) => issue.severity.value >= 2);
for (const issue of result.issues) {
  const where = `${issue.file}:${issue.location.line}:${issue.location.column}`;
  console.log(`${issue.severity.name.padEnd(13)} ${issue.id} ${where}${issue.manualReview ? ' (manual review)' : ''} - ${issue.description}`);
}
console.log(`electronegativity: ${result.globalChecks + result.atomicChecks} checks, ${result.issues.length} findings, ${blocking.length} HIGH or MEDIUM`);
process.exitCode = blocking.length === 0 && result.errors.length === 0 ? 0 : 1;
if (result.errors.length > 0) console.log(`electronegativity could not parse: ${result.errors.map((e) => e.file).join(', ')}`);
