#!/usr/bin/env node
// Screenshots of pages as readers see them: both widths, both themes.
// Usage: node scripts/screenshots.mjs <base-url> <out-dir> <path>... [--full] [--wait=ms]
import { chromium } from '@playwright/test';
import { existsSync, mkdirSync } from 'node:fs';

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const [baseUrl, outDir, ...paths] = args.filter((a) => !a.startsWith('--'));
const waitArg = [...flags].find((f) => f.startsWith('--wait='));
const wait = waitArg ? Number(waitArg.split('=')[1]) : 300;
mkdirSync(outDir, { recursive: true });

const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
for (const path of paths) {
  for (const [width, height] of [[1280, 900], [390, 844]]) {
    for (const scheme of ['light', 'dark']) {
      const page = await browser.newPage({ viewport: { width, height }, colorScheme: scheme, deviceScaleFactor: 1 });
      await page.goto(new URL(path, baseUrl).href, { waitUntil: 'load' });
      await page.waitForTimeout(wait);
      const name = `${path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'root'}-${width}-${scheme}.png`;
      await page.screenshot({ path: `${outDir}/${name}`, fullPage: flags.has('--full') });
      await page.close();
    }
  }
}
await browser.close();
