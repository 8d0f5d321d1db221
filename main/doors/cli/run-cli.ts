/**
 * sso-wizard: the scriptable, offline front door. Parses the global options, picks the subcommand, and
 * turns every outcome into an exit code; a stack trace never reaches the user.
 *
 * Kept light on purpose: --help, --version and the commands that need no core load only this file, the
 * command table and the command that runs. The core (the contract's schemas and every domain engine) loads on
 * a command's first request to it; test/main/doors/cli/lazy-loading.test.ts holds this.
 */
import type { Core } from '../../app/core/create-core.js';
import { APP_VERSION } from '../../app/core/version.js';
import { defaultDataDir } from '../../platform/data-dir.js';
import { processIo, type CliIo } from './cli-io.js';
import { cliWords } from './cli-words.js';
import { COMMANDS } from './commands/index.js';
import { EXIT } from './exit-codes.js';
import { nearestCommand } from './nearest-command.js';
import { UsageError } from './usage-error.js';

export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return `sso-wizard ${APP_VERSION} - repair single sign-on between a meeting site and its identity provider

Usage: sso-wizard <command> [options]
       sso-wizard <command> --help

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}

Global options:
  --json             Machine-readable output: {"ok":true,"value":…} or {"ok":false,"error":{code,message,hint}}.
  --data-dir DIR     Use DIR for profiles and state (default: the per-user folder shared with the desktop
                     app; the environment variable SSO_WIZARD_DATA_DIR does the same).
  --help, -h         Show help.  --version, -V   Show the version.

Exit codes:
  0  success
  1  the command ran and the answer is no (not found, already exists, findings that block sign-in)
  2  bad usage or invalid input (nothing was changed)
  3  the data folder could not be read or written, or an unexpected error`;
}

/**
 * The core for one run, whose modules are imported on its first dispatch, not when the command starts. `warm`
 * starts that import without waiting for it: run once the command has printed something, so that browser mode
 * prints its link first and loads the core while the browser is still opening the page.
 */
function lazyCore(dataDir: string, env: NodeJS.ProcessEnv, frontDoor: 'cli' | 'browser', parsers: 'worker' | 'inline'): { core: Core; warm: () => void } {
  let core: Promise<Core> | undefined;
  const load = () =>
    (core ??= Promise.all([import('../../app/core/create-core.js'), import('../node-outside.js')]).then(([{ createCore }, { nodeOutside }]) =>
      createCore({ frontDoor, dataDir, outside: nodeOutside(env, { parsers }) }),
    ));
  return {
    core: {
      dataDir,
      dispatch: async (channel, input) => (await load()).dispatch(channel, input),
      preload: async (channels) => (await load()).preload?.(channels),
    },
    // A failure here is met again, and reported, by the dispatch that needs the core.
    warm: () => void load().catch(() => undefined),
  };
}

/**
 * `serve` is browser mode: its core must know it (a keychain key is not exported as a PFX on the page token
 * alone; hints name the page's fields, not the CLI's flags). Every other command is the CLI.
 */
function frontDoorOf(commandName: string): 'cli' | 'browser' {
  return commandName === 'serve' ? 'browser' : 'cli';
}

function unknownCommand(name: string): string {
  const nearest = nearestCommand(name, COMMANDS.map((c) => c.name));
  const shown = JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name);
  return `Unknown command ${shown}.${nearest ? ` Did you mean "sso-wizard ${nearest}"?` : ''}`;
}

/** Takes the global options out of argv wherever they stand. */
function splitGlobals(argv: string[]): { json: boolean; help: boolean; version: boolean; dataDir?: string; rest: string[] } {
  const rest: string[] = [];
  let json = false;
  let help = false;
  let version = false;
  let dataDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--version' || arg === '-V') version = true;
    else if (arg === '--data-dir') {
      dataDir = argv[++i];
      if (!dataDir) throw new UsageError('--data-dir needs a folder.');
    } else if (arg.startsWith('--data-dir=')) dataDir = arg.slice('--data-dir='.length);
    else rest.push(arg);
  }
  return { json, help, version, ...(dataDir ? { dataDir } : {}), rest };
}

export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  let json = argv.includes('--json');
  try {
    const globals = splitGlobals(argv);
    json = globals.json;
    const [name, ...args] = globals.rest;
    if (globals.version) {
      io.out(json ? JSON.stringify({ ok: true, value: { version: APP_VERSION } }) : APP_VERSION);
      return EXIT.ok;
    }
    if (!name) {
      (globals.help ? io.out : io.err)(mainHelp());
      return globals.help ? EXIT.ok : EXIT.usage;
    }
    const entry = COMMANDS.find((c) => c.name === name);
    // Also with --help: `sso-wizard chek --help` is a typo to point out, not a request for the global help.
    if (!entry) throw new UsageError(unknownCommand(name));
    const command = await entry.load();
    if (globals.help) {
      io.out(command.usage);
      return EXIT.ok;
    }
    const dataDir = globals.dataDir ?? defaultDataDir(io.env);
    let lazy: ReturnType<typeof lazyCore> | undefined;
    // A person reads the core's messages in the CLI's words (commands and options, not the wizard's buttons).
    const words = json ? (text: string) => text : cliWords;
    const commandIo: CliIo = { ...io, out: (text) => (io.out(words(text)), lazy?.warm()), err: (text) => io.err(words(text)) };
    // Browser mode parses untrusted files on a worker, so its event loop stays free; a one-shot command has no
    // other request to answer and parses inline (a worker's start costs more CPU than checking a response).
    const parsers = command.name === 'serve' ? 'worker' : 'inline';
    return await command.run({ args, json, io: commandIo, dataDir, core: () => (lazy ??= lazyCore(dataDir, io.env, frontDoorOf(command.name), parsers)).core });
  } catch (error) {
    if (error instanceof UsageError) {
      if (json) io.out(JSON.stringify({ ok: false, error: { code: 'invalid-input', message: error.message, hint: 'See --help.' } }));
      else io.err(`ERROR: ${error.message}${error.usage ? `\n\n${error.usage}` : '\nRun "sso-wizard --help" for usage.'}`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    if (json) io.out(JSON.stringify({ ok: false, error: { code: 'internal', message, hint: 'Check the data folder and retry.' } }));
    else io.err(`ERROR: ${message}\n  → Check that the data folder is readable and writable, then retry.`);
    return EXIT.environment;
  }
}
