/**
 * One live test sign-in, start to end: open the sign-in window, start the sign-in (SP-initiated with a fresh
 * AuthnRequest, or IdP-initiated), wait for the IdP's response while reporting progress, hand the captured
 * POST to the SAML engine's validator, and always close the window again - on success, cancel, timeout, an
 * unreachable IdP or a window the user closed. Everything it needs (browser, validator, clock, timers) is
 * passed in, so it runs the same in Electron, browser mode and tests.
 */
import { SigninBrowserUnavailable, type OpenSigninBrowser, type SigninBrowser } from './cdp-session.js';
import { defaultIdpInitiatedUrl } from './idp-initiated-url.js';
import type { CaptureBinding, DecodedPage, SigninEvent, SigninInitiation, SigninOutcome, SigninResult as WireSigninResult, SigninState } from '../../../shared/signin/signin-schemas.js';
import { startResponseCapture, type CapturedResponse, type ResponseCapture } from './response-capture.js';

export interface SpIdentity {
  siteUrl: string;
  spEntityId: string;
  acsUrl: string;
}

export interface IdpIdentity {
  entityId: string;
  ssoUrl: string;
  certificatesPem: string[];
}

/**
 * The result as it crosses the contract (SigninResultSchema, declared once in shared/), with the report
 * kept generic so the runner stays free of the SAML engine.
 */
export type SigninResult<Report> = Omit<WireSigninResult, 'report'> & { report: Report | null };

export interface SigninRunSettings {
  sp: SpIdentity;
  idp: IdpIdentity;
  initiation: SigninInitiation;
  /** IdP-initiated: the address the admin entered; otherwise derived from the SSO URL when possible. */
  idpInitiatedUrl?: string;
  forwardToSite: boolean;
  timeoutMs: number;
  /** The site's private key, asked for only when the assertion is encrypted (it may live in the OS keychain). */
  loadDecryptionKey?: () => Promise<string | undefined>;
}

export interface ValidateRequest {
  samlResponse: string;
  binding: CaptureBinding;
  sp: SpIdentity;
  idp: { entityId: string; certificatesPem: string[] };
  requestId?: string;
  now: Date;
  spPrivateKeyPem?: string;
}

export interface SigninRunnerDeps<Report> {
  openBrowser: OpenSigninBrowser;
  buildAuthnRequest(args: { spEntityId: string; acsUrl: string; idpSsoUrl: string; now: Date }): { id: string; redirectUrl: string };
  /** May answer later: the check runs with a time limit, off the event loop where the door keeps one free. */
  validate(request: ValidateRequest): Report | Promise<Report>;
  summarise(report: Report): { signsIn: boolean; subject: string | null; codes: number[] };
  /** Codes and a note read from an error page's address and text (the SSO error catalogue's decoder). */
  decodePage(text: string): { codes: number[]; note: string };
  now(): Date;
  /** setTimeout, injectable so tests control time. Returns a cancel function. */
  schedule(ms: number, task: () => void): () => void;
  /** Awaited before the run reports itself finished, so the history already holds the run when a poll sees the end. */
  onFinished?(result: SigninResult<Report>): Promise<void>;
}

/** The session event a window host sends for a problem outside the page (see SigninRunnerDeps' browser). */
export const HOST_PROBLEM_EVENT = 'SsoWizard.hostProblem';

/** What the host says: message and hint for the result, and for an HTTP authentication challenge its page. */
export interface HostProblem {
  message: string;
  hint: string;
  page?: DecodedPage;
}

/** How long to wait, after forwarding to the site, for its page to load before reporting without it. */
export const SITE_PAGE_WAIT_MS = 15_000;

/** How long setting up the sign-in window may take before the run gives up (at least; the timeout when longer). */
export const SETUP_GUARD_MS = 30_000;

export class TestSigninRun<Report> {
  readonly events: SigninEvent[] = [];
  state: SigninState = 'starting';
  result: SigninResult<Report> | null = null;
  /** Settles once the run is finished and the window is closed. */
  readonly done: Promise<SigninResult<Report>>;

  private seq = 0;
  private browser: SigninBrowser | null = null;
  private capture: ResponseCapture | null = null;
  private cancelTimer: () => void = () => undefined;
  private stopRequested: ((outcome: 'cancelled') => void) | null = null;
  private cancelled = false;
  private browserGone = false;
  private requestId: string | null = null;
  private startUrl: string | null = null;
  private readonly idpHost: string;

