/** The five steps of the wizard, in order. Later work fills them; `available` says which work today. */

export const STEP_IDS = ['csr', 'import', 'adfs', 'attributes', 'test'] as const;
export type StepId = (typeof STEP_IDS)[number];

export interface StepInfo {
  id: StepId;
  number: number;
  title: string;
  /** What the step does and why, in two sentences. */
  summary: string;
}

export const STEPS: readonly StepInfo[] = [
  {
    id: 'csr',
    number: 1,
    title: 'Generate CSR',
    summary:
      'Gets the site\'s certificate signing request (CSR): made on the site, as the vendor\'s procedure does, or made here with a key stored safely before the CSR is shown. It is checked at once and becomes the expected key.',
  },
  {
    id: 'import',
    number: 2,
    title: 'Import certificate',
    summary:
      'Reads the signed certificate in whatever format your CA returned and checks it against the expected key, the chain, the dates and the site host name. Exports it in the forms the site and AD FS need.',
  },
  {
    id: 'adfs',
    number: 3,
    title: 'AD FS export',
    summary:
      'Builds everything AD FS needs for the site\'s relying party trust: the certificate, SP metadata, a PowerShell script and claim rules.',
  },
  {
    id: 'attributes',
    number: 4,
    title: 'Attribute checks',
    summary:
      'Checks that the identity provider sends firstname, lastname and email, a NameID in email format, and uid and SAML_SUBJECT equal to the email.',
  },
  {
    id: 'test',
    number: 5,
    title: 'Test sign-in',
    summary:
      'Signs in once through the real identity provider and captures the SAML response. Whatever goes wrong is decoded into the site\'s error codes with the step that fixes it.',
  },
];

export function stepInfo(id: StepId): StepInfo {
  const step = STEPS.find((candidate) => candidate.id === id);
  if (!step) throw new Error(`Unknown step ${id}`);
  return step;
}
