// The synthetic draw part of `npm run bench` (--only=draw): bench/draw/page.ts, bundled with
// esbuild into bench-results/draw/, served on a free port; each scenario (a widget's charts,
// two runs, data growing ten times a second) in a fresh page at each width.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { quantile, ROOT, serve, withTimeout } from './util.mjs';

export const DRAW_SCENARIOS = ['gradient-flow', 'saturation', 'explosion'];

const PAGE_HTML = `<!doctype html>
<meta charset="utf-8"><title>Gradient Clinic draw bench</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="/charts.css">
<body style="margin:8px;font-family:system-ui,sans-serif">
<script type="module" src="/page.js"></script>
`;

async function buildPage(outDir) {
  const esbuild = await import('esbuild');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ['bench/draw/page.ts', 'src/charts/charts.css'],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir: outDir,
    entryNames: '[name]',
    logLevel: 'warning',
  });
  writeFileSync(join(outDir, 'index.html'), PAGE_HTML);
}

/** p50 / p95 / max of a list of ms. */
export const summary = (xs) => ({ n: xs.length, p50: quantile(xs, 0.5), p95: quantile(xs, 0.95), max: xs.length ? Math.max(...xs) : NaN });

/**
 * Runs every scenario at every width; returns rows
 * { scenario, width, ticks, charts: { [chart]: summary }, draw: summary, longTasks, error? }.
 */
export async function runDrawBench(browser, { widths = [720, 358], stepsPerTick = 4, log } = {}) {
  const outDir = join(ROOT, 'bench-results/draw');
  await buildPage(outDir);
  const server = await serve(outDir);
  const rows = [];
  try {
    for (const width of widths) {
      for (const scenario of DRAW_SCENARIOS) {
        log?.(`  draw: ${scenario} at ${width} px …`);
        const context = await browser.newContext({ viewport: { width: width + 16, height: 900 } });
        const page = await context.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        try {
          await page.goto(`${server.url}?scenario=${scenario}&width=${width}&steps=${stepsPerTick}`);
          await withTimeout(
            page.waitForFunction(() => window.__drawBench, null, { timeout: 0, polling: 200 }),
            60_000,
            `draw bench ${scenario}${errors.length ? ` (${errors.join('; ')})` : ''}`,
          );
          const r = await page.evaluate(() => window.__drawBench);
          const charts = Object.fromEntries(Object.entries(r.samples).filter(([k]) => k !== 'task').map(([k, xs]) => [k, summary(xs)]));
          rows.push({
            scenario, width, ticks: r.ticks, charts, draw: summary(r.samples.task ?? []), longTasks: r.longTasks,
            ...(r.error || errors.length ? { error: r.error ?? errors.join('; ') } : {}),
          });
        } catch (error) {
          rows.push({ scenario, width, ok: false, error: String(error.message ?? error), charts: {}, draw: summary([]), longTasks: [] });
        } finally {
          await context.close();
        }
      }
    }
  } finally {
    await server.stop();
  }
  return rows;
}
