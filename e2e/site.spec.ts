import AxeBuilder from '@axe-core/playwright';
import { test, expect, builtPages, chapterPages } from './fixtures';

// Runs in both projects: at the domain root and under a sub-path base. Of the embed pages
// (one per widget and language, all from one template) one per language is enough here.
// The accessibility scan runs at the root only: the sub-path build is the same documents with
// other URLs (what the base changes, links and assets, is checked in both), and axe takes
// ~14 s a chapter on 2 cores (10k nodes of KaTeX), a third of this file's time.
const pages = builtPages().filter((p) => !p.includes('/embed/') || p.endsWith('/embed/gradient-flow/'));

test.describe('every page', () => {
  for (const path of pages) {
    test(`${path || '/'} loads cleanly, is accessible (scanned at the root), and its links resolve`, async ({ page, watch, baseURL, request }) => {
      const response = await page.goto(path, { waitUntil: 'load' });
      if (path === '') {
        // The root page sends readers on to a language; wait for that navigation.
        await page.waitForURL(/\/(en|zh)\/$/);
      }
      expect(response?.status()).toBe(200);
      await page.waitForLoadState('networkidle');

      expect(await page.locator('.katex-error').count(), 'KaTeX errors').toBe(0);

      if (test.info().project.name === 'root') {
        const axe = await new AxeBuilder({ page }).analyze();
        expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      }

      // Internal links and #anchors all land somewhere real. Each page is read once: a chapter links
      // the glossary from every term it defines and itself from every heading.
      const here = page.url();
      const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
      const internal = [...new Set(hrefs.filter((h) => new URL(h).origin === new URL(baseURL!).origin))];
      const pages = new Map<string, Promise<string>>();
      const read = (url: URL) => {
        if (!pages.has(url.pathname)) {
          pages.set(url.pathname, url.pathname === new URL(here).pathname ? page.content() : (async () => {
            const res = await request.get(url.origin + url.pathname);
            expect(res.status(), `${url.pathname} from ${path}`).toBe(200);
            return res.text();
          })());
        }
        return pages.get(url.pathname)!;
      };
      for (const href of internal) {
        const url = new URL(href);
        expect(url.pathname.startsWith(new URL(baseURL!).pathname), `${href} stays under the base`).toBe(true);
        const target = await read(url);
        if (url.hash.length > 1) {
          const id = decodeURIComponent(url.hash.slice(1));
          expect(target.includes(`id="${id}"`), `#${id} exists on ${url.pathname} (linked from ${path})`).toBe(true);
        }
      }

      expect(watch.consoleErrors).toEqual([]);
      expect(watch.foreignRequests).toEqual([]);
    });
  }
});

test('no display equation scrolls sideways at 1280 px: long ones break into lines', async ({ page }) => {
  test.skip(test.info().project.name !== 'root', 'the same documents under the sub-path');
  await page.setViewportSize({ width: 1280, height: 900 });
  for (const path of chapterPages()) {
    await page.goto(path);
    const wide = await page.$$eval('.katex-display', (els) => els.flatMap((el) => {
      let s: HTMLElement | null = el as HTMLElement;
      while (s && !['auto', 'scroll'].includes(getComputedStyle(s).overflowX)) s = s.parentElement;
      const box = s ?? (el as HTMLElement);
      return box.scrollWidth > box.clientWidth + 1 ? [el.querySelector('[id]')?.id ?? el.closest('[id]')?.id ?? '?'] : [];
    }));
    expect(wide, path).toEqual([]);
  }
});
