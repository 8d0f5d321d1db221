// `npm test`: every check and every test, in order, then one summary line CI can read:
//   tests: N passed, N failed, N skipped
// Build first (the crash test and the end-to-end tests run the built code). Type-check, lint and the
// Electron security scan count as one check each. A skipped test is never counted as passed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
const skippedNotes = [];

function run(name, command, args, env = {}) {
  console.log(`\n=== ${name}: ${[command, ...args].join(' ')}`);
  const started = Date.now();
  const child = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = child.status === 0;
  lines.push(`${ok ? 'ok    ' : 'FAILED'} ${name} (${seconds} s)`);
  return ok;
}

function check(name, command, args) {
  const ok = run(name, command, args);
  results[ok ? 'passed' : 'failed'] += 1;
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

mkdirSync('test-results', { recursive: true });
for (const file of ['test-results/unit.json', 'test-results/e2e.json']) rmSync(file, { force: true });

if (!check('build', 'npm', ['run', '--silent', 'build'])) {
  console.log('\nThe build failed; nothing else can run.');
  console.log(`tests: ${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
  process.exit(1);
}
check('type-check (main, shared, tests, Electron shell + preload against electron.d.ts, Svelte)', 'npm', ['run', '--silent', 'typecheck']);
check('lint', 'npm', ['run', '--silent', 'lint']);
check('knip: no unused files, exports or dependencies', 'npx', ['knip', '--no-progress']);
check('electronegativity over main/ (no HIGH or MEDIUM)', 'node', ['test/tools/electronegativity.mjs']);

/** A runner that exits with an error its report does not count (a test worker that crashed) is one failure more. */
function unreported(name, exitedOk, reportedFailures) {
  if (exitedOk || reportedFailures > 0) return;
  results.failed += 1;
  lines.push(`FAILED ${name} exited with an error that no test in its report counts (for example a test process that crashed): see above`);
}

/** Tests that did not run, one note each: skipped, todo, or never reached (a crashed file reports its tests as pending). */
function notRun(status) {
  return status === 'pending' || status === 'skipped' || status === 'todo';
}

// Unit and integration tests, inside a private D-Bus session with a real, unlocked gnome-keyring.
const unitExitedOk = run('unit and integration tests (vitest)', 'test/tools/with-keyring.sh', [
  'npx', 'vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/unit.json',
]);
const unit = readJson('test-results/unit.json');
if (unit) {
  const failedBefore = results.failed;
  results.passed += unit.numPassedTests;
  results.failed += unit.numFailedTests + (unit.numFailedTestSuites > 0 && unit.numFailedTests === 0 ? unit.numFailedTestSuites : 0);
  for (const suite of unit.testResults) {
    for (const test of suite.assertionResults) {
      if (notRun(test.status)) {
        results.skipped += 1;
        skippedNotes.push(`unit: ${test.fullName}`);
      }
    }
  }
  unreported('unit and integration tests (vitest)', unitExitedOk, results.failed - failedBefore);
} else {
  results.failed += 1;
  lines.push('FAILED unit tests wrote no report');
}

const e2eExitedOk = run('end-to-end tests (Playwright, Chromium)', 'npx', ['playwright', 'test']);
const e2e = readJson('test-results/e2e.json');
if (e2e) {
  const failedBefore = results.failed;
  results.passed += e2e.stats.expected + e2e.stats.flaky;
  results.failed += e2e.stats.unexpected;
  results.skipped += e2e.stats.skipped;
  const walk = (suite, trail) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status === 'skipped') {
          const reason = (test.annotations ?? []).map((a) => a.description).filter(Boolean).join('; ');
          skippedNotes.push(`e2e: ${[...trail, spec.title].join(' › ')}${reason ? ` - ${reason}` : ''}`);
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...trail, child.title]);
  };
  for (const suite of e2e.suites ?? []) walk(suite, [suite.title]);
  if (e2e.errors?.length) results.failed += e2e.errors.length;
  unreported('end-to-end tests (Playwright, Chromium)', e2eExitedOk, results.failed - failedBefore);
} else {
  results.failed += 1;
  lines.push('FAILED end-to-end tests wrote no report');
}

console.log('\n=== Summary');
for (const line of lines) console.log(line);
if (skippedNotes.length) {
  console.log('\nSkipped (NOT passed):');
  for (const note of skippedNotes) console.log(`  - ${note}`);
}
if (!existsSync('/usr/bin/chromium')) console.log('\nNote: /usr/bin/chromium is missing; run test/system-deps.sh first.');
console.log(`\ntests: ${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
process.exitCode = results.failed === 0 ? 0 : 1;
