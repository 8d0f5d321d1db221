import type { SiteChecklist } from '../../../../shared/api/channels/site-step-channels.js';
import { SITE_STEP_IDS, type SiteStepId } from '../../../../shared/site-steps.js';
import { formatDateTime } from '../../../../shared/date-time-text.js';
import { callCore, report, reportError } from '../call-core.js';
import type { Command } from '../command.js';
import { resolveProfile } from '../profile-resolver.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { UsageError } from '../usage-error.js';

const USAGE = `Usage: sso-wizard site-steps [--profile P] [--json]
       sso-wizard site-steps done|undo <step> [--profile P] [--json]

The actions of the vendor's disaster-recovery procedure that happen on the site's Administration pages, in
order, each with where to do it and why. Tick each one once it is done on the site (the time is kept);
"repaired" is said only when every one that applies is ticked.

Steps: ${SITE_STEP_IDS.join(', ')}`;

export function describeChecklist(checklist: SiteChecklist, options: { brief?: boolean } = {}): string {
  const indent = '  ';
  return checklist.items
    .filter((item) => item.applies)
    .map((item, index) => {
      const mark = item.doneAt ? `[x] done ${formatDateTime(item.doneAt)}` : '[ ] open';
      if (options.brief) return `${indent}${mark.startsWith('[x]') ? '[x]' : '[ ]'} ${item.title}${item.doneAt ? ` (${mark.slice(4)})` : `: ${item.where}`}`;
      return [
        `${indent}${index + 1}. ${item.title} (${item.step}): ${mark}`,
        `${indent}     Where: ${item.where}`,
        `${indent}     Why:   ${item.why}`,
        ...(item.confirmedBy ? [`${indent}     Check: ${item.confirmedBy}`] : []),
      ].join('\n');
    })
    .join('\n');
}

export const siteStepsCommand: Command = {
  name: 'site-steps',
  summary: 'The site-side checklist of the DR procedure: list it, tick a step done (or undo).',
  usage: USAGE,
  async run(context) {
    const { values, positionals } = parseCommandArgs(context.args, { profile: { type: 'string' } }, USAGE, true);
    const [action, step, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError(`Unexpected "${extra[0]}".`, USAGE);
    if (action !== undefined && action !== 'done' && action !== 'undo') throw new UsageError(`Unknown action "${action}": use done or undo.`, USAGE);
    if (action !== undefined && (step === undefined || !(SITE_STEP_IDS as readonly string[]).includes(step))) {
      throw new UsageError(`Name the step to ${action === 'done' ? 'tick' : 'untick'}: one of ${SITE_STEP_IDS.join(', ')}.`, USAGE);
    }
    const profile = await resolveProfile(context, values.profile);
    if (!profile.ok) return reportError(context, profile);
    const result =
      action === undefined
        ? await callCore(context, 'site-steps.list', { profileId: profile.value.id })
        : await callCore(context, 'site-steps.set', { profileId: profile.value.id, step: step as SiteStepId, done: action === 'done' });
    return report(context, result, (checklist) =>
      [
        `On the site ${profile.value.host} (${profile.value.name}):`,
        describeChecklist(checklist),
        checklist.complete ? 'Every site-side step is ticked.' : `Tick each one once done on the site: sso-wizard site-steps done <step>`,
      ].join('\n'),
    );
  },
};
