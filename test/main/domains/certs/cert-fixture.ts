/** A core with a temporary data folder and one profile, for tests of the certificate steps. */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Channel, Input, Output } from '../../../../shared/api/contract.js';
import type { Result } from '../../../../shared/result.js';
import { createCore } from '../../../../main/app/core/create-core.js';
import { testOutside } from '../../../support/test-outside.js';

export interface CertFixture {
  dataDir: string;
  profileId: string;
  call<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>>;
  must<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>>;
  cleanup(): Promise<void>;
}

export const b64 = (value: string | Uint8Array) => Buffer.from(value).toString('base64');

export async function createCertFixture(options: { now?: () => Date; siteUrl?: string } = {}): Promise<CertFixture> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sso-wizard-certs-'));
  const core = createCore({ frontDoor: 'cli', outside: testOutside(), dataDir, ...(options.now ? { now: options.now } : {}) });
  const call = async <C extends Channel>(channel: C, input: Input<C>) => (await core.dispatch(channel, input)) as Result<Output<C>>;
  const must = async <C extends Channel>(channel: C, input: Input<C>) => {
    const result = await call(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message} ${result.error.hint}`);
    return result.value;
  };
  const profile = await must('profile.create', { name: 'Production', siteUrl: options.siteUrl ?? 'https://meet.example.com' });
  return { dataDir, profileId: profile.id, call, must, cleanup: () => fs.rm(dataDir, { recursive: true, force: true }) };
}
