/**
 * What the Node front doors (the CLI and browser mode) hand to the core: keytar for the keychain, a local
 * Chromium-family browser for the test sign-in and for printing PDFs, and Node's fetch.
 */
import type { Outside } from '../app/core/outside.js';
import type { Keychain } from '../domains/certs/key-custody.js';
import { findBrowser } from '../platform/browser-finder.js';
import { runInline, runInWorker } from '../platform/worker-runner.js';

/**
 * `parsers`: where untrusted input is parsed. 'worker' (the default) keeps the event loop free, which browser
 * mode needs; 'inline' saves a one-shot command the worker's start (about 100 ms of CPU), keeping the time limit.
 */
export function nodeOutside(env: NodeJS.ProcessEnv = process.env, options: { parsers?: 'worker' | 'inline' } = {}): Outside {
  return {
    keychain: keytarKeychainOnUse(),
    // The browser launcher and the PDF printer (child processes) are imported when first used, like the keychain.
    signinBrowser: {
      open: async () => (await import('../domains/signin/browser-launcher.js')).browserModeOpener(env)(),
      readiness: () => {
        const search = findBrowser(env);
        if (search.found) return { available: true, name: search.browser.name, message: `The sign-in opens in ${search.browser.name}, with a fresh throw-away profile.`, hint: '' };
        return { available: false, name: null, message: search.message, hint: search.hint };
      },
    },
    printPdf: async (html) => (await import('../app/report/pdf-printer.js')).printWithLocalBrowser(html, env),
    fetch: (input, init) => fetch(input, init),
    runParser: options.parsers === 'inline' ? runInline : runInWorker,
  };
}

/**
 * keytar's keychain, whose module (and the key-file encryption beside it, with node-forge) is imported on the
 * first call: a command that never touches a key, like `sso-wizard decode`, does not load it.
 */
function keytarKeychainOnUse(): Keychain {
  const keychain = async () => (await import('../domains/certs/key-custody.js')).keytarKeychain();
  return {
    setPassword: async (service, account, secret) => (await keychain()).setPassword(service, account, secret),
    getPassword: async (service, account) => (await keychain()).getPassword(service, account),
    deletePassword: async (service, account) => (await keychain()).deletePassword(service, account),
  };
}
