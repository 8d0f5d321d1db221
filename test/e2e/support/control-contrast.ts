/**
 * WCAG 1.4.11 (non-text contrast), which axe does not check: every visible text field, text area and select
 * must stand out from what is behind it at 3:1, by its border or by its own background, in both themes. An
 * empty field has nothing else to show where it is; buttons are left out, their text identifies them.
 */
import { expect, type Page } from '@playwright/test';

export async function expectControlsOutlined(page: Page): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const weak = await page.evaluate(() => {
      type Rgba = { r: number; g: number; b: number; a: number };
      const parse = (css: string): Rgba => {
        const [r = 0, g = 0, b = 0, a = 1] = (/rgba?\(([^)]*)\)/.exec(css)?.[1] ?? '0 0 0 0').split(/[\s,/]+/).filter(Boolean).map(Number);
        return { r, g, b, a };
      };
      const channel = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
      const luminance = (c: Rgba) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
      const ratio = (x: Rgba, y: Rgba) => {
        const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p) as [number, number];
        return (hi + 0.05) / (lo + 0.05);
      };
      const behind = (el: Element): Rgba => {
        for (let node = el.parentElement; node; node = node.parentElement) {
          const colour = parse(getComputedStyle(node).backgroundColor);
          if (colour.a > 0.5) return colour;
        }
        // Nothing painted behind it: the browser's canvas colour (white, or dark with a dark colour-scheme).
        const probe = document.createElement('div');
        probe.style.backgroundColor = 'Canvas';
        document.body.append(probe);
        const canvas = parse(getComputedStyle(probe).backgroundColor);
        probe.remove();
        return canvas;
      };
      const found: string[] = [];
      const controls = document.querySelectorAll<HTMLElement>(
        'input:not([type=radio]):not([type=checkbox]):not([type=file]):not([type=hidden]):not([type=submit]):not([type=button]), select, textarea',
      );
      for (const el of controls) {
        const rect = el.getBoundingClientRect();
        if (rect.width < 2 || rect.height < 2 || (el as HTMLInputElement).disabled || el.closest('dialog:not([open])')) continue;
        const style = getComputedStyle(el);
        const back = behind(el);
        const own = parse(style.backgroundColor);
        const fill = own.a > 0.5 ? ratio(own, back) : 1;
        const border = style.borderTopStyle !== 'none' && parseFloat(style.borderTopWidth) >= 1 ? ratio(parse(style.borderTopColor), back) : 1;
        if (Math.max(fill, border) < 3) {
          const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40) || el.id;
          found.push(`<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}> "${name}": border ${border.toFixed(2)}:1, fill ${fill.toFixed(2)}:1`);
        }
      }
      return found;
    });
    expect(weak.map((w) => `${colorScheme}: ${w}`), 'controls that do not stand out at 3:1 (WCAG 1.4.11)').toEqual([]);
  }
  await page.emulateMedia({ colorScheme: null });
}
