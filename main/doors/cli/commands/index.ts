/** Every subcommand, one file each; add new ones here. */
import type { Command } from '../command.js';
import { adfsExportCommand } from './adfs-export-command.js';
import { attributesCommand } from './attributes-command.js';
import { csrCommand } from './csr-command.js';
import { decodeCommand } from './decode-command.js';
import { explainCommand } from './explain-command.js';
import { idpCertificateCommand } from './idp-certificate-command.js';
import { exportCommand } from './export-command.js';
import { importCommand } from './import-command.js';
import { inspectCommand } from './inspect-command.js';
import { profileCommand } from './profile-command.js';
import { reportCommand } from './report-command.js';
import { serveCommand } from './serve-command.js';
import { signinCommand } from './signin-command.js';
import { statusCommand } from './status-command.js';

// In the order of the repair journey, then the diagnosis and the front doors.
export const COMMANDS: readonly Command[] = [
  profileCommand,
  csrCommand,
  inspectCommand,
  importCommand,
  exportCommand,
  adfsExportCommand,
  attributesCommand,
  idpCertificateCommand,
  signinCommand,
  decodeCommand,
  explainCommand,
  statusCommand,
  reportCommand,
  serveCommand,
];
