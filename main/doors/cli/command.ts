import type { Core } from '../../app/core/create-core.js';
import type { CliIo } from './cli-io.js';

export interface CommandContext {
  args: string[];
  json: boolean;
  io: CliIo;
  /** Created on first use, so --help never touches the data folder. */
  core: () => Core;
  dataDir: string;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(context: CommandContext): Promise<number>;
}