  constructor(
    readonly id: string,
    readonly settings: SigninRunSettings,
    private readonly deps: SigninRunnerDeps<Report>,
  ) {
    this.idpHost = hostOf(settings.idp.ssoUrl) ?? settings.idp.ssoUrl;
    this.done = this.run();
  }

  cancel(): void {
    this.cancelled = true;
    this.stopRequested?.('cancelled');
  }

  eventsAfter(seq: number): SigninEvent[] {
    return this.events.filter((event) => event.seq > seq);
  }

  private emit(kind: SigninEvent['kind'], message: string): void {
    this.events.push({ seq: ++this.seq, at: this.deps.now().toISOString(), kind, message });
  }

  private async run(): Promise<SigninResult<Report>> {
    let result: SigninResult<Report>;
    try {
      result = await this.attempt();
    } catch (error) {
      // A window closed while it was being set up makes its commands fail: that is a closed window, not a fault.
      if (this.browser) await Promise.race([this.browser.closed, new Promise((resolve) => setTimeout(resolve, 500).unref())]);
      result = this.browserGone
        ? this.ending('window-closed', 'The sign-in window was closed before the identity provider sent a response.', 'Press Test sign-in again and complete the sign-in in the window that opens.')
        : this.ending('failed', `The test sign-in stopped unexpectedly: ${error instanceof Error ? error.message : String(error)}`, 'Press Test sign-in again; if it repeats, restart the wizard.');
    } finally {
      this.cancelTimer();
      // Not awaited: the window closes next, and a command it never answers must not hold the run open.
      void this.capture?.stop().catch(() => undefined);
      this.browser?.session.close();
      await this.browser?.close().catch(() => undefined);
    }
    await this.deps.onFinished?.(result).catch(() => undefined);
    this.result = result;
    this.state = 'finished';
    this.emit('finished', result.message);
    return result;
  }

  private ending(outcome: SigninOutcome, message: string, hint: string, extra: Partial<SigninResult<Report>> = {}): SigninResult<Report> {
    return {
      outcome,
      message,
      hint,
      initiation: this.settings.initiation,
      startUrl: this.startUrl,
      requestId: this.requestId,
      captured: null,
      report: null,
      verdict: null,
      subject: null,
      codes: [],
      errorPage: null,
      siteAfterForward: null,
      ...extra,
    };
  }

