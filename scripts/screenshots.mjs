#!/usr/bin/env node
// Screenshots as readers see them: 1280 and 390 px wide, light and dark. For a page with
// a live widget, also the widget itself mid-training (after --steps=N steps, default 120; with
// --pause, paused there, so that a tall widget is not captured while it redraws).
// Usage: node scripts/screenshots.mjs <base-url> <out-dir> <path>... [--full] [--steps=N] [--pause]
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { executablePath } from './chromium.ts';

const args = process.argv.slice(2);
const flag = (name) => args.find((a) => a.startsWith(`--${name}`));
const [baseUrl, outDir, ...paths] = args.filter((a) => !a.startsWith('--'));
const steps = Number(flag('steps=')?.split('=')[1] ?? 120);
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({ executablePath });
for (const path of paths) {
  for (const [width, height] of [[1280, 900], [390, 844]]) {
    for (const scheme of ['light', 'dark']) {
      const page = await browser.newPage({ viewport: { width, height }, colorScheme: scheme });
      await page.goto(new URL(path, baseUrl).href, { waitUntil: 'networkidle' });
      const name = `${path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'root'}-${width}-${scheme}`;
      await page.screenshot({ path: `${outDir}/${name}.png`, fullPage: Boolean(flag('full')) });
      const widget = page.locator('figure[data-widget]').first();
      if (await widget.count()) {
        await widget.scrollIntoViewIfNeeded();
        await page
          .waitForFunction(
            ([n]) => {
              const w = document.querySelector('figure[data-widget]');
              return Number(w?.dataset.step) >= n || ['done', 'diverged', 'error'].includes(w?.dataset.status ?? '');
            },
            [steps],
            { timeout: 60_000 },
          )
          .catch(() => {});
        if (flag('pause') && (await widget.getAttribute('data-status')) === 'running') {
          await widget.locator('[data-action="play"]').click();
          await page.waitForFunction(() => document.querySelector('figure[data-widget]')?.dataset.status === 'paused', null, { timeout: 30_000 });
        }
        await page.waitForTimeout(400);
        // The sticky site header would be painted over the top of a crop taller than the viewport.
        await page.addStyleTag({ content: '.site-header { position: static !important; }' });
        await widget.screenshot({ path: `${outDir}/${name}-widget.png` });
      }
      await page.close();
    }
  }
}
await browser.close();
