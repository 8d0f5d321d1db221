/** Every subcommand, one file each; add new ones here. */
import type { Command } from '../command.js';
import { profileCommand } from './profile-command.js';
import { serveCommand } from './serve-command.js';

export const COMMANDS: readonly Command[] = [profileCommand, serveCommand];
