import { STEPS } from '../../../../shared/steps.js';
import { callCore, report, reportError } from '../call-core.js';
import type { Command } from '../command.js';
import { resolveProfile } from '../profile-resolver.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { describeChecklist } from './site-steps-command.js';

const STATUS_USAGE = `Usage: sso-wizard status [--profile P] [--json]

Says where the SSO repair of a profile stands, step by step (each from its latest result), the site-side
checklist, and what to do next. "Repaired" only when every step passes, the checklist is complete and the
last test sign-in would sign in.`;

export const statusCommand: Command = {
  name: 'status',
  summary: 'Where the SSO repair of a profile stands, and the next action.',
  usage: STATUS_USAGE,
  async run(context) {
    const { values } = parseCommandArgs(context.args, { profile: { type: 'string' } }, STATUS_USAGE);
    const profile = await resolveProfile(context, values.profile);
    if (!profile.ok) return reportError(context, profile);
    const status = await callCore(context, 'profile.status', { id: profile.value.id });
    const label = { done: 'done     ', todo: 'to do    ', attention: 'ATTENTION' } as const;
    return report(context, status, (value) =>
      [
        `SSO repair of ${profile.value.host} (${profile.value.name}):`,
        ...value.steps.map((s) => {
          const n = STEPS.findIndex((step) => step.id === s.step) + 1;
          return `  ${label[s.state]} ${n}. ${s.headline}${s.detail ? `\n              ${s.detail}` : ''}`;
        }),
        'On the site (tick with sso-wizard site-steps done <step>):',
        describeChecklist(value.checklist, { brief: true }),
        value.nextAction,
      ].join('\n'),
    );
  },
};
