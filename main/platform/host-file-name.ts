/**
 * The one way files written for the user are named after the site host (mkcert style: the name says what it
 * is, and copies for two sites stay apart): a leading `*.` becomes `wildcard.`, and every character a file
 * system may refuse - anything but ASCII letters, digits, dot and hyphen, such as the `:` of a port on Windows -
 * becomes `_`.
 */
export function hostFileName(host: string, suffix = ''): string {
  const stem = host.trim().replace(/^\*\./, 'wildcard.').replace(/[^a-z0-9.-]/gi, '_').replace(/^\.+/, '_') || 'site';
  return `${stem}${suffix}`;
}
