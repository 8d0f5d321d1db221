/**
 * `--data-dir <folder>` (or `--data-dir=<folder>`) on the desktop app's command line, as the CLI takes it:
 * `npm start -- --data-dir /tmp/x` reaches Electron's process.argv through the launcher.
 */
export function dataDirFromArgs(argv: readonly string[]): string | undefined {
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (arg.startsWith('--data-dir=')) return arg.slice('--data-dir='.length) || undefined;
    if (arg === '--data-dir') {
      const next = argv[index + 1];
      return next && !next.startsWith('--') ? next : undefined;
    }
  }
  return undefined;
}
