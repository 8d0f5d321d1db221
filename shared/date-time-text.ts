/**
 * The one way dates and times are written for people, in the UI, the CLI and the report: ISO 8601 order with a
 * space, to the second, always in UTC and saying so ("2026-11-30 19:26:59 UTC"). UTC because the wizard's
 * records, the IdP's SAML timestamps and AD FS logs are compared side by side, often across time zones; seconds
 * because two CSRs or two test sign-ins of one minute must still be told apart.
 */

/** "2026-11-30 19:26:59 UTC"; a value that is not a date is returned as it was given, never "Invalid Date". */
export function formatDateTime(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** "2026-11-30" (UTC): for validity periods and expiry dates, where the day is what matters. */
export function formatDate(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return date.toISOString().slice(0, 10);
}
