/**
 * The gradient-clipping widget end to end: what its chapter says the widget shows at the
 * default seed, read from the charts' data tables; its state in the URL and junk there.
 * (Its run on wasm, the WebGPU parity and the 10 resets are in widgets.spec.ts's lists.)
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

const widget = (page: Page) => page.locator('figure[data-widget="clipping"]');
const runOf = (page: Page, run: string) => widget(page).locator(`[data-run="${run}"][data-status]`);
const stepOf = async (page: Page, run?: string) => Number(await (run ? runOf(page, run) : widget(page)).getAttribute('data-step'));

/** One column of a chart's data table, by its header's position; an empty cell (a run that has stopped) is null. */
function column(page: Page, series: string, col: number): Promise<(number | null)[]> {
  return page.locator(`figure[data-widget="clipping"] table[data-series="${series}"] tbody tr`).evaluateAll(
    (rows, c) => rows.map((r) => {
      const v = (r.children[c] as HTMLElement).dataset['value'];
      return v === undefined || v === '' ? null : Number(v);
    }),
    col,
  );
}

/** A column's position, found by its header naming the run's legend and the series. */
async function columnOf(page: Page, series: string, header: RegExp): Promise<number> {
  const headers = await page.locator(`figure[data-widget="clipping"] table[data-series="${series}"] thead th`).allTextContents();
  const i = headers.findIndex((h) => header.test(h));
  expect(i, `${series}: a column matching ${header} among ${headers.join(' | ')}`).toBeGreaterThan(0);
  return i;
}

test('at the defaults the unclipped run blows up after 10+ normal steps and says where; clipping by norm trains on to a lower loss; the value run’s cosine is below 1 where it clipped, the norm run’s 1', async ({ page, watch }) => {
  await page.goto('en/gradient-clipping/?backend=wasm');
  const w = widget(page);
  await w.scrollIntoViewIfNeeded();
  await expect(runOf(page, 'none')).toHaveAttribute('data-status', 'diverged', { timeout: 60_000 });
  const message = w.locator('.notice-bad[data-notice-run="none"]');
  await expect(message).toHaveText(/diverged at step (\d+): .*layer (\d+)/);
  const [, saidStep] = /diverged at step (\d+)/.exec((await message.textContent())!)!;
  expect(Number(saidStep)).toBeGreaterThanOrEqual(10);
  // the clipped runs go on to the end (tables read after the last frame, so their rows line up)
  await expect(runOf(page, 'norm')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await expect(runOf(page, 'value')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect.poll(() => stepOf(page, 'norm')).toBe(199);
  // each chart draws in a task of its own: wait until both tables hold the last step before reading their columns
  for (const series of ['loss', 'direction']) await expect.poll(() => column(page, series, 0).then((steps) => steps.at(-1))).toBe(199);

  const loss = async (run: string) => column(page, 'loss', await columnOf(page, 'loss', new RegExp(run)));
  const none = (await loss('No clipping')).filter((v): v is number => v !== null);
  const finite = none.filter(Number.isFinite);
  // at least ten steps of normal training: finite and below 1
  expect(finite.slice(0, 10).every((v) => v < 1)).toBe(true);
  const lowest = Math.min(...finite);
  const norm = (await loss('global norm')).filter((v): v is number => v !== null && Number.isFinite(v));
  expect(norm.length).toBeGreaterThanOrEqual(100);
  expect(norm.at(-1)!).toBeLessThan(lowest);

  const cosValue = await column(page, 'direction', await columnOf(page, 'direction', /value.*cos|cos.*value/i));
  const share = await column(page, 'direction', await columnOf(page, 'direction', /share/i));
  const cosNorm = await column(page, 'direction', await columnOf(page, 'direction', /norm.*cos|cos.*norm/i));
  let clippedRows = 0;
  share.forEach((s, i) => {
    if (s !== null && s > 0) {
      clippedRows += 1;
      expect(cosValue[i]!).toBeLessThan(1);
    }
  });
  expect(clippedRows).toBeGreaterThan(10);
  for (const c of cosNorm) if (c !== null) expect(Math.abs(c - 1)).toBeLessThan(1e-4);
  expect(watch.consoleErrors).toEqual([]);
});

test('its state round-trips through the URL, and junk gives notices and the defaults', async ({ page, watch }) => {
  await page.goto('en/gradient-clipping/?backend=wasm&clipping.clipNorm=1&clipping.depth=8');
  const w = widget(page);
  await w.scrollIntoViewIfNeeded();
  await expect(w.locator('output[data-for="clipNorm"]')).toHaveText('1');
  await expect(w.locator('[data-param="depth"]')).toHaveValue('8');
  await w.locator('[data-param="depth"]').fill('10');
  await expect(page).toHaveURL(/clipping\.depth=10/);
  await expect(page).toHaveURL(/clipping\.clipNorm=1(&|$)/);
  await page.reload();
  await w.scrollIntoViewIfNeeded();
  await expect(w.locator('[data-param="depth"]')).toHaveValue('10');
  await expect(w.locator('output[data-for="clipNorm"]')).toHaveText('1');
  await expect(w.locator('.notice')).toHaveCount(0);

  await page.goto('en/gradient-clipping/?backend=wasm&clipping.clipNorm=banana&clipping.depth=999');
  await w.scrollIntoViewIfNeeded();
  await expect(w.locator('.notice')).toHaveCount(2);
  await expect(w.locator('[data-param="depth"]')).toHaveValue('20');
  await expect(w.locator('output[data-for="clipNorm"]')).toHaveText('0.2');
  await expect.poll(() => stepOf(page), { timeout: 30_000 }).toBeGreaterThan(2);
  expect(watch.consoleErrors).toEqual([]);
});
