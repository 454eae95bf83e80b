import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { test, expect } from './fixtures';
import { definitionText } from '../src/lib/definition-text';

// The glossary page and the chapters' term links both come from content/glossary.yaml.
type Term = { id: string; en: string; zh: string; definition: { en: string; zh: string } };
const terms = load(readFileSync('content/glossary.yaml', 'utf8')) as Term[];
const term = (id: string) => terms.find((t) => t.id === id)!;

async function axeViolations(page: import('@playwright/test').Page) {
  const axe = await new AxeBuilder({ page }).analyze();
  return axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The href of the link around the first use of `text` in the chapter's prose (null: not a link). */
function firstUseLink(page: import('@playwright/test').Page, text: string) {
  return page.evaluate((text) => {
    const walker = document.createTreeWalker(document.querySelector('article')!, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement!;
      // What the term links leave alone: the title block, headings, maths, code, other links, the definitions.
      if (el.closest('.chapter-head, h2, h3, .katex, code, pre, table, figure, .term-tip, a:not(.term-link)')) continue;
      if (n.textContent!.toLowerCase().includes(text.toLowerCase())) return el.closest('a.term-link')?.getAttribute('href') ?? null;
    }
    throw new Error(`"${text}" is not in the chapter`);
  }, text);
}

for (const lang of ['en', 'zh'] as const) {
  test(`${lang}: the glossary page lists every term of content/glossary.yaml with its definition and chapter, and is axe clean`, async ({ page, watch, request }) => {
    const response = await page.goto(`${lang}/glossary/`);
    expect(response?.status()).toBe(200);
    await expect(page.locator('.entry')).toHaveCount(terms.length);
    for (const t of terms) {
      const entry = page.locator(`[id="${t.id}"]`);
      await expect(entry.locator('dfn'), t.id).toHaveText(t[lang]);
      await expect(entry.locator('.definition'), t.id).toHaveText(definitionText(t.definition[lang]));
    }
    // each entry's chapter link resolves
    const chapters = new Set(await page.locator('.entry .meta a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname)));
    for (const path of chapters) expect((await request.get(path)).status(), path).toBe(200);
    expect(await axeViolations(page)).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
  });
}

for (const [lang, text] of [['en', 'saturation'], ['zh', '饱和']] as const) {
  test(`${lang}: a term’s first use in a chapter links to its entry, and keyboard focus shows its definition (at 390 px too, within the screen)`, async ({ page, request }) => {
    const id = 'saturation';
    await page.goto(`${lang}/vanishing-gradients/`);
    expect(await firstUseLink(page, text)).toBe(`../glossary/#${id}`);
    // at most once per chapter
    await expect(page.locator(`a.term-link[href$="#${id}"]`)).toHaveCount(1);

    const link = page.locator(`a.term-link[href$="#${id}"]`);
    const target = new URL((await link.getAttribute('href'))!, page.url());
    const glossary = await request.get(target.pathname);
    expect(glossary.status()).toBe(200);
    expect(await glossary.text()).toContain(`id="${id}"`);

    const tip = page.locator(`#${(await link.getAttribute('aria-describedby'))!}`);
    await expect(tip).toHaveAttribute('role', 'tooltip');
    await expect(tip).toBeHidden();
    await link.focus();
    await expect(tip).toBeVisible();
    await expect(tip).toHaveText(definitionText(term(id).definition[lang]));
    await page.keyboard.press('Escape');
    await expect(tip).toBeHidden();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect(link).toBeFocused();
    await expect(tip).toBeVisible();
    const box = (await tip.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await axeViolations(page), scheme).toEqual([]);
    }
  });
}

test('hovering a term shows its definition; the glossary is linked from the chapter list and the home page', async ({ page }) => {
  await page.goto('en/overview/');
  const link = page.locator('a.term-link').first();
  const tip = page.locator(`#${(await link.getAttribute('aria-describedby'))!}`);
  await expect(tip).toBeHidden();
  await link.hover();
  await expect(tip).toBeVisible();
  await page.locator('nav.chapter-nav a.glossary-link').click();
  await expect(page).toHaveURL(/\/en\/glossary\/$/);
  await page.goto('zh/');
  await page.locator('.glossary-link a').click();
  await expect(page).toHaveURL(/\/zh\/glossary\/$/);
});
