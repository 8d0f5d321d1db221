/**
 * Step 5, the live test sign-in. The contract is request/response, so a run is started, then polled:
 * signin.start answers at once with a run ID, signin.status returns the progress events since the last poll
 * and, once finished, the result; signin.cancel stops it and closes the window.
 */
import * as z from 'zod';
import { channel } from '../channel-spec.js';
import { ProfileIdSchema } from '../profile-schemas.js';
import {
  SigninHistoryRowSchema,
  SigninInitiationSchema,
  SigninRunIdSchema,
  SigninStatusSchema,
  StoredSigninResultSchema,
} from '../../signin/signin-schemas.js';

export const signinChannels = {
  'signin.readiness': channel({
    description: 'Whether a test sign-in can start for this profile: a sign-in window is available, the IdP is known, and the default IdP-initiated URL.',
    input: z.object({ profileId: ProfileIdSchema }).strict(),
    output: z.object({
      browser: z.object({ available: z.boolean(), name: z.string().nullable(), message: z.string(), hint: z.string() }),
      idp: z.object({ configured: z.boolean(), entityId: z.string().nullable(), ssoUrl: z.string().nullable(), message: z.string() }),
      defaultIdpInitiatedUrl: z.string().nullable(),
    }),
  }),
  'signin.start': channel({
    description: 'Opens the sign-in window and starts a test sign-in; answers at once with the run ID to poll.',
    input: z
      .object({
        profileId: ProfileIdSchema,
        initiation: SigninInitiationSchema,
        /** IdP-initiated only: the address to open instead of the one derived from the IdP's SSO URL. */
        idpInitiatedUrl: z.string().trim().max(4096, 'The IdP-initiated sign-in URL is longer than 4096 characters.').optional(),
        forwardToSite: z.boolean().default(false),
        timeoutSeconds: z.number().int().min(1).max(3600).default(300),
      })
      .strict(),
    output: z.object({ runId: SigninRunIdSchema }),
  }),
  'signin.status': channel({
    description: 'The progress of a run since the given event number, and its result once finished.',
    input: z.object({ runId: SigninRunIdSchema, after: z.number().int().min(0).default(0) }).strict(),
    output: SigninStatusSchema,
  }),
  'signin.cancel': channel({
    description: 'Cancels a running test sign-in and closes its window.',
    input: z.object({ runId: SigninRunIdSchema }).strict(),
    output: SigninStatusSchema,
  }),
  'signin.history': channel({
    description: 'The profile\'s past test sign-ins, newest first; each says whether its full result can still be opened.',
    input: z.object({ profileId: ProfileIdSchema }).strict(),
    output: z.object({ entries: z.array(SigninHistoryRowSchema) }),
  }),
  'signin.result': channel({
    description: 'One past test sign-in from the history, with its full result as the run ended (the newest runs keep theirs).',
    input: z.object({ profileId: ProfileIdSchema, runId: z.string().min(1, 'Give the run ID of a history row.').max(100, 'A run ID is at most 100 characters.') }).strict(),
    output: StoredSigninResultSchema,
  }),
  'signin.exportHistory': channel({
    description: 'The profile\'s test sign-in history as a file to save (JSON or CSV).',
    input: z.object({ profileId: ProfileIdSchema, format: z.enum(['json', 'csv']).default('json') }).strict(),
    output: z.object({ fileName: z.string(), mimeType: z.string(), content: z.string() }),
  }),
};
