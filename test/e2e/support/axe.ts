import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Scans the page as it stands, in the light and in the dark theme, and expects no axe violation in either. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    // Legacy mode runs axe.run in the page itself. The default mode finishes every scan in a freshly opened
    // blank page (a new renderer process), about 4 s per scan on a loaded 2-core machine against 1 s here; it
    // only matters for cross-origin iframes, and the wizard has none.
    const results = await new AxeBuilder({ page }).setLegacyMode().analyze();
    expect(
      results.violations.map((v) => `${colorScheme}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    ).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: null });
}
