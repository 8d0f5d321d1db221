// Regenerates docs/screenshots/step-1-csr(-dark).png and step-2-import(-dark).png from the real walk-through of
// test/e2e/certs.spec.ts (openssl CA, real downloads):   npm run build && node test/tools/certs-screenshot.mjs
import { spawnSync } from 'node:child_process';

const result = spawnSync('npx', ['playwright', 'test', 'test/e2e/certs.spec.ts', '-g', 'generate a CSR', '--reporter=list', '--output', 'test-results/certs-screenshot'], {
  stdio: 'inherit',
  env: { ...process.env, SSO_WIZARD_SCREENSHOTS: '1' },
});
process.exit(result.status ?? 1);
