// Regenerates the README's screenshots (docs/screenshots/*.png) from the real app in browser mode, in the
// light and the dark theme:   npm run build && node test/tools/screenshots.mjs [name…]
// Steps 1, 2 and 5 are shot at the end of the real walk-throughs in the end-to-end tests (a generated CSR,
// an imported certificate, a failing sign-in at SimpleSAMLphp), which this script runs with
// SSO_WIZARD_SCREENSHOTS=1; the other pictures are taken here.
// Each shot starts from a fresh data folder seeded through the app's own API (a profile; for the later steps
// a key, a CSR signed by a throw-away openssl CA, and the imported certificate), so pictures never show
// anyone's real data.
import { chromium } from '@playwright/test';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const OUT = 'docs/screenshots';
// The pictures' profiles name meet.example.com: the wizard's health check must not look it up or reach it.
process.env.SSO_WIZARD_LOOPBACK_ONLY = '1';

async function startWizard(dataDir) {
  const child = spawn(process.execPath, ['dist/main/doors/cli/bin.js', 'serve', '--json', '--no-open', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk) => resolve(chunk.toString().split('\n')[0]));
    child.once('exit', (code) => reject(new Error(`browser mode exited with ${code}`)));
  });
  const { url, port } = JSON.parse(line).value;
  const origin = `http://127.0.0.1:${port}`;
  const token = url.split('#token=')[1];
  const api = async (channel, input) => {
    const response = await fetch(`${origin}/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin, 'x-sso-wizard-token': token },
      body: JSON.stringify(input),
    });
    const result = await response.json();
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value;
  };
  return { url, api, stop: () => child.kill('SIGTERM') };
}

/** A throw-away root and intermediate made with openssl, signing one CSR. */
function signWithTestCa(csrPem) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sso-wizard-shot-ca-'));
  const at = (name) => path.join(dir, name);
  const ssl = (args) => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    ssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', at('root.key'), '-out', at('root.pem'), '-days', '3650', '-subj', '/CN=Example Root CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
    writeFileSync(at('leaf.csr'), csrPem);
    writeFileSync(at('leaf.ext'), 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n');
    ssl(['x509', '-req', '-in', at('leaf.csr'), '-CA', at('root.pem'), '-CAkey', at('root.key'), '-CAcreateserial', '-copy_extensions', 'copy', '-extfile', at('leaf.ext'), '-days', '397', '-out', at('leaf.pem')]);
    return { leaf: readFileSync(at('leaf.pem'), 'utf8'), root: readFileSync(at('root.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const b64 = (text) => Buffer.from(text).toString('base64');

async function seedProfile(api, { withCertificate }) {
  const profile = await api('profile.create', { name: 'Production', siteUrl: 'https://meet.example.com' });
  if (withCertificate) {
    const csr = await api('csr.generate', { profileId: profile.id, keyType: 'ecdsa-p256', custody: 'file', passphrase: 'screenshot-passphrase', subject: { organization: 'Example Corp', country: 'US' } });
    const { leaf, root } = signWithTestCa(csr.csrPem);
    await api('cert.import', { profileId: profile.id, files: [{ name: 'meet.example.com.crt', base64: b64(leaf) }], extraRoots: [{ name: 'root.pem', base64: b64(root) }], keyPassphrase: 'screenshot-passphrase' });
  }
  return profile;
}

async function openStep(page, name) {
  await page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name }).click();
  await page.getByRole('heading', { name, level: 2 }).first().waitFor();
}

/** name → { seed, before }: what the data folder holds, and what to do on the page before the picture. */
const SHOTS = {
  overview: { seed: { withCertificate: true }, before: async (page) => page.getByRole('heading', { name: /SSO repair of/ }).waitFor() },
  'decode-panel': {
    seed: { withCertificate: false },
    before: async (page) => {
      await page.getByRole('banner').getByRole('button', { name: 'Decode an error' }).click();
      await page.getByRole('dialog').waitFor();
    },
  },
  'step-3-adfs': { seed: { withCertificate: true }, before: async (page) => openStep(page, 'AD FS export') },
  'step-4-attributes': { seed: { withCertificate: true }, before: async (page) => openStep(page, 'Attribute checks') },
};

/** The walk-throughs that save their own pictures when SSO_WIZARD_SCREENSHOTS is set. */
const E2E_SHOTS = [
  ['test/e2e/certs.spec.ts', 'generate a CSR'],
  ['test/e2e/signin.spec.ts', 'screenshot of the result page'],
];

const all = process.argv.slice(2).length === 0;
const wanted = all ? Object.keys(SHOTS) : process.argv.slice(2);
mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
for (const name of wanted) {
  const shot = SHOTS[name];
  if (!shot) throw new Error(`No shot named ${name}; choose from ${Object.keys(SHOTS).join(', ')} (steps 1, 2 and 5 come from the end-to-end walk-throughs: run without names).`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sso-wizard-shot-'));
  const wizard = await startWizard(dataDir);
  try {
    if (shot.seed) await seedProfile(wizard.api, shot.seed);
    for (const scheme of ['light', 'dark']) {
      const page = await browser.newPage({ viewport: { width: 1200, height: 800 }, colorScheme: scheme });
      await page.goto(wizard.url);
      await page.locator('main').waitFor();
      await shot.before(page);
      await page.waitForTimeout(200);
      const file = path.join(OUT, `${name}${scheme === 'dark' ? '-dark' : ''}.png`);
      await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
      console.log(`wrote ${file}`);
      await page.close();
    }
  } finally {
    wizard.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
await browser.close();

if (all) {
  for (const [spec, title] of E2E_SHOTS) {
    const run = spawnSync('npx', ['playwright', 'test', spec, '-g', title, '--reporter=list', '--output', 'test-results/screenshots'], {
      stdio: 'inherit',
      env: { ...process.env, SSO_WIZARD_SCREENSHOTS: '1' },
    });
    if (run.status !== 0) process.exitCode = 1;
  }
}
