/**
 * Keyboard-only navigation for the e2e journey: reach a control the way a keyboard user does, by pressing
 * Tab (or Shift+Tab), never by clicking. When a control cannot be reached, the error lists where focus went,
 * which is the bug report (a control left out of the tab order, a focus trap, a missing label).
 */
import type { ElementHandle, Locator, Page } from '@playwright/test';

export interface TabOptions {
  /** Give up after this many key presses (default 80). */
  max?: number;
  /** Shift+Tab instead of Tab: for controls before the focus (the header and the step list). */
  backward?: boolean;
  /** Check the wizard's focus ring on the target (default true; off for pages not ours, like the IdP's login form). */
  focusRing?: boolean;
}

/** Whether the focus is on `el`, and if not, what has it (for the failure message): one round trip a press. */
function focusState(page: Page, handle: ElementHandle): Promise<{ onTarget: boolean; focus: string; ring: string | null }> {
  return page.evaluate((target) => {
    const el = document.activeElement;
    if (el === target) {
      // The issue asks for visible focus: a keyboard-focused control must match :focus-visible and draw a ring.
      const style = getComputedStyle(el);
      const ring = el.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
      return { onTarget: true, focus: '', ring: ring ? null : `outline ${style.outlineStyle} ${style.outlineWidth}, :focus-visible ${String(el.matches(':focus-visible'))}` };
    }
    if (!el || el === document.body) return { onTarget: false, focus: '(nothing: the page body)', ring: null };
    const label =
      el.getAttribute('aria-label') ??
      (el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : null) ??
      el.textContent ??
      '';
    const id = el.id ? `#${el.id}` : '';
    const type = el.getAttribute('type');
    return { onTarget: false, ring: null, focus: `<${el.tagName.toLowerCase()}${id}${type ? ` type=${type}` : ''}> "${label.trim().replace(/\s+/g, ' ').slice(0, 60)}"` };
  }, handle);
}

/** Presses Tab until `target` has the focus; fails naming the target and the focus path if it never does. */
export async function tabTo(page: Page, target: Locator, options: TabOptions = {}): Promise<void> {
  const max = options.max ?? 80;
  const key = options.backward ? 'Shift+Tab' : 'Tab';
  await target.waitFor({ state: 'visible' });
  const handle = await target.elementHandle();
  if (!handle) throw new Error(`tabTo: ${String(target)} is not on the page.`);
  const path: string[] = [];
  try {
    for (let presses = 0; presses <= max; presses++) {
      const state = await focusState(page, handle);
      if (state.onTarget) {
        if (state.ring && options.focusRing !== false) throw new Error(`tabTo: ${String(target)} has the focus but shows no focus ring (${state.ring}).`);
        return;
      }
      if (presses > 0) path.push(state.focus);
      if (presses === max) break;
      await page.keyboard.press(key);
    }
  } finally {
    await handle.dispose();
  }
  throw new Error(
    `tabTo: ${String(target)} never got the focus after ${max} presses of ${key}. ` +
      `Is it focusable, enabled and in the tab order? Focus went to:\n  ${path.slice(-25).join('\n  ')}`,
  );
}

/** Tabs to a control and activates it with a key (Enter for buttons and links, Space for check boxes). */
export async function press(page: Page, target: Locator, key: 'Enter' | 'Space' = 'Enter', options: TabOptions = {}): Promise<void> {
  await tabTo(page, target, options);
  await page.keyboard.press(key);
}

const intercepting = new WeakSet<Page>();

/**
 * Keeps Playwright intercepting file choosers on this page for its whole life. A one-off waitForEvent turns the
 * interception on asynchronously and off again after the event, so a key pressed right after it can open a
 * real (headless, never answered) chooser instead. Call it once, right after the page opens.
 */
export async function interceptFileChoosers(page: Page): Promise<void> {
  if (intercepting.has(page)) return;
  intercepting.add(page);
  page.on('filechooser', () => undefined);
  await page.evaluate(() => 0); // one round trip: the subscription is sent before it
}

/** Tabs to a file input, opens the file chooser with Space (as a keyboard user would) and picks the files. */
export async function chooseFiles(page: Page, input: Locator, files: string | string[], options: TabOptions = {}): Promise<void> {
  await interceptFileChoosers(page);
  await tabTo(page, input, options);
  const chooser = page.waitForEvent('filechooser', { timeout: 10_000 });
  await page.keyboard.press('Space');
  const opened = await chooser.catch(() => {
    throw new Error(`chooseFiles: Space on ${String(input)} opened no file chooser within 10 s.`);
  });
  await opened.setFiles(files);
}

/**
 * Tabs once around the whole page and expects every stop to be a control a sighted keyboard user can see:
 * on screen (not a zero-size or clipped "visually hidden" element) and drawing the wizard's focus ring.
 * Returns the stops in order, so a test can also check that a control is in the cycle.
 */
export async function expectEveryTabStopVisible(page: Page, options: { max?: number } = {}): Promise<string[]> {
  const max = options.max ?? 200;
  const stops: string[] = [];
  const problems: string[] = [];
  await page.evaluate(() => {
    const audit = window as unknown as { tabAuditStart: Element | null; tabAuditFirst: Element | null };
    audit.tabAuditStart = document.activeElement;
    audit.tabAuditFirst = null;
  });
  while (stops.length < max) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      const audit = window as unknown as { tabAuditStart: Element | null; tabAuditFirst: Element | null };
      if (!el || el === document.body) return { done: false, name: '(page body)', problem: null };
      // Round once: back at the start, or (when the start is not a tab stop, like <main tabindex=-1>) at the first stop.
      if (el === audit.tabAuditStart || el === audit.tabAuditFirst) return { done: true, name: '', problem: null };
      audit.tabAuditFirst ??= el;
      const label =
        el.getAttribute('aria-label') ??
        (el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : null) ??
        el.textContent ??
        '';
      const type = el.getAttribute('type');
      const name = `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${type ? ` type=${type}` : ''}> "${label.trim().replace(/\s+/g, ' ').slice(0, 50)}"`;
      const rect = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      const hidden = rect.width < 2 || rect.height < 2 || style.visibility === 'hidden' || style.clipPath.includes('inset(50%)') || style.clip.startsWith('rect(0');
      const ring = el.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
      const problem = hidden ? `${name} is focusable but not visible` : ring ? null : `${name} shows no focus ring (outline ${style.outlineStyle} ${style.outlineWidth})`;
      return { done: false, name, problem };
    });
    if (stop.done) break;
    stops.push(stop.name);
    if (stop.problem) problems.push(stop.problem);
  }
  if (problems.length > 0) throw new Error(`Tab stops a keyboard user cannot see:\n  ${problems.join('\n  ')}`);
  if (stops.length >= max) throw new Error(`expectEveryTabStopVisible: focus did not come round within ${max} presses. Stops:\n  ${stops.slice(-30).join('\n  ')}`);
  return stops;
}