  private async attempt(): Promise<SigninResult<Report>> {
    const { settings, deps } = this;
    const start = this.startAddress();
    if ('problem' in start) return this.ending('failed', start.problem, start.hint);
    this.startUrl = start.url;

    this.emit('info', 'Opening the sign-in window…');
    try {
      this.browser = await deps.openBrowser();
    } catch (error) {
      if (error instanceof SigninBrowserUnavailable) return this.ending('browser-unavailable', error.message, error.hint);
      throw error;
    }
    void this.browser.closed.then(() => (this.browserGone = true));
    if (this.cancelled) return this.cancelledEnding();
    const { session } = this.browser;

    // Everything the window can do to end the wait, as one race.
    type Ending =
      | { kind: 'captured'; response: CapturedResponse }
      | { kind: 'closed' }
      | { kind: 'timeout' }
      | { kind: 'cancelled' }
      | { kind: 'error-page'; page: DecodedPage }
      | { kind: 'unreachable'; errorText: string }
      | { kind: 'host-problem'; problem: HostProblem };
    let settle: (ending: Ending) => void = () => undefined;
    const ended = new Promise<Ending>((resolve) => (settle = resolve));
    this.stopRequested = () => settle({ kind: 'cancelled' });
    void this.browser.closed.then(() => settle({ kind: 'closed' }));
    // The time the user is given to sign in counts from the moment the window is ready (below). Until then a
    // guard ends a set-up that never completes, and is never shorter than a slow machine needs to set it up.
    const setupLimitMs = Math.max(settings.timeoutMs, SETUP_GUARD_MS);
    this.cancelTimer = deps.schedule(setupLimitMs, () => settle({ kind: 'timeout' }));

    // Problems only the window's host can see (the desktop app: an HTTP authentication challenge, a debugger
    // detached by DevTools) arrive as this one session event; a CDP browser never sends it.
    session.on(HOST_PROBLEM_EVENT, (params) => settle({ kind: 'host-problem', problem: params as unknown as HostProblem }));

    const pages = new PageWatcher(session, deps, this.idpHost);
    let capturedNow = false;
    const setUp = async () => {
      await session.send('Page.enable');
      await session.send('Network.enable').catch(() => undefined);
      const capture = await startResponseCapture(session, { acsUrl: settings.sp.acsUrl, forwardToSite: settings.forwardToSite }, {
        onCaptured: (response) => {
          capturedNow = true;
          settle({ kind: 'captured', response });
        },
        onSiteRequest: (url) => this.emit('page', `The browser was sent to the site at ${url} without a SAML response.`),
      });
      if (this.state === 'finished') void capture.stop().catch(() => undefined);
      else this.capture = capture;
    };
    // Set-up commands may never be answered (Electron holds debugger commands until the window has loaded
    // something: electron/electron#14810): cancel, timeout and a closed window still end the run meanwhile.
    const setUpDone = await Promise.race([setUp().then(() => true), ended.then(() => false)]);

    if (setUpDone) {
      pages.onLoaded((page, looksLikeError) => {
        if (capturedNow) return;
        const failed = (page.status !== null && page.status >= 400) || page.codes.length > 0;
        // Many IdPs (SimpleSAMLphp, AD FS) answer their error pages with HTTP 200, so the page itself is read too.
        if (page.source === 'idp' && (failed || looksLikeError)) settle({ kind: 'error-page', page });
        else if (page.source === 'site' && page.codes.length > 0) settle({ kind: 'error-page', page });
      });

      this.state = 'waiting';
      this.cancelTimer();
      this.cancelTimer = deps.schedule(settings.timeoutMs, () => settle({ kind: 'timeout' }));
      this.emit('waiting', `Waiting for you to sign in at ${this.idpHost}…`);
      // A rejected command means the window went away meanwhile: the closed promise reports that, not this.
      const navigation = await Promise.race([
        session.send('Page.navigate', { url: start.url }).catch(() => ({}) as Record<string, unknown>),
        ended.then(() => ({}) as Record<string, unknown>),
      ]);
      const errorText = navigation['errorText'];
      if (errorText === 'net::ERR_HTTP_RESPONSE_CODE_FAILURE') {
        // The IdP answered, but with an HTTP error and an empty page (Chromium shows its own error page then).
        settle({ kind: 'error-page', page: { source: 'idp', url: start.url, status: pages.statusOf(start.url), title: '', excerpt: '', codes: [], note: '' } });
      } else if (typeof errorText === 'string' && errorText !== '' && errorText !== 'net::ERR_ABORTED') {
        // (ERR_ABORTED is a navigation replaced by another, e.g. an IdP that answers at once with a redirect.)
        settle({ kind: 'unreachable', errorText });
      }
    }

    const ending = await ended;
    switch (ending.kind) {
      case 'cancelled':
        return this.cancelledEnding();
      case 'timeout':
        if (this.state !== 'waiting') {
          return this.ending(
            'timeout',
            `The sign-in window was not ready after ${formatDuration(setupLimitMs)}; it was closed.`,
            'Press Test sign-in again. If it repeats, close other programs that keep this computer busy, or restart the wizard.',
          );
        }
        return this.ending(
          'timeout',
          `No SAML response arrived within ${formatDuration(settings.timeoutMs)}; the sign-in window was closed.`,
          `Press Test sign-in again and finish signing in at ${this.idpHost} in time. If you did sign in, check that the IdP sends the response to ${settings.sp.acsUrl} (the relying party's SAML endpoint).`,
        );
      case 'closed':
        return this.ending(
          'window-closed',
          'The sign-in window was closed before the identity provider sent a response.',
          'Press Test sign-in again and complete the sign-in in the window that opens; the wizard closes it for you when the response arrives.',
        );
      case 'host-problem': {
        const { problem } = ending;
        return problem.page
          ? this.ending('error-page', problem.message, problem.hint, { errorPage: problem.page })
          : this.ending('failed', problem.message, problem.hint);
      }
      case 'unreachable':
        return this.ending(
          'idp-unreachable',
          `The identity provider at ${this.idpHost} could not be reached (${ending.errorText}).`,
          `Check the IdP's SSO URL (${settings.idp.ssoUrl}) in the IdP settings, and that this machine can reach ${this.idpHost} (VPN, proxy, firewall, DNS); then press Test sign-in again.`,
        );
      case 'error-page': {
        const page = ending.page;
        const where = page.source === 'idp' ? `The identity provider (${this.idpHost})` : 'The site';
        const codes = page.codes.length > 0 ? ` It names SSO error ${page.codes.join(', ')}.` : '';
        const hint =
          page.codes.length > 0
            ? page.note
            : page.excerpt === ''
              ? `The page was empty: look in the IdP's own log (AD FS: Event Viewer > AD FS > Admin) for the request to ${page.url}, fix what it names, then press Test sign-in again.`
              : `Read the page's own message below (${page.url}); fix the IdP or relying-party setting it names, then press Test sign-in again.`;
        return this.ending('error-page', `${where} showed an error page instead of sending a SAML response${page.status !== null && page.status >= 400 ? ` (HTTP ${page.status})` : ''}.${codes}`, hint, {
          errorPage: page,
          codes: page.codes,
        });
      }
      case 'captured':
        return this.check(ending.response, pages);
    }
  }

