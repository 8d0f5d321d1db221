/**
 * The CLI's words for what the core says in the desktop wizard's words. The core's messages and hints are
 * shared by every front door and name the wizard's buttons, panels and steps ("press Test sign-in again");
 * at a terminal they name the command or option that does the same thing. Applied to everything a command
 * prints for a person (not to --json output, which stays the core's own); test/main/doors/cli/cli-words.test.ts
 * scans the core's texts for button names this table does not cover.
 */
import { IDP_CERTIFICATE_PANEL, isStepTarget, type FixTarget } from '../../../shared/sso-errors/fix-targets.js';
import { stepInfo, type StepId } from '../../../shared/steps.js';

const COMMAND_OF_STEP: Readonly<Record<StepId, string>> = {
  csr: 'sso-wizard csr',
  import: 'sso-wizard import',
  adfs: 'sso-wizard adfs-export',
  attributes: 'sso-wizard attributes',
  test: 'sso-wizard signin',
};

/** "sso-wizard adfs-export (step 3, AD FS export)": where a finding is fixed, as a command. */
export function cliFixTarget(target: FixTarget): string {
  if (!isStepTarget(target)) return `sso-wizard ${IDP_CERTIFICATE_PANEL} (the IdP's token-signing certificate for the site's SSO settings)`;
  const step = stepInfo(target);
  return `${COMMAND_OF_STEP[target]} (step ${step.number}, ${step.title})`;
}

const COMMAND_OF_NUMBER: Readonly<Record<string, string>> = Object.fromEntries(
  (Object.keys(COMMAND_OF_STEP) as StepId[]).map((id) => [String(stepInfo(id).number), COMMAND_OF_STEP[id]]),
);

/** Wizard phrase → CLI phrase, most specific first. */
const PHRASES: ReadonlyArray<readonly [RegExp, string | ((match: string, ...groups: string[]) => string)]> = [
  [/\bPress Test sign-in\b/g, 'Run "sso-wizard signin"'],
  [/\bpress Test sign-in\b/g, 'run "sso-wizard signin"'],
  [/\bMark the step done, or run it again after any change\./g, 'Run "sso-wizard signin" again after any change.'],
  [/\bin the IdP settings\b/g, 'in the wizard\'s IdP settings ("sso-wizard serve" opens the wizard)'],
  [/\bconfirm with "Replace the current certificate" \(CLI: (sso-wizard import --replace)\)/g, 'confirm with $1'],
  [/\bthe wizard closes it for you\b/g, 'the command closes it for you'],
  [/\bwith "Make the key and CSR here" in step 1\b/g, 'with sso-wizard csr (step 1)'],
  // "in step 2" or "in step 2 (Import certificate)", unless a command already follows.
  [/\bin step ([1-5])(?: \([A-Z][a-z]+(?: [A-Za-z]+)*\))?(?! \()/g, (_match: string, number: string) => `in step ${number} (${COMMAND_OF_NUMBER[number] ?? 'sso-wizard'})`],
];

export function cliWords(text: string): string {
  let result = text;
  for (const [phrase, words] of PHRASES) result = typeof words === 'string' ? result.replace(phrase, words) : result.replace(phrase, words);
  return result;
}
