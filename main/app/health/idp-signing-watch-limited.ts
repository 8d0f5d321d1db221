/**
 * The IdP signing watch reads metadata fetched from the network (untrusted input, issue 16): it runs through the
 * parser runner the front door handed in, with a time limit, as every other parse of untrusted XML does. A
 * document that the limit stops is an error finding, never a hang of the health check or of browser mode.
 */
import type { WorkerRunner } from '../../platform/worker-runner.js';
import type { WatchInput, WatchOutput } from './idp-signing-watch.js';

/** Real metadata is read and its signature checked in milliseconds. */
export const WATCH_TIME_LIMIT_MS = 15_000;

const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

export async function watchOffThread(run: WorkerRunner, input: WatchInput, timeoutMs = WATCH_TIME_LIMIT_MS): Promise<WatchOutput> {
  const outcome = await run<WatchOutput>(
    { module: new URL(`./idp-signing-watch${extension}`, import.meta.url), exportName: 'watchIdpSigning', args: [input], load: () => import('./idp-signing-watch.js') as unknown as Promise<Record<string, unknown>> },
    { timeoutMs },
  );
  if (outcome.ok) return outcome.value;
  const where = input.source.kind === 'url' ? input.source.url : 'the stored IdP metadata';
  const why = outcome.reason === 'timeout' ? `took longer than ${outcome.timeoutMs / 1000} s to read and was stopped` : `could not be read (${outcome.message.slice(0, 160)})`;
  return {
    findings: [{
      id: 'idp:metadata-format', check: 'idp-signing', severity: 'error', subject: 'IdP signing certificates',
      fact: `The IdP metadata from ${where} ${why}; real metadata is read in well under a second.`,
      actBy: null, fix: 'Check the metadata URL (AD FS: /FederationMetadata/2007-06/FederationMetadata.xml) in the IdP settings, or import FederationMetadata.xml again.',
      fixTarget: 'idp-certificate', ssoErrorCodes: [],
    }],
    published: [],
    seen: input.seen,
  };
}