  private cancelledEnding(): SigninResult<Report> {
    return this.ending('cancelled', 'Test sign-in cancelled; the sign-in window was closed.', 'Press Test sign-in to start again.');
  }

  private async check(response: CapturedResponse, pages: PageWatcher): Promise<SigninResult<Report>> {
    const { settings, deps } = this;
    this.emit('captured', `Response captured (${response.binding} to ${response.url})${settings.forwardToSite ? ', and passed on to the site' : ', not sent to the site'}.`);
    this.state = 'checking';
    this.emit('checking', 'Checking the response…');
    const samlResponse = response.samlResponse ?? '';
    const spPrivateKeyPem = settings.loadDecryptionKey && isEncrypted(samlResponse) ? await settings.loadDecryptionKey().catch(() => undefined) : undefined;
    const report = await deps.validate({
      samlResponse,
      binding: response.binding,
      sp: settings.sp,
      idp: { entityId: settings.idp.entityId, certificatesPem: settings.idp.certificatesPem },
      ...(this.requestId === null ? {} : { requestId: this.requestId }),
      now: deps.now(),
      ...(spPrivateKeyPem ? { spPrivateKeyPem } : {}),
    });
    const summary = deps.summarise(report);
    let siteAfterForward: DecodedPage | null = null;
    if (settings.forwardToSite) {
      this.emit('info', 'Waiting for the site\'s own answer…');
      siteAfterForward = await pages.nextSitePage(deps, SITE_PAGE_WAIT_MS);
    }
    const verdict = summary.signsIn ? 'would-sign-in' : 'findings';
    const message = summary.signsIn
      ? `Would sign in as ${summary.subject ?? 'the user'}.`
      : `The site would refuse this response: ${summary.codes.length > 0 ? `SSO error ${summary.codes.join(', ')}` : 'see the findings'}.`;
    const hint = summary.signsIn ? 'The SAML trust works, and the step is marked done. Run the test again after any change.' : 'Each finding below names the step that fixes it.';
    return this.ending('checked', message, hint, {
      captured: { url: response.url, binding: response.binding, relayState: response.relayState },
      report,
      verdict,
      subject: summary.subject,
      codes: summary.codes,
      siteAfterForward,
    });
  }

  private startAddress(): { url: string } | { problem: string; hint: string } {
    const { settings, deps } = this;
    if (settings.initiation === 'sp') {
      try {
        const request = deps.buildAuthnRequest({ spEntityId: settings.sp.spEntityId, acsUrl: settings.sp.acsUrl, idpSsoUrl: settings.idp.ssoUrl, now: deps.now() });
        this.requestId = request.id;
        return { url: request.redirectUrl };
      } catch (error) {
        return { problem: `The AuthnRequest could not be built: ${(error as Error).message}`, hint: 'Check the SP entity ID and ACS URL of the profile and the IdP\'s SSO URL.' };
      }
    }
    const url = settings.idpInitiatedUrl?.trim() || defaultIdpInitiatedUrl(settings.idp.ssoUrl, settings.sp.spEntityId);
    if (!url) {
      return {
        problem: 'The wizard cannot tell how to start an IdP-initiated sign-in at this identity provider.',
        hint: 'Enter the IdP-initiated sign-in URL (for AD FS: https://<adfs host>/adfs/ls/idpinitiatedsignon.aspx?loginToRp=<relying party identifier>), or use SP-initiated.',
      };
    }
    if (hostOf(url) === null || !/^https?:/i.test(url)) {
      return { problem: `The IdP-initiated sign-in URL "${url.slice(0, 200)}" is not an http(s) address.`, hint: 'Enter a full address starting with https://.' };
    }
    return { url };
  }
}

/** Watches main-frame page loads and reads each page's address, status and text for SSO error codes. */
class PageWatcher {
  private readonly statuses = new Map<string, number>();
  private readonly documentUrls = new Map<string, string>();
  private lastFailure: { url: string; errorText: string } | null = null;
  private listeners: ((page: DecodedPage, looksLikeError: boolean) => void)[] = [];

