/**
 * Runs a BUILT Electron entry (dist/main/doors/electron/main.js) under plain Node with the `electron` STAND-IN
 * (./electron.ts), in Electron's documented boot order: the entry module is evaluated first, and `ready` is
 * emitted only once that evaluation has finished (electron/electron#40719). It is not Electron.
 *
 *   node test/support/electron-standin/boot-runner.ts <entry.js> [--second-instance] [--fail-on=<call>]
 *
 * It prints one line, `STANDIN-REPORT {json}`, describing what the entry did. How a hang is seen, by state
 * and not by a timer: an entry that awaits `ready` at its top level never finishes evaluating, nothing else
 * is pending, so Node's event loop empties and the process ends on its own; the exit handler then reports
 * `entryEvaluated: false` with no window.
 */
import { registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';
// The same module instance the hook hands to the entry (same URL), so the runner reads what the entry did.
import { app, emitReady, standin } from './electron.ts';

const standinUrl = new URL('./electron.ts', import.meta.url).href;
registerHooks({
  resolve: (specifier, context, nextResolve) => (specifier === 'electron' ? { url: standinUrl, shortCircuit: true } : nextResolve(specifier, context)),
});


const [entry, ...flags] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node boot-runner.ts <built entry.js> [--second-instance] [--fail-on=<call>]\n');
  process.exit(2);
}
if (flags.includes('--second-instance')) standin.singleInstanceLock = false;
standin.failOn = flags.find((flag) => flag.startsWith('--fail-on='))?.slice('--fail-on='.length) ?? null;

let entryEvaluated = false;
let reported = false;

interface Probe {
  status: number;
  contentType: string | null;
  csp: string | null;
  body: string;
}

function report(extra: Record<string, unknown>): void {
  reported = true;
  const main = standin.windows[0];
  const summary = {
    entryEvaluated,
    readyEmitted: standin.readyEmitted,
    calls: standin.calls,
    sandboxEnabled: standin.sandboxEnabled,
    privilegedSchemes: standin.privilegedSchemes,
    quitCalled: standin.quitCalled,
    exitCode: standin.exitCode,
    errorBoxes: standin.errorBoxes,
    windowCount: standin.windows.length,
    mainWindow: main
      ? { url: main.webContents.loadedUrl, shown: main.shown, focused: main.focused, webPreferences: main.options.webPreferences ?? null }
      : null,
    ipcChannels: [...standin.ipcHandlers.keys()],
    protocolSchemes: [...standin.protocolHandlers.keys()],
    ...extra,
  };
  process.stdout.write(`STANDIN-REPORT ${JSON.stringify(summary)}\n`);
}

process.on('exit', () => {
  // Reached only when the event loop emptied before the boot finished: the entry is stuck on itself.
  if (!reported) report({ outcome: entryEvaluated ? 'no window after ready' : 'entry never finished evaluating' });
});

async function probe(url: string): Promise<Probe | null> {
  const handler = standin.protocolHandlers.get(new URL(url).protocol.replace(/:$/, ''));
  if (!handler) return null;
  const response = await handler(new Request(url));
  return { status: response.status, contentType: response.headers.get('content-type'), csp: response.headers.get('content-security-policy'), body: (await response.text()).slice(0, 4000) };
}

async function invoke(channel: string, frame: { url: string; parent: unknown } | null, input: unknown): Promise<unknown> {
  const handler = standin.ipcHandlers.get(channel) as ((event: unknown, input: unknown) => Promise<unknown>) | undefined;
  return handler ? handler({ senderFrame: frame }, input) : 'no handler';
}

try {
  await import(pathToFileURL(entry).href);
} catch (error) {
  report({ outcome: 'entry threw', error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
entryEvaluated = true;

// What Electron does next: `ready`, then whatever the entry scheduled on it.
const booted = new Promise<string>((resolve) => {
  if (standin.quitCalled || standin.exitCode !== null) resolve('quit before ready');
  app.once('quit-requested', () => resolve('quit'));
  app.once('standin-window-loaded', () => resolve('window loaded'));
});
emitReady();
const outcome = await booted;

const extra: Record<string, unknown> = { outcome };
if (outcome === 'window loaded') {
  extra['index'] = await probe('app://wizard/index.html');
  extra['otherHost'] = await probe('app://evil/index.html');
  extra['missing'] = await probe('app://wizard/no-such-file.js');
  const appInfo = [...standin.ipcHandlers.keys()].find((channel) => channel.endsWith('app.info')) ?? '';
  extra['ipcFromWizard'] = await invoke(appInfo, { url: 'app://wizard/index.html', parent: null }, {});
  extra['ipcFromIframe'] = await invoke(appInfo, { url: 'app://wizard/index.html', parent: {} }, {});
  extra['ipcFromWeb'] = await invoke(appInfo, { url: 'https://adfs.example.com/adfs/ls/', parent: null }, {});
  const check = standin.permissionCheckHandler as ((...args: unknown[]) => boolean) | null;
  extra['clipboardCheck'] = {
    wizard: check?.(null, 'clipboard-sanitized-write', 'app://wizard', { isMainFrame: true, requestingUrl: 'app://wizard/index.html' }) ?? null,
    iframe: check?.(null, 'clipboard-sanitized-write', 'app://wizard', { isMainFrame: false, requestingUrl: 'app://wizard/frame.html' }) ?? null,
    web: check?.(null, 'clipboard-sanitized-write', 'https://evil.example', { isMainFrame: true, requestingUrl: 'https://evil.example/' }) ?? null,
    camera: check?.(null, 'media', 'app://wizard', { isMainFrame: true, requestingUrl: 'app://wizard/index.html' }) ?? null,
  };
  // A second start of the app: the running window comes to the front.
  app.emit('second-instance', { preventDefault: () => undefined }, [], process.cwd(), {});
  extra['focusedAfterSecondInstance'] = standin.windows[0]?.focused ?? 0;
}
report(extra);
process.exit(0);
