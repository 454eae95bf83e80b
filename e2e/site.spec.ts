import AxeBuilder from '@axe-core/playwright';
import { test, expect, builtPages } from './fixtures';

// Runs in both projects: at the domain root and under a sub-path base. Of the embed pages
// (one per widget and language, all from one template) one per language is enough here.
const pages = builtPages().filter((p) => !p.includes('/embed/') || p.endsWith('/embed/gradient-flow/'));

test.describe('every page', () => {
  for (const path of pages) {
    test(`${path || '/'} loads cleanly, is accessible, and its links resolve`, async ({ page, watch, baseURL, request }) => {
      const response = await page.goto(path, { waitUntil: 'load' });
      if (path === '') {
        // The root page sends readers on to a language; wait for that navigation.
        await page.waitForURL(/\/(en|zh)\/$/);
      }
      expect(response?.status()).toBe(200);
      await page.waitForLoadState('networkidle');

      expect(await page.locator('.katex-error').count(), 'KaTeX errors').toBe(0);

      const axe = await new AxeBuilder({ page }).analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

      // Internal links and #anchors all land somewhere real.
      const here = page.url();
      const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
      const internal = [...new Set(hrefs.filter((h) => new URL(h).origin === new URL(baseURL!).origin))];
      for (const href of internal) {
        const url = new URL(href);
        expect(url.pathname.startsWith(new URL(baseURL!).pathname), `${href} stays under the base`).toBe(true);
        const target = url.pathname === new URL(here).pathname ? await page.content() : await (async () => {
          const res = await request.get(url.origin + url.pathname);
          expect(res.status(), `${href} from ${path}`).toBe(200);
          return res.text();
        })();
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