  constructor(
    private readonly session: SigninBrowser['session'],
    private readonly deps: Pick<SigninRunnerDeps<unknown>, 'decodePage'>,
    private readonly idpHost: string,
  ) {
    session.on('Network.requestWillBeSent', (params) => {
      const request = params['request'] as { url?: string } | undefined;
      if (params['type'] === 'Document' && typeof params['requestId'] === 'string' && request?.url) this.documentUrls.set(params['requestId'], request.url);
    });
    // A page that could not load at all shows Chromium's own error page (chrome-error://), which names neither
    // the address nor the reason: both are taken from the failed request instead.
    session.on('Network.loadingFailed', (params) => {
      const url = typeof params['requestId'] === 'string' ? this.documentUrls.get(params['requestId']) : undefined;
      if (params['type'] === 'Document' && url) this.lastFailure = { url, errorText: String(params['errorText'] ?? 'failed') };
    });
    session.on('Network.responseReceived', (params) => {
      const response = params['response'] as { url?: string; status?: number } | undefined;
      if (params['type'] === 'Document' && response?.url && typeof response.status === 'number') this.statuses.set(response.url, response.status);
    });
    session.on('Page.loadEventFired', () => {
      void this.read().then((read) => {
        if (read) this.listeners.forEach((listener) => listener(read.page, read.looksLikeError));
      });
    });
  }

  statusOf(url: string): number | null {
    return this.statuses.get(url) ?? null;
  }

  onLoaded(listener: (page: DecodedPage, looksLikeError: boolean) => void): void {
    this.listeners.push(listener);
  }

  nextSitePage(deps: Pick<SigninRunnerDeps<unknown>, 'schedule'>, waitMs: number): Promise<DecodedPage | null> {
    return new Promise((resolve) => {
      const cancel = deps.schedule(waitMs, () => resolve(null));
      this.onLoaded((page) => {
        if (page.source !== 'site') return;
        cancel();
        resolve(page);
      });
    });
  }

  private async read(): Promise<{ page: DecodedPage; looksLikeError: boolean } | null> {
    const evaluated = await this.session
      .send('Runtime.evaluate', {
        expression:
          '({ url: location.href, title: document.title, heading: (document.querySelector("h1, h2") || {}).innerText || "", password: !!document.querySelector("input[type=password]"), text: document.body ? document.body.innerText.slice(0, 20000) : "" })',
        returnByValue: true,
      })
      .catch(() => null);
    const value = (evaluated?.['result'] as { value?: { url?: string; title?: string; heading?: string; password?: boolean; text?: string } } | undefined)?.value;
    if (!value?.url || value.url === 'about:blank') return null;
    if (value.url.startsWith('chrome-error:') && this.lastFailure) {
      const failure = this.lastFailure;
      value.url = failure.url;
      value.text = `The browser could not load ${failure.url} (${failure.errorText}).`;
    }
    const decoded = this.deps.decodePage(`${value.url}\n${value.title ?? ''}\n${value.text ?? ''}`);
    const text = (value.text ?? '').replace(/\s+/g, ' ').trim();
    // A page titled like an error, with no password field (so not a login page re-shown with a message).
    const looksLikeError = !value.password && ERROR_WORDS.test(`${value.title ?? ''} ${value.heading ?? ''}`);
    return {
      page: {
        source: hostOf(value.url) === this.idpHost ? 'idp' : 'site',
        url: value.url,
        status: this.statuses.get(value.url) ?? null,
        title: value.title ?? '',
        excerpt: text.slice(0, 600),
        codes: decoded.codes,
        note: decoded.note,
      },
      looksLikeError,
    };
  }
}

/** Words in the title or first heading of IdP error pages (AD FS "An error occurred", SimpleSAMLphp "Metadata not found", "Error report"). */
const ERROR_WORDS = /\b(error|exception|not found|failed|failure|denied|invalid|problem|unable)\b/i;

function isEncrypted(samlResponse: string): boolean {
  const xml = samlResponse.trimStart().startsWith('<') ? samlResponse : Buffer.from(decodeURIComponent(samlResponse.replace(/\s/g, '')), 'base64').toString('utf8');
  return xml.includes('EncryptedAssertion');
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host || null;
  } catch {
    return null;
  }
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds % 60 === 0 && seconds >= 60) return `${seconds / 60} minute${seconds === 60 ? '' : 's'}`;
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}
