/**
 * The profile's AD FS settings, `adfs.json` in the profile folder: relying-party name, LDAP attribute per
 * claim, access control policy, revocation checks, response signature and encryption. Unset fields take
 * their defaults (the relying-party name defaults to the site host), so a profile needs no file at all.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AdfsSettingsSchema, DEFAULT_LDAP_MAPPING, type AdfsSettings, type AdfsSettingsPatch } from '../../../shared/api/adfs-schemas.js';
import { appError } from '../../../shared/app-errors.js';
import { ok, type Result } from '../../../shared/result.js';
import { profileDataDir } from '../../platform/data-dir.js';
import { writeFileAtomic } from '../../platform/atomic-file.js';
import { ensureDirectory } from '../../platform/ensure-directory.js';

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

  constructor(dataDir: string, profileId: string) {
    this.dir = profileDataDir(dataDir, profileId);
    this.file = path.join(this.dir, ADFS_SETTINGS_FILE);
  }

  private async readStored(): Promise<Result<Stored>> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok({ version: 1, settings: {} });
      return appError('state-unreadable', { message: `${this.file} could not be read.`, hint: 'Check the permissions of the data folder.' });
    }
    try {
      const parsed = StoredSchema.safeParse(JSON.parse(text));
      if (parsed.success) return ok(parsed.data);
    } catch {
      // not JSON: reported below
    }
    return appError('state-unreadable', {
      message: `The AD FS settings file ${this.file} is damaged.`,
      hint: 'Delete it to return to the default AD FS settings, then set them again in step 3.',
    });
  }

  /** The effective settings: what was saved, over the defaults for this host. */
  async read(host: string): Promise<Result<AdfsSettings>> {
    const stored = await this.readStored();
    if (!stored.ok) return stored;
    const defaults = defaultAdfsSettings(host);
    const { ldapAttributes, ...rest } = stored.value.settings;
    return ok({ ...defaults, ...rest, ldapAttributes: { ...defaults.ldapAttributes, ...ldapAttributes } });
  }

  async update(host: string, patch: AdfsSettingsPatch): Promise<Result<AdfsSettings>> {
    const stored = await this.readStored();
    if (!stored.ok) return stored;
    const { ldapAttributes, ...rest } = patch;
    const settings = {
      ...stored.value.settings,
      ...Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)),
      ldapAttributes: { ...stored.value.settings.ldapAttributes, ...ldapAttributes },
    };
    try {
      await ensureDirectory(this.dir);
      await writeFileAtomic(this.file, `${JSON.stringify({ version: 1, settings }, null, 2)}\n`);
    } catch {
      return appError('storage-failed', { message: `The AD FS settings could not be saved to ${this.file}.`, hint: 'Check that the data folder is writable and the disk is not full, then retry.' });
    }
    return this.read(host);
  }
}
