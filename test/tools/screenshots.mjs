// Regenerates the README's screenshots (docs/screenshots/*.png) from the real app in browser mode:
//   npm run build && node test/tools/screenshots.mjs [name…]
// Each shot starts from a fresh data folder, so pictures never show someone's real profile.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const OUT = 'docs/screenshots';

async function startWizard(dataDir) {
  const child = spawn(process.execPath, ['dist/main/cli/bin.js', 'serve', '--json', '--no-open', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk) => resolve(chunk.toString().split('\n')[0]));
    child.once('exit', (code) => reject(new Error(`browser mode exited with ${code}`)));
  });
  return { url: JSON.parse(line).value.url, stop: () => child.kill('SIGTERM') };
}

async function createProfile(page) {
  await page.getByLabel('Profile name').fill('Production');
  await page.getByLabel('Site URL').fill('https://meet.example.com');
  await page.getByRole('button', { name: 'Create profile' }).click();
  await page.getByRole('heading', { name: 'Generate CSR', level: 2 }).waitFor();
}

/** name → what to do before the picture is taken. */
const SHOTS = {
  'wizard-welcome': async () => {},
  wizard: async (page) => createProfile(page),
  'decode-panel': async (page) => {
    await createProfile(page);
    await page.getByRole('button', { name: 'Decode an error' }).click();
  },
};

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(SHOTS);
mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
for (const name of wanted) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sso-wizard-shot-'));
  const wizard = await startWizard(dataDir);
  try {
    for (const scheme of ['light', 'dark']) {
      const page = await browser.newPage({ viewport: { width: 1200, height: 760 }, colorScheme: scheme });
      await page.goto(wizard.url);
      await SHOTS[name](page);
      await page.waitForTimeout(150);
      const file = path.join(OUT, `${name}${scheme === 'dark' ? '-dark' : ''}.png`);
      await page.screenshot({ path: file });
      console.log(`wrote ${file}`);
      await page.close();
      if (scheme === 'light') rmSync(dataDir, { recursive: true, force: true }), mkdirSync(dataDir);
    }
  } finally {
    wizard.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
await browser.close();
