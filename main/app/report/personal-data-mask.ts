/**
 * Masks personal data for a report that leaves the organisation: "alice.smith@example.com" becomes
 * "a***@example.com" (the domain helps support and is not personal), "Alice" becomes "A***".
 */
const EMAIL = /[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/g;

export function maskValue(value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') return value;
  const email = /^([^@\s]+)@(\S+)$/.exec(trimmed);
  if (email) return `${email[1]?.[0] ?? ''}***@${email[2]}`;
  return `${[...trimmed][0] ?? ''}***`;
}

/** Replaces every known personal value, longest first, and then any email address left in the text. */
export function maskText(text: string, personalValues: Iterable<string>): string {
  let masked = text;
  const values = [...new Set([...personalValues].map((v) => v.trim()).filter((v) => v.length >= 2))].sort((a, b) => b.length - a.length);
  for (const value of values) {
    // Whole words only, so a first name like "Ann" does not mask "Annual".
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_])`, 'gu');
    masked = masked.replace(pattern, maskValue(value));
  }
  return masked.replace(EMAIL, (match) => (match.includes('***@') ? match : maskValue(match)));
}
