/**
 * The last test sign-in whose response was captured, kept whole (`signin-last.json` in the profile folder),
 * so the diagnostic report can show the decoded response after the run has left memory. It holds what the
 * IdP sent (names, email), never a key or a password.
 */
import path from 'node:path';
import * as z from 'zod';
import { SigninResultSchema, type SigninResult } from '../../../shared/signin/signin-schemas.js';
import { JsonFileStore } from '../../platform/json-file-store.js';

export const LAST_SIGNIN_FILE = 'signin-last.json';

const StoredSchema = z.object({ version: z.literal(1), at: z.string(), result: SigninResultSchema });
export type LastSignin = z.infer<typeof StoredSchema>;

function lastSigninStore(profileDir: string): JsonFileStore<LastSignin | null> {
  return new JsonFileStore<LastSignin | null>({
    file: path.join(profileDir, LAST_SIGNIN_FILE),
    schema: StoredSchema.nullable(),
    empty: () => null,
    label: 'The last test sign-in file',
    afterKeptAside: 'the report shows the sign-in history only, until the next test sign-in',
    pretty: false,
  });
}

export async function writeLastSignin(profileDir: string, at: string, result: SigninResult): Promise<void> {
  await lastSigninStore(profileDir).write({ version: 1, at, result });
}

/** Null when there is none or it could not be read (kept aside; the history still has the summary of every run). */
export async function readLastSignin(profileDir: string): Promise<LastSignin | null> {
  return (await lastSigninStore(profileDir).read()).value;
}
