/**
 * What a run found that the previous run did not: the warnings and errors whose IDs are new. This is the
 * decision behind the desktop notification (the Electron door only shows it), so it is tested here in the core.
 */
import type { HealthFinding, HealthRun } from '../../../shared/api/health-schemas.js';

export function newSinceLastRun(previous: Pick<HealthRun, 'findings'> | null, findings: readonly HealthFinding[]): string[] {
  const before = new Set((previous?.findings ?? []).filter((f) => f.severity !== 'ok').map((f) => f.id));
  return findings.filter((f) => f.severity !== 'ok' && !before.has(f.id)).map((f) => f.id);
}
