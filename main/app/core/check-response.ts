/**
 * The one app-level "check a response": step 4 (attributes.checkResponse), step 5 (the test sign-in), Decode
 * (saml.decode) and the CLI (saml.check, behind `sso-wizard decode`) all validate a SAML response here, and
 * the site's decryption key is loaded in one place, only when the assertion is encrypted.
 */
import type { ValidationReport } from '../../../shared/saml/validation-report.js';
import { decodeSamlMessage, validateSamlResponse, type ValidateSamlResponseInput } from '../../domains/saml/response-validator.js';
import { NS, firstChild, parseXmlSafely, textOf } from '../../domains/saml/xml-parser.js';
import type { CoreContext } from './core-context.js';

/** Where the key that decrypts an encrypted assertion comes from; undefined when there is none. */
export type DecryptionKeySource = () => Promise<string | undefined>;

export type CheckResponseRequest = Omit<ValidateSamlResponseInput, 'spPrivateKeyPem'> & { decryptionKey?: DecryptionKeySource };

export async function checkResponse(request: CheckResponseRequest): Promise<ValidationReport> {
  const { decryptionKey, ...input } = request;
  const key = decryptionKey && isEncrypted(input.samlResponse) ? await decryptionKey().catch(() => undefined) : undefined;
  return validateSamlResponse({ ...input, ...(key ? { spPrivateKeyPem: key } : {}) });
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

/** The response's own Issuer, for a check that was given no IdP entity ID. */
export function responseIssuer(samlResponse: string): string | null {
  const message = decodeSamlMessage(samlResponse);
  if (!message.ok) return null;
  const parsed = parseXmlSafely(message.xml);
  return parsed.ok ? textOf(firstChild(parsed.root, NS.saml, 'Issuer')) : null;
}

function isEncrypted(samlResponse: string): boolean {
  const message = decodeSamlMessage(samlResponse);
  return message.ok && message.xml.includes('EncryptedAssertion');
}
