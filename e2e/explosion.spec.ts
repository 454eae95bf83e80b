/**
 * The exploding-gradients widget at its defaults, from its data tables: run A's over-training
 * charts hold a stretch of normal training before its blow-up, not two points.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

const widget = (page: Page) => page.locator('figure[data-widget="explosion"]');

/** A column of a table, found by its header; empty cells (a run that has stopped) are null. */
async function column(page: Page, series: string, header: RegExp): Promise<(number | null)[]> {
  const table = widget(page).locator(`table[data-series="${series}"]`);
  const headers = await table.locator('thead th').allTextContents();
  const c = headers.findIndex((h) => header.test(h));
  expect(c, `${series}: a column matching ${header} among ${headers.join(' | ')}`).toBeGreaterThan(0);
  return table.locator('tbody tr').evaluateAll(
    (rows, i) => rows.map((r) => {
      const v = (r.children[i] as HTMLElement).dataset['value'];
      return v === undefined || v === '' ? null : Number(v);
    }),
    c,
  );
}

test('at the defaults run A trains at least ten normal steps before it diverges: its loss and gradient history hold them', async ({ page, watch }) => {
  await page.goto('en/exploding-gradients/?backend=wasm');
  const w = widget(page);
  await w.scrollIntoViewIfNeeded();
  await expect(w.locator('[data-run="a"][data-status]')).toHaveAttribute('data-status', 'diverged', { timeout: 60_000 });
  const said = Number(/diverged at step (\d+)/.exec((await w.locator('.notice-bad[data-notice-run="a"]').textContent())!)![1]);
  expect(said).toBeGreaterThanOrEqual(10);
  // The charts (and their tables) draw a frame or two after the status changes: wait until they hold run A's
  // steps up to the one before the divergence (the blow-up's finite values).
  const lossOfA = async () => (await column(page, 'loss', /^Loss \(A/)).filter((v): v is number => v !== null);
  await expect.poll(async () => (await lossOfA()).length).toBeGreaterThanOrEqual(said);
  const loss = await lossOfA();
  expect(loss.slice(0, 10).every((v) => v < 1)).toBe(true);
  const firstOfA = async () => (await column(page, 'grad-norm-history', /^first hidden layer \(A/)).filter((v): v is number => v !== null && Number.isFinite(v));
  await expect.poll(async () => (await firstOfA()).length).toBeGreaterThanOrEqual(said);
  const first = await firstOfA();
  expect(first.length).toBeGreaterThanOrEqual(10);
  // the blow-up itself: the first hidden layer's backward signal ends orders of magnitude above where it ran
  expect(Math.max(...first)).toBeGreaterThan(1e3 * Math.min(...first.slice(0, 10)));
  expect(watch.consoleErrors).toEqual([]);
});
