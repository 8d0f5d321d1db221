import { ok } from '../../../../shared/result.js';
import type { SsoErrorEntry } from '../../../../shared/sso-errors/catalogue.js';
import { decodeSsoError } from '../../../../shared/sso-errors/error-decoder.js';
import type { TroubleshootingTopic } from '../../../../shared/sso-errors/troubleshooting-topics.js';
import type { Command } from '../command.js';
import { cliFixTarget } from '../cli-words.js';
import { EXIT } from '../exit-codes.js';
import { UsageError } from '../usage-error.js';

const USAGE = `Usage: sso-wizard explain <code|message|url|text>

Explains an error the meeting site showed at sign-in: its likely causes, the fix, and the wizard step that
fixes it. Give the error code (1-32), the message (case, punctuation and "Contact your administrator…" do not
matter), the address of the error page, or "-" to paste a whole page on standard input.

Examples:
  sso-wizard explain 23
  sso-wizard explain "Untrusted Issuer. Contact your administrator for further support."
  sso-wizard explain "https://meet.example.com/orion/error?errorCode=19"

Exit codes: 0 recognised, 1 not one of the site's SSO errors (the nearest are listed), 2 bad usage.`;

export function describeEntry(entry: SsoErrorEntry): string {
  const step = entry.step ? cliFixTarget(entry.step) : 'none: fix it in the site\'s user administration';
  return [
    `Error ${entry.code}: ${entry.description}`,
    `  Site message:  ${entry.message}`,
    '  Likely causes:',
    ...entry.causes.map((cause) => `    - ${cause}`),
    `  Fix:           ${entry.fix}`,
    `  Fixed with:    ${step}`,
    entry.check
      ? `  Check:         confirmed automatically from a captured response (check "${entry.check}"): sso-wizard decode --response FILE …`
      : '  Check:         cannot be seen in the SAML response.',
  ].join('\n');
}

function describeTopic(topic: TroubleshootingTopic): string {
  return [`Topic: ${topic.title}`, `  Problem:  ${topic.problem}`, '  Causes:', ...topic.causes.map((c) => `    - ${c}`), `  Solution: ${topic.solution}`, `  Related codes: ${topic.relatedCodes.join(', ')}`].join('\n');
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export const explainCommand: Command = {
  name: 'explain',
  summary: 'Explain a site SSO error (code, message or error-page URL): causes, fix, wizard step.',
  usage: USAGE,
  async run(context) {
    const text = context.args.length === 1 && context.args[0] === '-' ? await readStdin() : context.args.join(' ');
    if (text.trim() === '') throw new UsageError('Give the error code, the message or the error page address.', USAGE);
    const result = decodeSsoError(text);
    if (context.json) {
      context.io.out(JSON.stringify(ok(result), null, 2));
      return result.status === 'found' ? EXIT.ok : EXIT.failed;
    }
    if (result.status === 'unknown') {
      const nearest = result.nearest.map((e) => `  ${String(e.code).padStart(2)}  ${e.description}`).join('\n');
      context.io.err(`ERROR: ${result.note}${nearest ? `\n\nClosest:\n${nearest}\n\nRun "sso-wizard explain <code>" for one of them.` : ''}`);
      return EXIT.failed;
    }
    const parts = [...result.matches.map((m) => describeEntry(m.entry)), ...result.topics.map(describeTopic)];
    context.io.out(parts.join('\n\n'));
    return EXIT.ok;
  },
};
