import { test, expect } from './fixtures';

test('dark mode follows the system, toggles, and is remembered without a flash', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ colorScheme: 'dark', baseURL: baseURL! });
  const page = await context.newPage();
  // The theme is set by an inline script in <head>, before the body is parsed.
  await page.goto('en/', { waitUntil: 'commit' });
  await page.waitForSelector('body', { state: 'attached' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).not.toBe('rgb(253, 253, 252)');

  await page.locator('.theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.goto('zh/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(page.locator('.theme-toggle')).toHaveAttribute('aria-pressed', 'false');
  await context.close();
});

test('the phone layout has no horizontal scroll at 360 px', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, baseURL: baseURL! });
  const page = await context.newPage();
  for (const path of ['en/', 'zh/', 'en/overview/', 'zh/overview/']) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  await context.close();
});
