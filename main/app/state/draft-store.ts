/**
 * Per-profile drafts (`drafts.json` in the profile folder), written atomically like all state. Writes in one
 * process are queued so a burst of keystrokes cannot lose an earlier key's draft.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { profileDataDir } from '../../platform/data-dir.js';
import { writeFileAtomic } from '../../platform/atomic-file.js';
import { ensureDirectory } from '../../platform/ensure-directory.js';
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

const queues = new Map<string, Promise<unknown>>();

export class DraftStore {
  private readonly dir: string;
  private readonly file: string;

  constructor(dataDir: string, profileId: string) {
    this.dir = profileDataDir(dataDir, profileId);
    this.file = path.join(this.dir, DRAFTS_FILE);
  }

  /** A damaged drafts file is treated as empty: drafts are a convenience, never the only copy of a result. */
  private async read(): Promise<Drafts> {
    try {
      const parsed = DraftsSchema.safeParse(JSON.parse(await fs.readFile(this.file, 'utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // missing or not JSON
    }
    return { version: 1, drafts: {} };
  }

  async get(key: string): Promise<{ value: z.infer<ReturnType<typeof z.json>> | null; savedAt: string | null }> {
    const { drafts } = await this.read();
    const entry = Object.hasOwn(drafts, key) ? drafts[key] : undefined;
    return { value: entry?.value ?? null, savedAt: entry?.savedAt ?? null };
  }

  save(key: string, value: unknown, now: Date): Promise<string> {
    const run = async () => {
      const drafts = await this.read();
      const savedAt = now.toISOString();
      if (value === null) delete drafts.drafts[key];
      else drafts.drafts[key] = { value: withoutPrivateKeys(value) as Drafts['drafts'][string]['value'], savedAt };
      await ensureDirectory(this.dir);
      await writeFileAtomic(this.file, JSON.stringify(drafts));
      return savedAt;
    };
    const previous = queues.get(this.file) ?? Promise.resolve();
    const next = previous.then(run, run);
    queues.set(this.file, next.catch(() => undefined));
    return next;
  }
}
