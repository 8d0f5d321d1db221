import type { Profile } from '../../../../shared/api/profile-schemas.js';
import { ok, type Result } from '../../../../shared/result.js';
import { stepInfo } from '../../../../shared/steps.js';
import { callCore, report, reportError } from '../call-core.js';
import type { Command, CommandContext } from '../command.js';
import { resolveProfile } from '../profile-resolver.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { UsageError } from '../usage-error.js';

const USAGE = `Usage: sso-wizard profile <subcommand> [options]

Manage site profiles (one per meeting site). Profiles are shared with the desktop app and browser mode.

Subcommands:
  list                              List profiles; * marks the active one.
  show <id|name>                    Show one profile.
  add --name N --site-url URL [--sp-entity-id ID] [--acs-url URL]
                                    Create a profile and make it active. The SP entity ID and ACS URL
                                    default from the site URL; check them against the site's SSO page.
  set <id|name> [--name N] [--site-url URL] [--sp-entity-id ID] [--acs-url URL]
                                    Change a profile. Pass "" to return an identity to its default.
  remove <id|name> [--remove-keys --yes]
                                    Delete a profile. Its private keys, key files and certs.json stay
                                    (it says which and where) unless --remove-keys is given, which also
                                    deletes them and the profile folder; --yes confirms that.
  use <id|name>                     Make a profile the active one.

Options:
  --json                            Print the result as JSON ({"ok":true,"value":…} or {"ok":false,"error":…}).`;

const FIELDS = {
  name: { type: 'string' },
  'site-url': { type: 'string' },
  'sp-entity-id': { type: 'string' },
  'acs-url': { type: 'string' },
  'remove-keys': { type: 'boolean' },
  yes: { type: 'boolean' },
} as const;

function describe(profile: Profile, active: boolean): string {
  return [
    `${active ? '* ' : ''}${profile.name}  (${profile.id})`,
    `  Site URL:      ${profile.siteUrl}`,
    `  SP entity ID:  ${profile.spEntityId}`,
    `  ACS URL:       ${profile.acsUrl}`,
    `  Current step:  ${stepInfo(profile.progress.currentStep).number}. ${stepInfo(profile.progress.currentStep).title}`,
  ].join('\n');
}

/** The profile named by the positional argument, and whether it is the active one. */
async function resolve(context: CommandContext, ref: string | undefined): Promise<Result<{ profile: Profile; active: boolean }>> {
  if (!ref) throw new UsageError('Name the profile by its ID or name.', USAGE);
  const found = await resolveProfile(context, ref);
  if (!found.ok) return found;
  const listing = await callCore(context, 'profile.list', {});
  return ok({ profile: found.value, active: listing.ok && listing.value.activeProfileId === found.value.id });
}

export const profileCommand: Command = {
  name: 'profile',
  summary: 'Create, list, change and remove site profiles.',
  usage: USAGE,
  async run(context) {
    const [sub, ...rest] = context.args;
    const parsed = parseCommandArgs(rest, FIELDS, USAGE, true);
    const { values, positionals } = parsed;
    const fields = {
      ...(values.name !== undefined ? { name: values.name } : {}),
      ...(values['site-url'] !== undefined ? { siteUrl: values['site-url'] } : {}),
      ...(values['sp-entity-id'] !== undefined ? { spEntityId: values['sp-entity-id'] } : {}),
      ...(values['acs-url'] !== undefined ? { acsUrl: values['acs-url'] } : {}),
    };
    const expectPositionals = (count: number) => {
      if (positionals.length !== count) {
        throw new UsageError(`"profile ${sub}" takes ${count === 0 ? 'no' : count} argument${count === 1 ? '' : 's'}.`, USAGE);
      }
    };
    switch (sub) {
      case 'list': {
        expectPositionals(0);
        const result = await callCore(context, 'profile.list', {});
        return report(context, result, ({ profiles, activeProfileId }) =>
          profiles.length === 0
            ? 'No profiles yet. Create one: sso-wizard profile add --name "Production" --site-url https://meet.example.com'
            : profiles.map((p) => describe(p, p.id === activeProfileId)).join('\n\n'),
        );
      }
      case 'show': {
        expectPositionals(1);
        const found = await resolve(context, positionals[0]);
        return report(context, found.ok ? ok(found.value.profile) : found, (p) => describe(p, found.ok && found.value.active));
      }
      case 'add': {
        expectPositionals(0);
        if (fields.name === undefined || fields.siteUrl === undefined) {
          throw new UsageError('"profile add" needs --name and --site-url.', USAGE);
        }
        const result = await callCore(context, 'profile.create', { ...fields, name: fields.name, siteUrl: fields.siteUrl });
        return report(context, result, (p) => `Created profile "${p.name}" (${p.id}) and made it active.\n${describe(p, true)}\nNext: check the SP entity ID and ACS URL against the site's SSO settings, then generate a CSR.`);
      }
      case 'set': {
        expectPositionals(1);
        if (Object.keys(fields).length === 0) throw new UsageError('"profile set" needs at least one field to change.', USAGE);
        const found = await resolve(context, positionals[0]);
        if (!found.ok) return reportError(context, found);
        const result = await callCore(context, 'profile.update', { id: found.value.profile.id, ...fields });
        return report(context, result, (p) => `Updated profile "${p.name}".\n${describe(p, found.value.active)}`);
      }
      case 'remove': {
        expectPositionals(1);
        const found = await resolve(context, positionals[0]);
        if (!found.ok) return reportError(context, found);
        const removeKeys = values['remove-keys'] === true;
        if (removeKeys && values.yes !== true) {
          throw new UsageError(
            `--remove-keys deletes the private keys of "${found.value.profile.name}" for good (a certificate issued for them becomes useless unless you kept a copy). Add --yes to confirm.`,
            USAGE,
          );
        }
        const result = await callCore(context, 'profile.remove', { id: found.value.profile.id, removeKeys });
        return report(context, result, ({ removed, kept }) =>
          [
            `Removed ${removed[0] ?? 'the profile'}${removed.length > 1 ? ` and its keys: ${removed.slice(1).join('; ')}` : ''}.`,
            ...(kept.length > 0
              ? [
                  `Kept on this computer: ${kept.join('; ')}.`,
                  // The profile is gone now: name what to do with what stays, and the option for next time.
                  'No profile uses them now; delete them by hand once you no longer need them. Next time, "sso-wizard profile remove <name> --remove-keys --yes" deletes a profile together with its keys.',
                ]
              : []),
          ].join('\n'),
        );
      }
      case 'use': {
        expectPositionals(1);
        const found = await resolve(context, positionals[0]);
        if (!found.ok) return reportError(context, found);
        const result = await callCore(context, 'profile.select', { id: found.value.profile.id });
        return report(context, result, () => `"${found.value.profile.name}" is now the active profile.`);
      }
      default:
        throw new UsageError(sub ? `Unknown subcommand "profile ${sub}".` : 'Name a subcommand.', USAGE);
    }
  },
};
