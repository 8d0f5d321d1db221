/**
 * The one app-level "check a response": step 4 (attributes.checkResponse), step 5 (the test sign-in), Decode
 * (saml.decode) and the CLI (saml.check, behind `sso-wizard decode`) all validate a SAML response here, and
 * the site's decryption key is loaded in one place, only when the assertion is encrypted. The validation itself
 * runs through the parser runner the front door handed in (Outside.runParser), with a time limit: this module
 * never loads the SAML engine.
 */
import { appError } from '../../../shared/app-errors.js';
import { ok, type Result } from '../../../shared/result.js';
import type { ValidationReport } from '../../../shared/saml/validation-report.js';
import { validateLimited } from '../../domains/saml/limited-parsers.js';
import type { ValidateSamlResponseInput } from '../../domains/saml/response-validator.js';
import { decodeSamlMessage } from '../../domains/saml/saml-message.js';
import type { WorkerRunner } from '../../platform/worker-runner.js';
import type { CoreContext } from './core-context.js';

/** Where the key that decrypts an encrypted assertion comes from; undefined when there is none. */
export type DecryptionKeySource = () => Promise<string | undefined>;

export type CheckResponseRequest = Omit<ValidateSamlResponseInput, 'spPrivateKeyPem'> & { decryptionKey?: DecryptionKeySource };

export async function checkResponse(run: WorkerRunner, request: CheckResponseRequest): Promise<Result<ValidationReport>> {
  const { decryptionKey, ...input } = request;
  const key = decryptionKey && isEncrypted(input.samlResponse) ? await decryptionKey().catch(() => undefined) : undefined;
  const checked = await validateLimited(run, { ...input, ...(key ? { spPrivateKeyPem: key } : {}) });
  // No field: the response is not mistyped input but one the wizard will not read, and the hint says what to give instead.
  return checked.ok ? ok(checked.report) : appError('invalid-input', { message: checked.message, hint: checked.hint });
}

/**
 * The site's private key that matches the imported certificate, from wherever it is kept (the keychain handed
 * to the core, or the encrypted file). Without it an encrypted assertion's checks say so rather than fail.
 */
export function siteDecryptionKey(context: CoreContext, profileId: string): DecryptionKeySource {
  return async () => {
    // Imported only here: checking a response loads the certificate engines (x509, forge) only for an encrypted assertion.
    const { loadSitePrivateKey } = await import('../../domains/certs/site-credentials.js');
    const key = await loadSitePrivateKey(context.dataDir, profileId, { keychain: context.outside.keychain }).catch(() => null);
    return key?.ok ? key.value : undefined;
  };
}

/** Decoding only (linear string work), so it runs here: the XML is parsed by the runner. */
function isEncrypted(samlResponse: string): boolean {
  const message = decodeSamlMessage(samlResponse);
  return message.ok && message.xml.includes('EncryptedAssertion');
}
