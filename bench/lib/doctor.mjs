// The gradient doctor on a big log (issue 13): a synthetic CSV of `rows` rows (names × steps, a
// vanishing pattern with the loss on each step's first row), chosen with the file input of the
// built doctor page. Measured: the main thread's long tasks from the moment the file is given
// until the charts are drawn, the progress updates the page showed, the time to the verdict,
// the page's JS heap after it, and the bytes of the parsed columns in the worker.
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { recordLongTasks, ROOT, withTimeout } from './util.mjs';

/** Writes the log once (same rows → same file) and returns its path. */
async function bigLog(rows, names) {
  const file = join(ROOT, 'bench-results', `doctor-${rows}.csv`);
  if (existsSync(file) && statSync(file).size > rows * 20) return file;
  const out = createWriteStream(file);
  const write = async (s) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write('step,name,grad_norm,weight_norm,loss\n');
  const steps = Math.ceil(rows / names);
  let n = 0;
  for (let step = 0; step < steps && n < rows; step++) {
    let chunk = '';
    for (let layer = 0; layer < names && n < rows; layer++, n++) {
      // Each layer 10× below the next: layer 0 is 10^-(names-1)… of the last at every step.
      const g = Math.pow(10, -(names - 1 - layer) / 4) * (1 + 0.1 * Math.sin(step + layer));
      chunk += `${step},layer${layer}.weight,${g.toPrecision(7)},${(5 + layer / 10).toFixed(3)},${layer === 0 ? (2 / (1 + step / 1000)).toPrecision(6) : ''}\n`;
    }
    await write(chunk);
  }
  out.end();
  await once(out, 'finish');
  return file;
}

export async function measureDoctor(browser, baseUrl, { rows = 1_000_000, names = 50, log } = {}) {
  const file = await bigLog(rows, names);
  const bytes = statSync(file).size;
  log?.(`  ${rows} rows (${(bytes / 2 ** 20).toFixed(1)} MiB) → en/doctor/ …`);
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await recordLongTasks(page);
    await page.goto(`${baseUrl}en/doctor/`, { waitUntil: 'load' });
    await page.locator('[data-doctor][data-ready="true"]').waitFor();
    // The page settled (its fonts in, the main thread idle), as it is when a reader picks a file:
    // what is timed is the reading, not the page's own load.
    await page.evaluate(() => document.fonts.ready.then(() => new Promise((ok) => requestIdleCallback(ok))));
    await page.evaluate(() => {
      window.__benchLongTasks.length = 0;
      // The status line's text changes with each progress paint ("Reading: 123,456 rows").
      window.__benchProgress = 0;
      const status = document.querySelector('[data-role="status"]');
      new MutationObserver(() => window.__benchProgress++).observe(status, { childList: true, characterData: true, subtree: true });
      window.__benchT0 = performance.now();
    });
    await page.locator('#doctor-file').setInputFiles(file);
    await withTimeout(page.locator('[data-doctor][data-status="done"][data-drawn]').waitFor({ timeout: 0 }), 300_000, 'the doctor’s verdict');
    // The charts draw after the verdict's text: wait for the heatmap's table.
    await page.locator('[data-chart="loss"] table[data-series]').waitFor({ state: 'attached' });
    const r = await page.evaluate(() => ({
      ms: performance.now() - window.__benchT0,
      longTasks: window.__benchLongTasks.map((t) => t.duration),
      longTaskStarts: window.__benchLongTasks.map((t) => t.start - window.__benchT0),
      marks: performance.getEntriesByType('measure').filter((m) => m.name.startsWith('doctor:')).map((m) => [m.name, m.startTime - window.__benchT0, m.duration]),
      progressUpdates: window.__benchProgress,
      verdict: [...document.querySelectorAll('.finding')].map((f) => f.dataset.finding),
      columnBytes: Number(document.querySelector('[data-doctor]').dataset.columnBytes),
      status: document.querySelector('[data-role="status"]').textContent,
      charts: Object.fromEntries(performance.getEntriesByType('measure').filter((m) => m.name.startsWith('doctor:')).map((m) => [m.name.slice(7), m.duration])),
    }));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
    return { ok: true, rows, names, fileBytes: bytes, ...r, pageHeapBytes: heap, errors };
  } catch (e) {
    return { ok: false, rows, error: String(e), errors };
  } finally {
    await context.close();
  }
}
