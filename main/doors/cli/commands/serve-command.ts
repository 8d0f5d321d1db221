import { startBrowserModeServer } from '../../http/browser-mode-server.js';
import { defaultRendererDir } from '../../../platform/static-assets.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { openInBrowser, type BrowserOpening } from '../open-browser.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { UsageError } from '../usage-error.js';
import { reportError } from '../call-core.js';
import { appError } from '../../../../shared/app-errors.js';
import type { Err } from '../../../../shared/result.js';

/** A port that cannot be had is the user's choice to change (exit 2), not a broken data folder. */
function listenProblem(error: unknown, port: number): Err | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE') {
    return appError('invalid-input', {
      message: `Port ${port} on 127.0.0.1 is already in use (another program, or browser mode already running, listens on it).`,
      hint: 'Choose another port with --port N, or leave --port out to use a free one.',
      field: 'port',
    });
  }
  if (code === 'EACCES') {
    return appError('invalid-input', {
      message: `Port ${port} needs administrator rights on this system.`,
      hint: 'Choose a port above 1023 with --port N, or leave --port out to use a free one.',
      field: 'port',
    });
  }
  return null;
}

const USAGE = `Usage: sso-wizard serve [--port N] [--no-open] [--json]

Starts browser mode: the wizard's own UI on http://127.0.0.1 only, protected by a token that is new on
every start. Open the printed link (it carries the token). Stop with Ctrl+C.

Options:
  --port N     Listen on port N (default: a free port chosen at random).
  --no-open    Do not open the default browser.
  --json       Print {"ok":true,"value":{"url":…,"port":…}} on one line once listening.`;

const FIRST_SCREEN_CHANNELS = ['app.info', 'profile.list', 'profile.status', 'health.last'] as const;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Start browser mode (the wizard UI on 127.0.0.1, for machines without the desktop app).',
  usage: USAGE,
  async run(context) {
    const { values } = parseCommandArgs(context.args, { port: { type: 'string' }, 'no-open': { type: 'boolean' } }, USAGE);
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${values.port}".`, USAGE);
    const core = context.core();
    let server;
    try {
      server = await startBrowserModeServer({ dispatch: core.dispatch, rendererDir: defaultRendererDir(), port });
    } catch (error) {
      const problem = listenProblem(error, port);
      if (!problem) throw error;
      return reportError(context, problem);
    }
    if (context.json) {
      context.io.out(JSON.stringify({ ok: true, value: { url: server.url, port: server.port, dataDir: core.dataDir } }));
    } else {
      context.io.out(`Browser mode is running. Open this link (it carries this run's access token):\n\n  ${server.url}\n`);
      context.io.out(`Data folder: ${core.dataDir}\nStop with Ctrl+C.`);
    }
    // While the browser loads the page: what its first screen asks for (the start page of the active profile).
    void core.preload?.(FIRST_SCREEN_CHANNELS).catch(() => undefined);
    let opening: BrowserOpening | undefined;
    if (!values['no-open'] && !context.io.env['CI']) {
      opening = await openInBrowser(server.url, context.io.env);
      if (!opening.opened && !context.json) context.io.out(`(Not opening a browser: ${opening.reason}.)`);
    }
    // `on`, not `once`: proper-lockfile's signal-exit also listens, and re-raises the signal (ending the process
    // before browser mode closes) when it finds itself the only listener left - which `once` makes it, since Node
    // removes a once-listener before calling the next one.
    let stop = () => {};
    await new Promise<void>((resolve) => {
      stop = () => resolve();
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await opening?.close();
    await server.close();
    return EXIT.ok;
  },
};
