/**
 * The IdP settings of one profile: `idp.json` in the profile's folder, replaced atomically. Importing
 * metadata replaces everything; importing a bare certificate keeps the entity ID and SSO URL already known.
 */
import path from 'node:path';
import { IdpSettingsSchema, type IdpSettings } from '../../../shared/saml/idp-settings.js';
import { profileDataDir } from '../../platform/data-dir.js';
import { JsonFileStore } from '../../platform/json-file-store.js';
import { HTTP_POST_BINDING, HTTP_REDIRECT_BINDING, type IdpMetadata } from './idp-metadata-parser.js';

export const IDP_FILE = 'idp.json';

export function idpFile(dataDir: string, profileId: string): string {
  return path.join(profileDataDir(dataDir, profileId), IDP_FILE);
}

/** The file holds the settings, or null once they are cleared; no file means none were imported. */
const StoredIdpSchema = IdpSettingsSchema.nullable();

function idpStore(dataDir: string, profileId: string): JsonFileStore<IdpSettings | null> {
  return new JsonFileStore<IdpSettings | null>({
    file: idpFile(dataDir, profileId),
    schema: StoredIdpSchema,
    empty: () => null,
    label: 'The IdP settings file',
    afterKeptAside: 'the profile has no IdP until its metadata is imported again',
  });
}

/** The stored settings, or null when none were imported (or the file was unreadable: it is kept aside; re-import). */
export async function readIdpSettings(dataDir: string, profileId: string): Promise<IdpSettings | null> {
  return (await idpStore(dataDir, profileId).read()).value;
}

/**
 * Read-modify-write under the file's queue and lock: `change` gets the current settings (null when none) and
 * returns the next (null leaves them as they are). Two imports or edits at once both land, one after the other.
 */
export async function updateIdpSettings(dataDir: string, profileId: string, change: (current: IdpSettings | null) => IdpSettings): Promise<IdpSettings>;
export async function updateIdpSettings(dataDir: string, profileId: string, change: (current: IdpSettings | null) => IdpSettings | null): Promise<IdpSettings | null>;
export async function updateIdpSettings(
  dataDir: string,
  profileId: string,
  change: (current: IdpSettings | null) => IdpSettings | null,
): Promise<IdpSettings | null> {
  return (await idpStore(dataDir, profileId).replace((current) => change(current) ?? current)).value;
}

/** The endpoint AuthnRequests go to: HTTP-Redirect first (what the wizard sends), else POST. */
export function preferredSsoUrl(metadata: Pick<IdpMetadata, 'singleSignOnServices'>): string | null {
  const services = metadata.singleSignOnServices;
  return (services.find((s) => s.binding === HTTP_REDIRECT_BINDING) ?? services.find((s) => s.binding === HTTP_POST_BINDING) ?? services[0])?.location ?? null;
}

export function settingsFromMetadata(metadata: IdpMetadata, previous: IdpSettings | null, now: Date): IdpSettings {
  const fromCertificate = metadata.source === 'certificate';
  return {
    source: metadata.source,
    entityId: fromCertificate ? (previous?.entityId ?? null) : metadata.entityId,
    ssoUrl: fromCertificate ? (previous?.ssoUrl ?? null) : preferredSsoUrl(metadata),
    singleSignOnServices: fromCertificate ? (previous?.singleSignOnServices ?? []) : metadata.singleSignOnServices,
    singleLogoutServices: fromCertificate ? (previous?.singleLogoutServices ?? []) : metadata.singleLogoutServices,
    signingCertificates: metadata.signingCertificates,
    nameIdFormats: fromCertificate ? (previous?.nameIdFormats ?? []) : metadata.nameIdFormats,
    offeredClaims: fromCertificate ? (previous?.offeredClaims ?? []) : metadata.offeredClaims,
    warnings: metadata.warnings.filter((w) => !(fromCertificate && previous?.entityId && /entity ID and SSO URL/.test(w))),
    importedAt: now.toISOString(),
  };
}
