/**
 * The health check's file in the profile folder, `health.json`: the site's node list, the last run (what "new
 * since the last run" compares with), the IdP signing certificates seen so far (what "a new certificate" means),
 * and the last good state (kept after a test sign-in that would sign in).
 */
import path from 'node:path';
import * as z from 'zod';
import { HealthRunSchema, type HealthRun } from '../../../shared/api/health-schemas.js';
import { profileDataDir } from '../../platform/data-dir.js';
import { JsonFileStore } from '../../platform/json-file-store.js';
import { GoodStateSchema, type GoodState } from './good-state.js';

export const HEALTH_FILE = 'health.json';

const HealthStateSchema = z.object({
  version: z.literal(1),
  nodes: z.array(z.string()),
  lastRun: HealthRunSchema.nullable(),
  /** SHA-256 fingerprint -> when it was first seen in the IdP metadata (ISO 8601). */
  seenIdpCertificates: z.record(z.string(), z.string()),
  goodState: GoodStateSchema.nullable(),
});
export type HealthState = z.infer<typeof HealthStateSchema>;

export function healthStore(dataDir: string, profileId: string, now?: () => Date): JsonFileStore<HealthState> {
  return new JsonFileStore<HealthState>({
    file: path.join(profileDataDir(dataDir, profileId), HEALTH_FILE),
    schema: HealthStateSchema,
    empty: () => ({ version: 1, nodes: [], lastRun: null, seenIdpCertificates: {}, goodState: null }),
    label: 'The health-check file',
    afterKeptAside: 'the node list and the last good state are empty until set again',
    ...(now ? { now } : {}),
  });
}

export async function readHealthState(dataDir: string, profileId: string): Promise<HealthState> {
  return (await healthStore(dataDir, profileId).read()).value;
}

export async function keepGoodState(dataDir: string, profileId: string, state: GoodState): Promise<void> {
  await healthStore(dataDir, profileId).update((value) => {
    value.goodState = state;
  });
}

export async function keepRun(dataDir: string, profileId: string, run: HealthRun, seen: Record<string, string>): Promise<void> {
  await healthStore(dataDir, profileId).update((value) => {
    value.lastRun = run;
    value.seenIdpCertificates = seen;
  });
}

export async function keepNodes(dataDir: string, profileId: string, nodes: string[]): Promise<string[]> {
  return (
    await healthStore(dataDir, profileId).update((value) => {
      value.nodes = [...new Set(nodes)];
      return value.nodes;
    })
  ).result;
}
