/**
 * The profile's AD FS settings, `adfs.json` in the profile folder: relying-party name, LDAP attribute per
 * claim, access control policy, revocation checks, response signature and encryption. Unset fields take
 * their defaults (the relying-party name defaults to the site host), so a profile needs no file at all.
 */
import path from 'node:path';
import * as z from 'zod';
import { AdfsSettingsSchema, DEFAULT_LDAP_MAPPING, type AdfsSettings, type AdfsSettingsPatch } from '../../../shared/api/adfs-schemas.js';
import { appError } from '../../../shared/app-errors.js';
import { ok, type Err, type Result } from '../../../shared/result.js';
import { profileDataDir } from '../../platform/data-dir.js';
import { JsonFileStore, type KeptAside } from '../../platform/json-file-store.js';

export const ADFS_SETTINGS_FILE = 'adfs.json';

const StoredSchema = z.object({ version: z.literal(1), settings: AdfsSettingsSchema.partial().extend({ ldapAttributes: AdfsSettingsSchema.shape.ldapAttributes.partial().optional() }) });
type Stored = z.infer<typeof StoredSchema>;

export function defaultAdfsSettings(host: string): AdfsSettings {
  return {
    relyingPartyName: host,
    ldapAttributes: { ...DEFAULT_LDAP_MAPPING },
    accessControlPolicyName: 'Permit everyone',
    revocationCheck: 'None',
    samlResponseSignature: 'AssertionOnly',
    encryptAssertions: false,
  };
}

export class AdfsSettingsStore {
  readonly dir: string;
  readonly file: string;
  private readonly store: JsonFileStore<Stored>;

  constructor(dataDir: string, profileId: string, now?: () => Date) {
    this.dir = profileDataDir(dataDir, profileId);
    this.file = path.join(this.dir, ADFS_SETTINGS_FILE);
    this.store = new JsonFileStore({
      file: this.file,
      schema: StoredSchema,
      empty: () => ({ version: 1, settings: {} }),
      label: 'The AD FS settings file',
      afterKeptAside: 'the default AD FS settings apply again',
      ...(now ? { now } : {}),
    });
  }

  /** The effective settings: what was saved, over the defaults for this host. */
  async read(host: string): Promise<Result<AdfsSettings>> {
    try {
      const loaded = await this.store.read();
      return loaded.keptAside ? damaged(loaded.keptAside) : ok(effective(host, loaded.value));
    } catch (error) {
      return appError('state-unreadable', { message: `${this.file} could not be read (${errorCode(error)}).`, hint: 'Check the permissions of the data folder.' });
    }
  }

  /** Saves the fields the patch sets, under the file's queue and lock (two saves at once both land). */
  async update(host: string, patch: AdfsSettingsPatch): Promise<Result<AdfsSettings>> {
    try {
      const { value, keptAside } = await this.store.update((stored, found) => {
        if (found) return;
        const { ldapAttributes, ...rest } = patch;
        stored.settings = {
          ...stored.settings,
          ...Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)),
          ldapAttributes: { ...stored.settings.ldapAttributes, ...ldapAttributes },
        };
      });
      return keptAside ? damaged(keptAside) : ok(effective(host, value));
    } catch (error) {
      return appError('storage-failed', {
        message: `The AD FS settings could not be saved to ${this.file} (${errorCode(error)}).`,
        hint: 'Check that the data folder is writable and the disk is not full, then retry.',
      });
    }
  }
}

function effective(host: string, stored: Stored): AdfsSettings {
  const defaults = defaultAdfsSettings(host);
  const { ldapAttributes, ...rest } = stored.settings;
  return { ...defaults, ...rest, ldapAttributes: { ...defaults.ldapAttributes, ...ldapAttributes } };
}

function damaged(keptAside: KeptAside): Err {
  return appError('state-unreadable', { message: keptAside.warning, hint: 'Set the AD FS settings again in step 3.' });
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? 'error';
}
