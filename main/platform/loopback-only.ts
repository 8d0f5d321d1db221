/**
 * A guard for the health check's own network reads (the TLS probe and the HTTP Date probe): when the environment
 * says SSO_WIZARD_LOOPBACK_ONLY=1, a host that is not a loopback address is not contacted at all, and the finding
 * says why. The test harnesses (Playwright's config, the screenshot tool) set it, so that opening a profile for
 * meet.example.com in a test never looks that name up or connects to it: tests reach loopback addresses only.
 */
export const LOOPBACK_ONLY_ENV = 'SSO_WIZARD_LOOPBACK_ONLY';

function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}

/** Why `host` must not be contacted in this run, or null when it may be. */
export function loopbackOnlyRefusal(host: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (env[LOOPBACK_ONLY_ENV] !== '1' || isLoopback(host)) return null;
  return `${host} was not contacted: this run may reach loopback addresses only (${LOOPBACK_ONLY_ENV}=1 is set).`;
}
