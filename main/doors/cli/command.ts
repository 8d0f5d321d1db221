import type { Core } from '../../app/core/create-core.js';
import type { CliIo } from './cli-io.js';

export interface CommandContext {
  args: string[];
  json: boolean;
  io: CliIo;
  /** Created on first use, so --help never touches the data folder; the core's modules load on its first dispatch. */
  core: () => Core;
  dataDir: string;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(context: CommandContext): Promise<number>;
}

/** A line of the command table: what `sso-wizard --help` lists, and how to load the command when it runs. */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}
