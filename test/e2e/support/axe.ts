import axe from 'axe-core';
import { expect, type Page } from '@playwright/test';

/**
 * Scans the page as it stands, in the light and in the dark theme, and expects no axe violation in either.
 *
 * axe-core (the engine @axe-core/playwright wraps, same version) is injected once per loaded document and run
 * in the page. AxeBuilder re-injects its 600 kB source twice per scan and, by default, finishes every scan in a
 * newly opened blank page (a new renderer process): about 4 s per scan on a loaded 2-core machine, against well
 * under 1 s here. What it adds only matters for cross-origin iframes, and the wizard has none.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const violations = await page.evaluate(async () => {
      const results = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] });
      return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    });
    expect(violations.map((violation) => `${colorScheme}: ${violation}`)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: null });
}
