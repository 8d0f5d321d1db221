/** node:util parseArgs for a subcommand, with its errors turned into a usage error that shows the command's help. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.js';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<const O extends OptionsConfig, P extends boolean = false>(
  args: string[],
  options: O,
  usage: string,
  allowPositionals?: P,
) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: (allowPositionals ?? false) as P });
  } catch (error) {
    throw new UsageError((error as Error).message, usage);
  }
}
