// Regenerates docs/screenshots/test-signin-failure(-dark).png: the step-5 result page after a real sign-in at
// SimpleSAMLphp with a misconfigured NameID format and a missing attribute. It needs the live IdP harness, so
// it runs the one screenshot test of test/e2e/signin.spec.ts:   npm run build && node test/tools/signin-screenshot.mjs
import { spawnSync } from 'node:child_process';

const result = spawnSync('npx', ['playwright', 'test', 'test/e2e/signin.spec.ts', '-g', 'screenshot of the result page', '--reporter=list', '--output', 'test-results/signin-screenshot'], {
  stdio: 'inherit',
  env: { ...process.env, SSO_WIZARD_SCREENSHOTS: '1' },
});
process.exit(result.status ?? 1);
