import { test as base, expect, type Page } from '@playwright/test';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findPython } from '../scripts/find-python';

/** Every page of the built site, as paths relative to the base ('en/overview/'). */
export function builtPages(dir = 'dist'): string[] {
  const pages: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        if (name !== 'pagefind' && name !== '_astro') walk(p);
      } else if (name === 'index.html') {
        pages.push(relative(dir, d).split('\\').join('/') + '/');
      }
    }
  };
  walk(dir);
  return pages.map((p) => (p === '/' ? '' : p)).sort();
}

/** The chapters and the glossary of both languages; not the doctor, a tool page with its own spec (doctor.spec.ts). */
export const chapterPages = () => builtPages().filter((p) => /^(en|zh)\/[^/]+\/$/.test(p) && !p.endsWith('/doctor/'));

type Watch = { consoleErrors: string[]; foreignRequests: string[] };

/**
 * A page that records console errors and any request leaving the site's origin
 * (readers in mainland China cannot reach third-party CDNs).
 */
export const test = base.extend<{ watch: Watch }>({
  watch: async ({ page, baseURL }, use) => {
    const origin = new URL(baseURL!).origin;
    const watch: Watch = { consoleErrors: [], foreignRequests: [] };
    page.on('console', (msg) => {
      if (msg.type() === 'error') watch.consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => watch.consoleErrors.push(String(err)));
    page.on('request', (req) => {
      const url = req.url();
      if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin) {
        watch.foreignRequests.push(url);
      }
    });
    await use(watch);
  },
});

export { expect };

export async function idsOn(page: Page): Promise<Set<string>> {
  return new Set(await page.$$eval('[id]', (els) => els.map((e) => e.id)));
}

/** The numbers a chart's data table holds in one column (exact values from data-value; NaN for an empty cell). */
export async function column(page: Page, series: string, col: number): Promise<number[]> {
  return page.locator(`table[data-series="${series}"] tbody tr`).evaluateAll(
    (rows, c) => rows.map((r) => {
      const v = (r.children[c] as HTMLElement).dataset['value'];
      return v === undefined || v === '' ? NaN : Number(v);
    }),
    col,
  );
}

/** The Python the reproduction scripts run with (scripts/find-python.ts); CI installs Debian's python3-torch. */
export function python(): string {
  const py = findPython();
  if (!py) throw new Error('no Python with torch and numpy: apt-get install python3-torch python3-numpy');
  return py;
}
