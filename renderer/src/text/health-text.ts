import { formatDateTime } from '../../../shared/date-time-text';

/** The Health panel on the start page. */
export const healthText = {
  heading: 'Health check',
  intro: 'What will break sign-in before users meet it: the certificate the site serves, the IdP\'s signing certificates (rollover), the clocks, expiry dates, and what changed since sign-in last worked. It runs when the profile opens; run it daily from the command line with sso-wizard check.',
  running: 'Checking the site and the IdP…',
  runNow: 'Run the check now',
  lastRun: (at: string, ms: number) => `Last run: ${formatDateTime(at)} (${ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`}).`,
  never: 'Not run yet.',
  summary: (errors: number, warnings: number, ok: number) =>
    errors + warnings === 0 ? `All ${ok} checks pass.` : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${ok} passed.`,
  newSince: (count: number) => `${count} new since the previous run.`,
  severity: { ok: 'OK', warning: 'Warning', error: 'Error' } as const,
  check: { 'served-certificate': 'Served certificate', 'idp-signing': 'IdP signing certificates', clock: 'Clock', expiry: 'Expiry', drift: 'Drift since the last good state' } as const,
  actBy: (date: string) => `Act by ${date.slice(0, 10)}.`,
  codes: (codes: number[]) => `Site error ${codes.join('/')}.`,
  fixStep: (number: number, title: string) => `Fix in step ${number}, ${title}`,
  fixPanel: 'Fix: IdP certificate for the site',
  fixHeading: 'Fix the IdP certificate the site holds',
  passed: (count: number) => `${count} check${count === 1 ? '' : 's'} passed`,
  nodesHeading: 'Nodes behind a load balancer',
  nodesHelp: 'Each node is checked under the site\'s name, one HOST:PORT per line (like curl --connect-to). Empty: the site host itself.',
  nodesLabel: 'Nodes (HOST:PORT, one per line)',
  saveNodes: 'Save the nodes',
  nodesSaved: (count: number) => (count ? `${count} node${count === 1 ? '' : 's'} kept; the next run checks each.` : 'No nodes kept: the next run checks the site host.'),
};
