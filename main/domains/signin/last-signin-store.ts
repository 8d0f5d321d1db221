/**
 * The last test sign-in whose response was captured, kept whole (`signin-last.json` in the profile folder),
 * so the diagnostic report can show the decoded response after the run has left memory. It holds what the
 * IdP sent (names, email), never a key or a password.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SigninResultSchema, type SigninResult } from '../../../shared/signin/signin-schemas.js';
import { writeFileAtomic } from '../../platform/atomic-file.js';
import { ensureDirectory } from '../../platform/ensure-directory.js';

export const LAST_SIGNIN_FILE = 'signin-last.json';

const StoredSchema = z.object({ version: z.literal(1), at: z.string(), result: SigninResultSchema });
export type LastSignin = z.infer<typeof StoredSchema>;

export async function writeLastSignin(profileDir: string, at: string, result: SigninResult): Promise<void> {
  await ensureDirectory(profileDir);
  await writeFileAtomic(path.join(profileDir, LAST_SIGNIN_FILE), JSON.stringify({ version: 1, at, result }));
}

/** Null when there is none or it cannot be read (the history still has the summary of every run). */
export async function readLastSignin(profileDir: string): Promise<LastSignin | null> {
  try {
    const parsed = StoredSchema.safeParse(JSON.parse(await fs.readFile(path.join(profileDir, LAST_SIGNIN_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
