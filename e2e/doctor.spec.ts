/**
 * The gradient doctor as a reader uses it: samples from the site's own widgets diagnosed as
 * they should be, a bad log named line by line with nothing lost, thresholds that change the
 * verdict and travel in the URL, remedies that open the widget at the log's depth, and no
 * request at all once the page has loaded.
 */
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { SAMPLES } from '../src/doctor/samples';
import type { Page } from '@playwright/test';

const ready = (page: Page) => expect(page.locator('[data-doctor]')).toHaveAttribute('data-ready', 'true');
/** The verdict is shown (`data-status`); its charts follow, one task each, and then `data-drawn` names the read they drew. */
const done = (page: Page) => expect(page.locator('[data-doctor]')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
const drawn = async (page: Page) => {
  await expect(page.locator('[data-doctor]')).toHaveAttribute('data-drawn', /\d+/);
  return (await page.locator('[data-doctor]').getAttribute('data-drawn'))!;
};
const categories = (page: Page) => page.$$eval('.finding.is-problem', (els) => [...new Set(els.map((e) => (e as HTMLElement).dataset['category']))]);

for (const sample of SAMPLES) {
  test(`sample "${sample.id}" from the ${sample.widget} widget is diagnosed ${sample.expect}, with its charts drawn`, async ({ page, watch }) => {
    await page.goto('en/doctor/');
    await ready(page);
    await page.locator(`[data-sample="${sample.id}"]`).click();
    await done(page);
    await drawn(page);
    if (sample.expect === 'healthy') {
      expect(await categories(page)).toEqual([]);
      await expect(page.locator('[data-finding="healthy"]')).toBeVisible();
    } else {
      expect(await categories(page)).toContain(sample.expect);
      // Its first remedy opens the chapter's widget at the log's depth (hidden layers: its weights less the output's).
      const weights = Number(/(\d+) parameters or layers/.exec((await page.locator('[data-role="checks"] li').first().textContent())!)![1]);
      const link = page.locator(`.finding[data-category="${sample.expect}"] a[data-remedy]`).first();
      const widget = (await link.getAttribute('data-remedy'))!;
      const chapter = await page.context().newPage();
      await chapter.goto(new URL((await link.getAttribute('href'))!, page.url()).href);
      await expect(chapter.locator(`#widget-${widget}-depth`)).toHaveValue(String(weights - 1));
      await chapter.close();
    }
    // The sample text is in the box: the reader sees the format, and the command that wrote it.
    expect(await page.locator('#doctor-text').inputValue()).toMatch(new RegExp(`^# npm run experiment -- ${sample.widget} .*--doctor\nstep,name,grad_norm`));
    // Heatmap rows = the log's names; the global norm's table has a row per column of steps.
    const rows = await page.locator('[data-chart="heatmap"] table[data-series] thead th').count();
    expect(rows).toBeGreaterThan(10);
    expect(await page.locator('[data-chart="global"] table[data-series] tbody tr').count()).toBeGreaterThan(10);
    expect(watch.consoleErrors).toEqual([]);
  });
}

test('the vanishing sample: dense1 ÷ output below 1e-2; a line below its median makes it pass, and the URL keeps it', async ({ page }) => {
  await page.goto('en/doctor/');
  await ready(page);
  await page.locator('[data-sample="vanishing"]').click();
  await done(page);
  const evidence = await page.locator('[data-finding="vanishing"] p').first().textContent();
  const [, count, of, median] = /below 0\.01 on (\d+) of (\d+) steps .* median ([\d.e+-]+)\./.exec(evidence!)!;
  expect(Number(count)).toBeGreaterThanOrEqual(Number(of) / 2);
  expect(Number(median)).toBeLessThan(1e-2);
  expect(evidence).toContain('‖∇dense1‖ ÷ ‖∇output‖');

  // The slider holds log10 of the threshold.
  const slider = page.locator('#doctor-vanish');
  await slider.fill(String(Math.log10(Number(median) / 10)));
  await slider.dispatchEvent('change');
  await expect(page.locator('[data-finding="vanishing"]')).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get('doctor.vanish')).not.toBeNull();
  await page.reload();
  await ready(page);
  expect(Number(await slider.inputValue())).toBeCloseTo(Math.log10(Number(median) / 10), 1);
});

test('a malformed log: each problem with its line, in both languages; the good rows diagnosed; the text left as it was', async ({ page }) => {
  const text = readFileSync('tests/doctor/fixtures/bad-values.csv', 'utf8');
  for (const lang of ['en', 'zh'] as const) {
    await page.goto(`${lang}/doctor/`);
    await ready(page);
    await page.locator('#doctor-text').fill(text);
    await page.locator('[data-role="diagnose"]').click();
    await done(page);
    const problems = page.locator('[data-role="problems-list"] li');
    expect(await problems.evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset['line'])))).toEqual([3, 6, 7, 8, 9]);
    await expect(problems.first()).toHaveText(lang === 'en' ? 'Line 3: grad_norm is “abc”, not a number; the row is skipped.' : '第 3 行：grad_norm 的值“abc”不是数字，已跳过这一行。');
    await expect(page.locator('[data-role="checks"] li').first()).toContainText(lang === 'en' ? '3 rows' : '共 3 行');
    expect(await page.locator('#doctor-text').inputValue()).toBe(text);
  }
  // A header it cannot read: said at line 1, nothing diagnosed.
  await page.locator('#doctor-text').fill('0,fc1.weight,0.1\n');
  await page.locator('[data-role="diagnose"]').click();
  await expect(page.locator('[data-doctor]')).toHaveAttribute('data-status', 'error');
  await expect(page.locator('[data-role="problems-list"] li')).toHaveAttribute('data-line', '1');
  await expect(page.locator('[data-role="result"]')).toBeHidden();
});

test('after load, reading a pasted log, a chosen file and a dropped one makes no request at all', async ({ page }) => {
  await page.goto('en/doctor/');
  await ready(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const csv = readFileSync('tests/doctor/fixtures/bad-values.csv', 'utf8');
  await page.locator('#doctor-text').fill(csv);
  await page.locator('[data-role="diagnose"]').click();
  await done(page);
  const first = await drawn(page);
  await page.locator('#doctor-file').setInputFiles({ name: 'log.jsonl', mimeType: 'text/plain', buffer: readFileSync('tests/doctor/fixtures/python-json.jsonl') });
  await expect(page.locator('[data-doctor]')).not.toHaveAttribute('data-drawn', first);
  await expect(page.locator('[data-role="problems-list"] li').first()).toHaveAttribute('data-line', '3');
  // Dropped on the box, as from a file manager.
  const second = await drawn(page);
  const dropped = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
    return dt;
  }, csv);
  await page.locator('[data-role="drop"]').dispatchEvent('drop', { dataTransfer: dropped });
  await expect(page.locator('[data-doctor]')).not.toHaveAttribute('data-drawn', second);
  expect(await page.locator('[data-role="problems-list"] li').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset['line'])))).toEqual([3, 6, 7, 8, 9]);
  expect(requests).toEqual([]);
});
