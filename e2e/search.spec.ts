import { gzipSync } from 'node:zlib';
import { test, expect, chapterPages } from './fixtures';

async function search(page: import('@playwright/test').Page, query: string) {
  if (!(await page.locator('#search-dialog').evaluate((d) => (d as HTMLDialogElement).open))) {
    await page.locator('.search-open').click();
  }
  const input = page.locator('#search-dialog input');
  await input.fill(query);
  // Pagefind debounces input. While it searches, its message names the query and ends in
  // "..."; then it gives the count (no number when there are none) and shows up to 5 results.
  const message = page.locator('.pagefind-ui__message');
  const settled = async () => {
    const text = (await message.textContent()) ?? '';
    return text.includes(query) && !text.endsWith('...') ? text : null;
  };
  await expect.poll(settled).not.toBeNull();
  const count = Number(/\d+/.exec((await settled()) ?? '')?.[0] ?? 0);
  const links = page.locator('.pagefind-ui__result-link');
  await expect(links).toHaveCount(Math.min(count, 5));
  return links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
}

test('English search finds English chapters only', async ({ page }) => {
  await page.goto('en/overview/');
  const results = await search(page, 'gradient');
  expect(results.length).toBeGreaterThan(0);
  for (const r of results) expect(r).toMatch(/\/en\//);
});

test('Chinese search is segmented and finds Chinese chapters only', async ({ page }) => {
  await page.goto('zh/overview/');
  // A word inside running Chinese text: found only if the index segments Chinese.
  const results = await search(page, '链式法则');
  expect(results.length).toBeGreaterThan(0);
  for (const r of results) expect(r).toMatch(/\/zh\//);
});

test('the names the source and other texts use find the chapters: 批规范化, 批标准化 and BN the batch-normalization chapter, 残差结构 residual connections, 梯度剪切 gradient clipping, 长短期记忆 and LSTM the lstm chapter', async ({ page }) => {
  await page.goto('zh/overview/');
  for (const [query, slug] of [
    ['批规范化', 'batch-normalization'], ['批标准化', 'batch-normalization'], ['BN', 'batch-normalization'], ['残差结构', 'residual-connections'],
    ['梯度剪切', 'gradient-clipping'], ['长短期记忆', 'lstm'], ['LSTM', 'lstm'],
  ]) {
    const results = await search(page, query);
    expect(results, query).toContain(new URL(`../${slug}/`, page.url()).pathname);
  }
});

test('KaTeX markup stays out of the index', async ({ page }) => {
  await page.goto('en/overview/');
  // \qquad and \mathcal appear only in the TeX source KaTeX keeps in the page (<annotation>).
  for (const command of ['qquad', 'mathcal']) {
    expect(await page.locator('annotation', { hasText: `\\${command}` }).count(), command).toBeGreaterThan(0);
    // Pagefind also returns pages for near words ("Ma", an author); the point is that no indexed text holds the command.
    const indexed = await page.evaluate(async (q) => {
      const pagefind = await import(new URL('../../pagefind/pagefind.js', location.href).href);
      const { results } = await pagefind.search(q);
      return Promise.all(results.map(async (r: { data(): Promise<{ url: string; content: string }> }) => r.data()));
    }, command);
    for (const { url, content } of indexed) expect(content, `${url} indexes ${command}`).not.toMatch(new RegExp(command, 'i'));
  }
});

test('a chapter ships at most 10 KB gzip of JavaScript before search is opened', async ({ page }) => {
  for (const path of chapterPages()) {
    const external: Buffer[] = [];
    page.on('response', async (res) => {
      if (res.request().resourceType() === 'script') external.push(await res.body());
    });
    await page.goto(path, { waitUntil: 'networkidle' });
    const inline = await page.$$eval('script:not([src])', (ss) => ss.map((s) => s.textContent ?? '').join('\n'));
    const all = Buffer.concat([Buffer.from(inline), ...external]);
    const gz = gzipSync(all).length;
    expect(gz, `${path}: ${gz} bytes gzip`).toBeLessThanOrEqual(10 * 1024);
    expect(await page.evaluate(() => 'PagefindUI' in window)).toBe(false);
    page.removeAllListeners('response');
  }
});
