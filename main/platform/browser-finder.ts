/**
 * Finds a Chromium-family browser (Chromium, Google Chrome, Microsoft Edge) installed on this machine for
 * browser mode's sign-in window. They all speak the Chrome DevTools Protocol the capture relies on; Firefox
 * dropped CDP, so it is not offered. CHROME_PATH (the variable Puppeteer and Lighthouse read) overrides the search.
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export interface FoundBrowser {
  name: string;
  executablePath: string;
}

export type BrowserSearch = { found: true; browser: FoundBrowser } | { found: false; message: string; hint: string; searched: string[] };

interface Candidate {
  name: string;
  path: string;
}

export function browserCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): Candidate[] {
  if (platform === 'win32') {
    const roots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env['LOCALAPPDATA']].filter((root): root is string => !!root);
    return roots.flatMap((root) => [
      { name: 'Microsoft Edge', path: path.win32.join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe') },
      { name: 'Google Chrome', path: path.win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe') },
      { name: 'Chromium', path: path.win32.join(root, 'Chromium', 'Application', 'chrome.exe') },
    ]);
  }
  if (platform === 'darwin') {
    const apps = ['/Applications', path.posix.join(env['HOME'] ?? '~', 'Applications')];
    return apps.flatMap((dir) => [
      { name: 'Google Chrome', path: `${dir}/Google Chrome.app/Contents/MacOS/Google Chrome` },
      { name: 'Microsoft Edge', path: `${dir}/Microsoft Edge.app/Contents/MacOS/Microsoft Edge` },
      { name: 'Chromium', path: `${dir}/Chromium.app/Contents/MacOS/Chromium` },
    ]);
  }
  return [
    { name: 'Chromium', path: '/usr/bin/chromium' },
    { name: 'Chromium', path: '/usr/bin/chromium-browser' },
    { name: 'Google Chrome', path: '/usr/bin/google-chrome' },
    { name: 'Google Chrome', path: '/usr/bin/google-chrome-stable' },
    { name: 'Google Chrome', path: '/opt/google/chrome/chrome' },
    { name: 'Microsoft Edge', path: '/usr/bin/microsoft-edge' },
    { name: 'Microsoft Edge', path: '/opt/microsoft/msedge/msedge' },
    { name: 'Chromium', path: '/snap/bin/chromium' },
  ];
}

function isExecutable(file: string, platform: NodeJS.Platform): boolean {
  try {
    accessSync(file, platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findBrowser(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  exists: (file: string) => boolean = (file) => isExecutable(file, platform),
): BrowserSearch {
  const override = env['CHROME_PATH'];
  if (override) {
    if (exists(override)) return { found: true, browser: { name: path.basename(override), executablePath: override } };
    return {
      found: false,
      message: `CHROME_PATH is set to ${override}, but no executable browser is there.`,
      hint: 'Point CHROME_PATH at chrome, msedge or chromium, or unset it so the wizard searches the usual places.',
      searched: [override],
    };
  }
  const candidates = browserCandidates(platform, env);
  const hit = candidates.find((candidate) => exists(candidate.path));
  if (hit) return { found: true, browser: { name: hit.name, executablePath: hit.path } };
  return {
    found: false,
    message: 'No Chromium, Google Chrome or Microsoft Edge was found on this machine, so the test sign-in window cannot open.',
    hint: installHint(platform),
    searched: candidates.map((candidate) => candidate.path),
  };
}

function installHint(platform: NodeJS.Platform): string {
  if (platform === 'win32') return 'Install Microsoft Edge or Google Chrome (or set CHROME_PATH to its .exe), then press Test sign-in again.';
  if (platform === 'darwin') return 'Install Google Chrome or Microsoft Edge into /Applications (or set CHROME_PATH), then press Test sign-in again.';
  return 'Install Chromium (Debian/Ubuntu: sudo apt-get install chromium) or Google Chrome, or set CHROME_PATH to its executable, then press Test sign-in again.';
}
