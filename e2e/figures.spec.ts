/**
 * Build-time figures (src/figures/): without JavaScript, in print, and as the live charts
 * take over. The static copies are the widget's default session drawn in Node; their
 * numbers are the CLI's.
 */
import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { frameFromJson, type Frame } from '../src/engine/frame';
import { langs } from '../src/i18n/locales';
import { WIDGET_IDS, widgets } from '../src/widgets/registry';
import { expect, test } from './fixtures';

/** Every chapter with a widget, in both languages. */
const widgetPages = langs.flatMap((lang) => WIDGET_IDS.map((id) => `${lang}/${widgets[id].spec.chapter}/`));

const seedOf = (id: string) => widgets[id as keyof typeof widgets].spec.seed ?? 1;

/** Per widget: its svgs that draw something (a path with a d, a rect with an area) and are displayed. */
function drawnFigures(page: Page) {
  return page.locator('figure[data-widget]').evaluateAll((roots) => roots.map((root) => {
    const svgs = [...root.querySelectorAll<SVGSVGElement>('.chart-slot svg.gc-svg')].filter((svg) => {
      const box = svg.getBoundingClientRect();
      const marks = [...svg.querySelectorAll('path, rect')].filter((m) => (m.tagName === 'path' ? (m.getAttribute('d') ?? '').length > 2 : Number(m.getAttribute('width')) > 0 && Number(m.getAttribute('height')) > 0));
      return box.width > 100 && box.height > 100 && getComputedStyle(svg).display !== 'none' && marks.length > 0;
    });
    return { widget: (root as HTMLElement).dataset['widget']!, slots: root.querySelectorAll('.chart-slot').length, drawn: svgs.length };
  }));
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('every chapter shows each widget’s figures, numeric tables, the note and the line about JavaScript', async ({ page }) => {
    test.setTimeout(120_000);
    for (const path of widgetPages) {
      await page.goto(path);
      for (const w of await drawnFigures(page)) expect(w.drawn, `${path} ${w.widget}`).toBeGreaterThanOrEqual(w.slots);
      const root = page.locator('figure[data-widget]');
      const id = (await root.getAttribute('data-widget'))!;
      const numbers = await root.locator('[data-static] table[data-series] td[data-value]').evaluateAll((cells) => cells.map((c) => Number((c as HTMLElement).dataset['value'])));
      expect(numbers.filter(Number.isFinite).length, path).toBeGreaterThan(10);
      await expect(root.locator('.noscript')).toBeVisible();
      await expect(root.locator('[data-role="source"]')).toContainText(path.startsWith('zh') ? `随机种子 ${seedOf(id)}，第` : `seed ${seedOf(id)}, step`);
      // the controls would do nothing
      await expect(root.locator('.widget-bar')).toBeHidden();
    }
  });

  test('the static tables hold the CLI’s numbers for the same configuration and steps', async ({ page }) => {
    test.setTimeout(120_000);
    const cli = execFileSync('node_modules/.bin/tsx', ['scripts/experiment.ts', 'gradient-flow'], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'ignore'] });
    const frames = cli.trim().split('\n').map(frameFromJson);
    const at = (run: string, step: number): Frame => frames.find((f) => f.run === run && f.step === step)!;
    const last = Math.max(...frames.map((f) => f.step));

    await page.goto('en/overview/');
    await expect(page.locator('[data-role="source"]')).toContainText(`step ${last}`);
    // the loss over training: one row per step shown, one column per run
    const rows = await page.locator('[data-static] table[data-series="loss"] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).dataset['value'] ?? '')));
    const runs = ['a', 'b'];
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) {
      const step = Number(row[0]);
      runs.forEach((run, i) => expect(Number(row[i + 1]), `loss of ${run} at step ${step}`).toBe(at(run, step).loss));
    }
    // the bars: each layer's ‖∂L/∂W‖ at the last step
    const bars = await page.locator('[data-static] table[data-series="grad-norms"] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].slice(1).map((c) => Number((c as HTMLElement).dataset['value']))));
    runs.forEach((run, i) => expect(bars.map((r) => r[i])).toEqual(at(run, last).layers.map((l) => l.gradNormW)));
  });
});

test('print: every widget box has visible figures, in both languages, before and without any training', async ({ page }) => {
  test.setTimeout(120_000);
  await page.emulateMedia({ media: 'print' });
  for (const path of widgetPages) {
    await page.goto(path);
    for (const w of await drawnFigures(page)) expect(w.drawn, `${path} ${w.widget}`).toBeGreaterThanOrEqual(w.slots);
  }
});

// gradient-flow: per-run heatmaps and readouts over bars; regularization: readouts over a chart beside another
const swaps = [
  { id: 'gradient-flow', viewport: { width: 1280, height: 800 } },
  { id: 'gradient-flow', viewport: { width: 390, height: 844 } },
  { id: 'regularization', viewport: { width: 1280, height: 800 } },
] as const;
for (const { id, viewport } of swaps) {
  test(`${id}: the live charts replace the static ones without a layout shift (CLS < 0.01) at ${viewport.width} px`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL: baseURL!, viewport });
    const page = await context.newPage();
    // Shifts the widget can cause: of what is in it or what follows it.
    await page.addInitScript(() => {
      const w = window as unknown as { cls: number; shifts: string[] };
      w.cls = 0;
      w.shifts = [];
      const name = (n: Node | null) => (!n ? '(gone)' : n instanceof Element ? `${n.tagName.toLowerCase()}.${[...n.classList].join('.')}` : `"${(n.textContent ?? '').slice(0, 20)}"`);
      type Shift = PerformanceEntry & { value: number; hadRecentInput: boolean; sources: { node: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[] };
      // inside the widget, or after it; a shift that moves the widget itself (or what holds it)
      // comes from above it (a paragraph re-wrapping as a font arrives), not from the widget
      const byWidget = (node: Node | null) => {
        const root = document.querySelector('figure[data-widget]');
        return !node || !root || (root !== node && root.contains(node)) || !!(root.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING);
      };
      const fromAbove = (node: Node | null) => {
        const root = document.querySelector('figure[data-widget]');
        return !!node && !!root && (root === node || node.contains(root) || !!(root.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_PRECEDING));
      };
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as Shift[]) {
          if (e.hadRecentInput || e.sources.some((s) => fromAbove(s.node)) || !e.sources.some((s) => byWidget(s.node))) continue;
          w.cls += e.value;
          w.shifts.push(`${e.value.toFixed(4)} @${Math.round(e.startTime)} ms: ${e.sources.map((s) => name(s.node)).join(', ')}`);
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    // the widget in view from the start, so its swap happens where it counts
    await page.goto(`en/${widgets[id].spec.chapter}/?backend=wasm#widget-${id}`);
    const root = page.locator(`figure[data-widget="${id}"]`);
    await expect(root.locator('[data-static] svg').first()).toBeVisible();
    await expect(root.locator('.has-static')).toHaveCount(0, { timeout: 30_000 });
    await expect.poll(async () => Number(await root.getAttribute('data-step')), { timeout: 30_000 }).toBeGreaterThanOrEqual(20);
    await expect(root.locator('[data-static]')).toHaveCount(0);
    const { cls, shifts } = await page.evaluate(() => {
      const w = window as unknown as { cls: number; shifts: string[] };
      return { cls: w.cls, shifts: w.shifts };
    });
    expect(cls, shifts.join('\n')).toBeLessThan(0.01);
    await context.close();
  });
}
