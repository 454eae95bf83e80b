import { test, expect } from './fixtures';

// Runs only in the 'subpath' project: the site built with base /gradient-clinic/.
test('assets, styles and search work under a sub-path', async ({ page, watch, baseURL }) => {
  const base = new URL(baseURL!).pathname;
  expect(base).toBe('/gradient-clinic/');
  const failed: string[] = [];
  page.on('response', (res) => { if (res.status() >= 400) failed.push(res.url()); });
  await page.goto('en/overview/');
  // KaTeX fonts and CSS come from under the base.
  const fontFamily = await page.locator('.katex').first().evaluate((el) => getComputedStyle(el).fontFamily);
  expect(fontFamily).toContain('KaTeX');
  await page.locator('.search-open').click();
  await page.locator('#search-dialog input').fill('gradient');
  await expect(page.locator('.pagefind-ui__result-link').first()).toBeVisible();
  const first = await page.locator('.pagefind-ui__result-link').first().evaluate((a) => (a as HTMLAnchorElement).pathname);
  expect(first.startsWith(`${base}en/`)).toBe(true);
  expect(failed).toEqual([]);
  expect(watch.consoleErrors).toEqual([]);
});
