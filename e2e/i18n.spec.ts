import { test, expect, chapterPages, idsOn } from './fixtures';

test('each language has its own html lang', async ({ page }) => {
  for (const [path, lang] of [['en/', 'en'], ['zh/', 'zh-CN']] as const) {
    await page.goto(path);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
  }
});

for (const [locale, expected] of [['zh-CN', /\/zh\/$/], ['zh-TW', /\/zh\/$/], ['en-US', /\/en\/$/], ['de-DE', /\/en\/$/]] as const) {
  test(`/ sends a ${locale} browser to ${expected.source}`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ locale, baseURL: baseURL! });
    const page = await context.newPage();
    await page.goto('');
    await page.waitForURL(expected);
    await context.close();
  });
}

test('/ offers plain links to both languages without JavaScript', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: baseURL! });
  const page = await context.newPage();
  await page.goto('');
  await expect(page.locator('a[hreflang="en"]')).toHaveAttribute('href', /\/en\/$/);
  await expect(page.locator('a[hreflang="zh-CN"]')).toHaveAttribute('href', /\/zh\/$/);
  await context.close();
});

test('the language switch lands on the same chapter and section', async ({ page }) => {
  const chapters = chapterPages().filter((p) => p.startsWith('en/'));
  expect(chapters.length).toBeGreaterThan(0);
  for (const path of chapters) {
    await page.goto(path);
    const section = await page.locator('article h2[id]').nth(1).getAttribute('id');
    expect(section).toBeTruthy();
    await page.goto(`${path}?x.y=1#${section}`);
    await page.locator('a[data-lang-switch]').click();
    await page.waitForURL(new RegExp(`/zh/${path.split('/')[1]}/\\?x\\.y=1#${section}$`));
    expect(await idsOn(page)).toContain(section!);
    await page.locator('a[data-lang-switch]').click();
    await page.waitForURL(new RegExp(`/en/${path.split('/')[1]}/\\?x\\.y=1#${section}$`));
  }
});

test('both languages have the same heading ids on every chapter', async ({ page }) => {
  for (const path of chapterPages().filter((p) => p.startsWith('en/'))) {
    await page.goto(path);
    const en = await page.$$eval('article :is(h2,h3)[id]', (hs) => hs.map((h) => h.id));
    await page.goto(path.replace(/^en\//, 'zh/'));
    const zh = await page.$$eval('article :is(h2,h3)[id]', (hs) => hs.map((h) => h.id));
    expect(zh).toEqual(en);
  }
});

test('an unknown address gets a real 404 page in both languages', async ({ page }) => {
  const response = await page.goto('en/no-such-chapter/');
  expect(response?.status()).toBe(404);
  await expect(page.locator('section[lang="en"] h1')).toHaveText('Page not found');
  await expect(page.locator('section[lang="zh-CN"] h1')).toHaveText('页面不存在');
  // Its links work from any depth, so they must be absolute.
  const first = page.locator('section[lang="zh-CN"] a').first();
  await first.click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

test('no line starts with the punctuation that follows an inline formula, at any phone or desktop width', async ({ page }) => {
  // 41 widths of every chapter page: ~40 s for nine chapters in both languages on a quiet machine, growing with the chapters.
  test.setTimeout(60_000 + 15_000 * chapterPages().length);
  // CJK typesetting never starts a line with "，" or "。"; nor should English start one with ", ".
  for (const path of chapterPages()) {
    await page.goto(path);
    let junctions = 0;
    for (let width = 320; width <= 1280; width += 24) {
      await page.setViewportSize({ width, height: 800 });
      const broken = await page.evaluate(() => {
        const out: string[] = [];
        let seen = 0;
        for (const k of document.querySelectorAll('main .katex')) {
          if (k.closest('.katex-display')) continue;
          const next = k.nextSibling;
          if (next?.nodeType !== Node.TEXT_NODE || !/^[，。、；：！？）,.;:!?)]/.test(next.textContent ?? '')) continue;
          seen++;
          const range = document.createRange();
          range.setStart(next, 0);
          range.setEnd(next, 1);
          if (range.getBoundingClientRect().top > k.getBoundingClientRect().bottom - 2) out.push(k.textContent?.slice(0, 30) ?? '');
        }
        return { seen, out };
      });
      junctions = broken.seen;
      expect(broken.out, `${path} at ${width} px`).toEqual([]);
    }
    if (path.endsWith('overview/')) expect(junctions, `${path}: formulas followed by punctuation`).toBeGreaterThan(5);
  }
});
