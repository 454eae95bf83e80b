import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

type Rgb = [number, number, number];

/**
 * What the reader sees behind the text: body over html, alpha-composited, with its opacity.
 * Where it is below 1 the browser's own canvas (white, or #121212 in dark Chromium) shows
 * through instead of the site's colour.
 */
function pageColours(page: Page): Promise<{ background: Rgb; opacity: number; text: Rgb }> {
  return page.evaluate(() => {
    const rgba = (css: string): [...Rgb, number] => {
      const m = /^rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)$/.exec(css);
      if (!m) throw new Error(`unexpected computed colour ${css}`);
      return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
    };
    const style = getComputedStyle(document.body);
    const body = rgba(style.backgroundColor);
    const html = rgba(getComputedStyle(document.documentElement).backgroundColor);
    const opacity = body[3] + html[3] * (1 - body[3]);
    const over = (i: 0 | 1 | 2) => (opacity ? (body[i] * body[3] + html[i] * html[3] * (1 - body[3])) / opacity : 0);
    const [r, g, b] = rgba(style.color);
    return { background: [over(0), over(1), over(2)] as Rgb, opacity, text: [r, g, b] as Rgb };
  });
}

/** WCAG 2 relative luminance of an sRGB colour (0 black … 1 white). */
function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((c) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const contrast = (a: Rgb, b: Rgb) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

/** The page is painted by the site (opaque), dark or light as asked, with text at WCAG AAA contrast. */
async function expectPageColours(page: Page, theme: 'dark' | 'light') {
  const { background, opacity, text } = await pageColours(page);
  expect(opacity, 'the site paints its own page background').toBe(1);
  const shade = expect(luminance(background), `luminance of the page background rgb(${background})`);
  if (theme === 'dark') shade.toBeLessThan(0.05);
  else shade.toBeGreaterThan(0.85);
  expect(contrast(text, background), `contrast of rgb(${text}) text on it`).toBeGreaterThanOrEqual(7);
}

test('dark mode follows the system, toggles, and is remembered without a flash', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ colorScheme: 'dark', baseURL: baseURL! });
  const page = await context.newPage();
  // The theme is set by an inline script in <head>, before the body is parsed.
  await page.goto('en/', { waitUntil: 'commit' });
  await page.waitForSelector('body', { state: 'attached' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.waitForLoadState(); // the stylesheets, which block the first paint
  await expectPageColours(page, 'dark');

  await page.locator('.theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expectPageColours(page, 'light');
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

test('a phone reader following a link to a section: the page does not jump as the chapter list folds (CLS < 0.01)', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL: baseURL!, viewport: { width: 390, height: 844 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { cls: number };
    w.cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { value: number })[]) w.cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto('zh/overview/#exploding');
  await expect(page.locator('.chapter-nav-toggle')).not.toHaveAttribute('open');
  await page.evaluate(() => document.fonts.ready);
  await expect(page.locator('#exploding')).toBeInViewport();
  expect(await page.evaluate(() => (window as unknown as { cls: number }).cls)).toBeLessThan(0.01);
  await context.close();
});
