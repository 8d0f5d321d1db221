/**
 * The journey's accessibility checks must be able to fail: each helper is shown a small page with the very
 * problem it exists to catch (no browser-mode server needed).
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { expectControlsOutlined } from './support/control-contrast';
import { expectEveryTabStopVisible, tabTo } from './support/keyboard';

const RING = '<style>:focus-visible { outline: 3px solid #b45309; } .quiet:focus-visible { outline: none; } .hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }</style>';

async function show(page: Page, body: string): Promise<void> {
  await page.setContent(`<!doctype html><html lang="en"><head><title>t</title>${RING}</head><body><main><h1>Helpers</h1>${body}</main></body></html>`);
}

const failure = (promise: Promise<unknown>) => promise.then(() => '', (error: Error) => error.message);

test('tabTo reaches a control with Tab, and names a control that is not in the tab order', async ({ page }) => {
  await show(page, '<button>First</button><div role="button" id="fake">Not focusable</div><button>Last</button>');
  await tabTo(page, page.getByRole('button', { name: 'Last' }));
  await expect(page.getByRole('button', { name: 'Last' })).toBeFocused();
  const message = await failure(tabTo(page, page.getByRole('button', { name: 'Not focusable' }), { max: 6 }));
  expect(message).toContain("never got the focus after 6 presses of Tab");
  expect(message).toContain('Not focusable');
  expect(message).toContain('"First"'); // the focus path is listed
});

test('tabTo refuses a control that shows no focus ring', async ({ page }) => {
  await show(page, '<button class="quiet">No ring</button>');
  expect(await failure(tabTo(page, page.getByRole('button', { name: 'No ring' })))).toContain('shows no focus ring');
});

test('the tab-order walk flags a focusable control nobody can see', async ({ page }) => {
  await show(page, '<button>Seen</button><a class="hidden" href="#x">Invisible link</a><button>Also seen</button>');
  const message = await failure(expectEveryTabStopVisible(page));
  expect(message).toContain('"Invisible link" is focusable but not visible');
  expect(message).not.toContain('Also seen');
});

test('the axe helper fails on a contrast problem of the dark theme alone', async ({ page }) => {
  await page.setContent('<!doctype html><html lang="en"><head><title>t</title><style>@media (prefers-color-scheme: dark) { p { color: #222; background: #000; } }</style></head><body><main><h1>x</h1><p>Dark only</p></main></body></html>');
  const message = await failure(expectNoAxeViolations(page));
  expect(message).toContain('dark: color-contrast');
  expect(message).not.toContain('light: color-contrast');
});

test('the control-contrast check flags a text field outlined at 1.6:1', async ({ page }) => {
  await show(page, '<label>Faint <input id="faint" style="border: 1px solid #c9ced6"></label><label>Clear <input id="clear" style="border: 1px solid #7b8494"></label>');
  const message = await failure(expectControlsOutlined(page));
  expect(message).toContain('light: <input#faint>');
  expect(message).not.toContain('#clear');
});
