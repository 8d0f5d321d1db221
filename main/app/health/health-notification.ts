/**
 * What the desktop notification says after a health-check run, or null when the run found nothing new (the
 * same problem on every daily run is not news). The Electron door only shows it (it cannot run here), so the
 * decision and the words are tested in the core.
 */
import type { HealthRun } from '../../../shared/api/health-schemas.js';

export function healthNotification(run: HealthRun): { title: string; body: string } | null {
  const fresh = run.findings.filter((f) => run.newSinceLastRun.includes(f.id));
  if (fresh.length === 0) return null;
  const first = fresh.find((f) => f.severity === 'error') ?? fresh[0];
  if (!first) return null;
  const more = fresh.length > 1 ? ` (+${fresh.length - 1} more)` : '';
  const host = (() => {
    try {
      return new URL(run.siteUrl).host;
    } catch {
      return run.profileName;
    }
  })();
  return { title: `SSO health of ${host}: ${fresh.length} new finding${fresh.length === 1 ? '' : 's'}`, body: `${first.subject}: ${first.fact}${more}`.slice(0, 240) };
}
