/** Thrown inside argument parsing only; the CLI turns it into exit code 2 and the command's usage. */
export class UsageError extends Error {
  constructor(message: string, readonly usage?: string) {
    super(message);
  }
}
