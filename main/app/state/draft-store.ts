/**
 * Per-profile drafts (`drafts.json` in the profile folder), through the one JSON file store like all state, so
 * a burst of keystrokes (or two front doors at once) cannot lose an earlier key's draft.
 */
import path from 'node:path';
import * as z from 'zod';
import { profileDataDir } from '../../platform/data-dir.js';
import { JsonFileStore } from '../../platform/json-file-store.js';
import { findPrivateKey } from '../../domains/certs/private-key-detector.js';

/** What a draft field holds instead of a private key that was pasted into it (drafts are plain files). */
export const KEY_REMOVED_NOTICE = '[A private key was pasted here. Drafts never keep private keys, so it was not saved.]';

/** The draft with every string that holds a private key (armoured or not) replaced by the notice. */
function withoutPrivateKeys(value: unknown): unknown {
  if (typeof value === 'string') return findPrivateKey(value) ? KEY_REMOVED_NOTICE : value;
  if (Array.isArray(value)) return value.map(withoutPrivateKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutPrivateKeys(v)]));
  return value;
}

export const DRAFTS_FILE = 'drafts.json';

const DraftsSchema = z.object({
  version: z.literal(1),
  drafts: z.record(z.string(), z.object({ value: z.json(), savedAt: z.string() })),
});
type Drafts = z.infer<typeof DraftsSchema>;

export class DraftStore {
  private readonly store: JsonFileStore<Drafts>;

  constructor(dataDir: string, profileId: string, now?: () => Date) {
    this.store = new JsonFileStore({
      file: path.join(profileDataDir(dataDir, profileId), DRAFTS_FILE),
      schema: DraftsSchema,
      empty: () => ({ version: 1, drafts: {} }),
      label: 'The drafts file',
      afterKeptAside: 'the forms start empty (drafts are a convenience, never the only copy of a result)',
      pretty: false,
      ...(now ? { now } : {}),
    });
  }

  async get(key: string): Promise<{ value: z.infer<ReturnType<typeof z.json>> | null; savedAt: string | null }> {
    const { drafts } = (await this.store.read()).value;
    const entry = Object.hasOwn(drafts, key) ? drafts[key] : undefined;
    return { value: entry?.value ?? null, savedAt: entry?.savedAt ?? null };
  }

  /** Saves (or with null, removes) one draft under the file's queue and lock, so no earlier key's draft is lost. */
  async save(key: string, value: unknown, now: Date): Promise<string> {
    const savedAt = now.toISOString();
    await this.store.update((drafts) => {
      if (value === null) delete drafts.drafts[key];
      else drafts.drafts[key] = { value: withoutPrivateKeys(value) as Drafts['drafts'][string]['value'], savedAt };
    });
    return savedAt;
  }
}
