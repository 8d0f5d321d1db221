/** Calls the core through the contract and prints the result the way every command does. */
import type { Channel, Input, Output } from '../../../shared/api/contract.js';
import type { Err, Result } from '../../../shared/result.js';
import { formatError } from './cli-io.js';
import type { CommandContext } from './command.js';
import { EXIT, exitCodeFor } from './exit-codes.js';

export async function callCore<C extends Channel>(context: CommandContext, channel: C, input: Input<C>): Promise<Result<Output<C>>> {
  return (await context.core().dispatch(channel, input)) as Result<Output<C>>;
}

/** Prints `result` (JSON, or the human text `render` makes) and returns the exit code. */
export function report<T>(context: CommandContext, result: Result<T>, render: (value: T) => string): number {
  if (context.json) {
    context.io.out(JSON.stringify(result, null, 2));
  } else if (result.ok) {
    context.io.out(render(result.value));
  } else {
    context.io.err(formatError(result.error));
  }
  return result.ok ? EXIT.ok : exitCodeFor(result.error.code);
}

/** Prints an error result (JSON, or the ERROR: line with its hint) and returns its exit code. */
export function reportError(context: CommandContext, result: Err): number {
  return report(context, result, () => '');
}
