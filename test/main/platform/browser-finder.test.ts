import { describe, expect, it } from 'vitest';
import { browserCandidates, findBrowser } from '../../../main/platform/browser-finder.js';

describe('findBrowser', () => {
  it.each([
    { platform: 'linux' as const, env: {}, present: ['/usr/bin/google-chrome'], want: { name: 'Google Chrome', executablePath: '/usr/bin/google-chrome' } },
    { platform: 'linux' as const, env: {}, present: ['/usr/bin/chromium', '/usr/bin/google-chrome'], want: { name: 'Chromium', executablePath: '/usr/bin/chromium' } },
    {
      platform: 'win32' as const,
      env: { PROGRAMFILES: 'C:\\Program Files' },
      present: ['C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe'],
      want: { name: 'Microsoft Edge', executablePath: 'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe' },
    },
    {
      platform: 'darwin' as const,
      env: { HOME: '/Users/a' },
      present: ['/Users/a/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'],
      want: { name: 'Microsoft Edge', executablePath: '/Users/a/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge' },
    },
    { platform: 'linux' as const, env: { CHROME_PATH: '/opt/x/chrome' }, present: ['/opt/x/chrome', '/usr/bin/chromium'], want: { name: 'chrome', executablePath: '/opt/x/chrome' } },
  ])('$platform with $present', ({ platform, env, present, want }) => {
    const result = findBrowser(env, platform, (file) => present.includes(file));
    expect(result).toEqual({ found: true, browser: want });
  });

  it('explains how to install one when none is found', () => {
    const result = findBrowser({}, 'linux', () => false);
    expect(result.found).toBe(false);
    if (result.found) return;
    expect(result.message).toMatch(/No Chromium, Google Chrome or Microsoft Edge/);
    expect(result.hint).toMatch(/apt-get install chromium/);
    expect(result.searched).toEqual(browserCandidates('linux', {}).map((c) => c.path));
  });

  it('names a CHROME_PATH that points nowhere instead of silently searching elsewhere', () => {
    const result = findBrowser({ CHROME_PATH: '/nope' }, 'linux', (file) => file === '/usr/bin/chromium');
    expect(result.found).toBe(false);
    if (!result.found) expect(result.message).toContain('/nope');
  });

  it('finds the real Chromium of this machine', () => {
    expect(findBrowser({}, 'linux')).toMatchObject({ found: true, browser: { executablePath: '/usr/bin/chromium' } });
  });
});
