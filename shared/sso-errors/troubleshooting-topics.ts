/**
 * The three troubleshooting topics of the seed's "Single Sign-On" chapter, with their problems, causes and
 * solutions (wording kept close to the source), the codes they relate to and the wizard step that applies.
 */
import type { StepId } from '../steps.js';

export const TROUBLESHOOTING_TOPIC_IDS = ['disaster-recovery', 'protocol-error', 'redirection-failed'] as const;
export type TroubleshootingTopicId = (typeof TROUBLESHOOTING_TOPIC_IDS)[number];

export interface TroubleshootingTopic {
  id: TroubleshootingTopicId;
  title: string;
  problem: string;
  causes: readonly string[];
  solution: string;
  /** Phrases that identify the topic in pasted text (matched after normalisation). */
  phrases: readonly string[];
  relatedCodes: readonly number[];
  step: StepId | null;
}

export const TROUBLESHOOTING_TOPICS: readonly TroubleshootingTopic[] = [
  {
    id: 'disaster-recovery',
    title: 'SSO Fails After Completing Disaster Recovery Operation',
    problem: 'When a user completes a disaster recovery operation, SSO fails due to expired certificates.',
    causes: ['Existing SSO certificates were installed before the application was installed.'],
    solution:
      'Reinstall SSO certificates after completing the disaster recovery operation: on the Administration site select Settings > Security > Certificate > SSL Certificate > Generate CSR, then More Options > Download CSR. Use the CSR to obtain a new SSL certificate, import it with Settings > Security > Certificate > More Options (Import SSL Certificate), and import the same certificate into AD FS for the site URL\'s relying party. The wizard walks through exactly this in steps 1 to 3.',
    phrases: [
      'disaster recovery',
      'certificate has not been imported into the saml idp',
      'certificate has not been imported into the idp',
    ],
    relatedCodes: [15, 4, 8, 23],
    step: 'csr',
  },
  {
    id: 'protocol-error',
    title: 'SSO Protocol Error',
    problem: 'You receive the error message "SSO protocol error. Contact your administrator for further support."',
    causes: [
      'Your SSO administration site or IdP configuration contains errors.',
      'SSO is not enabled.',
      'Some or all of the required IdP attributes are not configured: firstname, lastname, email.',
      'The NameID parameter of your SAML is not set to email.',
    ],
    solution:
      'Make sure the required IdP attributes (firstname, lastname, email) are configured and that the IdP attributes uid and SAML_SUBJECT are set to the user\'s email address. If the cause stays unclear, generate a log on the site and contact Cisco TAC.',
    phrases: ['sso protocol error'],
    relatedCodes: [1, 2, 25, 31],
    step: 'attributes',
  },
  {
    id: 'redirection-failed',
    title: 'SSO Redirection Has Failed',
    problem: 'A user attempts to sign in and receives a "SSO Redirection Failed" message and is directed to an administrator.',
    causes: [
      'An IdP attribute value in the user\'s account has violated account regulations; the site then shows one of its SSO error messages.',
      'Update user privilege failed or user is not allowed to update user privilege.',
    ],
    solution:
      'Examine the SSO URL API values (firstname up to 32, lastname up to 32, email up to 64 characters) to find the account values causing the failure; see "Setting and Changing SSO URL API Parameters" in the Planning Guide. Decode the exact message the site showed to get its cause.',
    phrases: ['sso redirection failed', 'sso redirection has failed', 'update user privilege failed'],
    relatedCodes: [31, 32, 3, 16, 17, 18, 21],
    step: 'attributes',
  },
];
