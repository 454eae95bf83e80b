#!/usr/bin/env node
// `npm run bench`: the budgets of DESIGN.md, measured in headless Chromium (drawing in one
// launched without the software-GPU flags: see bench/lib/util.mjs).
//   1. the reference workload (dense) and the recurrent reference workload (LSTM) on every
//      tfjs backend that starts (each in a Web Worker),
//   2. the same networks as plain-JS loops (bench/plain-mlp.ts, bench/plain-lstm.ts), same
//      browser, in workers too, their steps interleaved with each backend's (paired ratios),
//   3. per widget, training with two runs (built site, ?backend=wasm), three sessions: each
//      view draw's time (the page's `draw:<widget>` performance measures) and the main-thread
//      long tasks,
//   4. the JavaScript a chapter loads before its widget is near and once it has trained,
//   5. the synthetic draw bench (bench/draw/): each widget's charts, two runs, fed growing
//      synthetic data ten times a second; time per update and long tasks, no training.
//   6. the gradient doctor reading a 1 000 000-row log (bench/lib/doctor.mjs): long tasks,
//      progress shown, time to the verdict, memory.
// Prints a table and writes bench-results/bench.json. A measurement, not a test: exits 0
// even when a budget fails (and says FAIL); non-zero only when it cannot measure at all.
//
// Usage: node scripts/bench.mjs [--build] [--dist=dist] [--only=workload,widgets,bytes,draw,doctor] [--widgets=<id>,…]
//          [--workloads=reference,recurrent] [--backends=webgpu,wasm,webgl,cpu] [--cap=20] [--draw-widths=720,358]
//          [--json=bench-results/bench.json]
import { cpus, loadavg } from 'node:os';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runBackends } from '../bench/lib/backends.mjs';
import { formatReport, BUDGETS } from '../bench/lib/report.mjs';
import { runDrawBench } from '../bench/lib/draw.mjs';
import { measureDoctor } from '../bench/lib/doctor.mjs';
import { chapterPages, measureHtmlWeight, measureWidgetDraws, measurePageBytes } from '../bench/lib/site.mjs';
import { launchBrowser, ROOT, run, serve } from '../bench/lib/util.mjs';

const { values } = parseArgs({
  options: {
    build: { type: 'boolean', default: false },
    only: { type: 'string', default: 'workload,widgets,bytes,draw,doctor' },
    'doctor-rows': { type: 'string', default: '1000000' },
    widgets: { type: 'string' },
    dist: { type: 'string', default: 'dist' },
    'draw-widths': { type: 'string', default: '720,358' },
    backends: { type: 'string', default: 'wasm,webgl,cpu,webgpu' },
    workloads: { type: 'string', default: 'reference,recurrent' },
    'bytes-backends': { type: 'string', default: 'webgpu,webgl,cpu' },
    cap: { type: 'string', default: '20' },
    json: { type: 'string', default: 'bench-results/bench.json' },
    quiet: { type: 'boolean', default: false },
  },
});
const only = new Set(values.only.split(',').map((s) => s.trim()));
const log = values.quiet ? undefined : (line) => console.error(line);
const t0 = Date.now();
const jsonPath = resolve(ROOT, values.json); // an absolute --json stays absolute

const dist = join(ROOT, values.dist);
const needSite = only.has('widgets') || only.has('bytes') || only.has('doctor');
if (needSite && (values.build || !existsSync(join(dist, 'index.html')))) {
  log?.(`building the site into ${values.dist}/ …`);
  await run('node', ['scripts/build.mjs'], { OUT_DIR: values.dist });
}

const browser = await launchBrowser();
// Drawing is timed without the software GPU, which only the WebGPU backend needs (launchBrowser).
const plainBrowser = only.has('widgets') || only.has('draw') || only.has('doctor') ? await launchBrowser({ softwareGpu: false }) : null;
const result = {
  meta: {
    date: new Date().toISOString(),
    browser: `Chromium ${browser.version()} (headless)`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model?.trim() ?? '?',
    node: process.version,
    loadavgStart: loadavg(),
    distBuilt: existsSync(join(dist, 'index.html')) ? statSync(join(dist, 'index.html')).mtime.toISOString() : null,
    budgets: BUDGETS,
    jsonPath: relative(ROOT, jsonPath),
  },
};

try {
  if (only.has('workload')) {
    log?.('reference workloads, per backend (each in a Web Worker) …');
    const timed = await runBackends(browser, {
      backends: values.backends.split(',').map((s) => s.trim()).filter(Boolean),
      workloads: values.workloads.split(',').map((s) => s.trim()).filter(Boolean),
      capMs: Number(values.cap) * 1000,
      log,
    });
    // `workload` keeps its shape (the dense reference); the LSTM's has the same shape beside it.
    if (timed.reference) result.workload = { ...timed.reference, consoleErrors: timed.consoleErrors };
    if (timed.recurrent) result.recurrentWorkload = { ...timed.recurrent, consoleErrors: timed.consoleErrors };
  }
  if (needSite) {
    const site = await serve(dist);
    try {
      if (only.has('widgets')) {
        log?.('draw times and long tasks while each widget trains two runs …');
        result.widgets = await measureWidgetDraws(plainBrowser, site.url, log, undefined, values.widgets ? values.widgets.split(',') : null);
      }
      if (only.has('bytes')) {
        log?.('JavaScript bytes per chapter page …');
        const rows = [];
        const pages = chapterPages(dist);
        for (const page of pages) rows.push(await measurePageBytes(browser, site.url, page, null, log));
        // Every backend path of one widget: the budget holds "on any backend path".
        const first = pages.includes('en/overview/') ? 'en/overview/' : pages[0];
        for (const backend of values['bytes-backends'].split(',').map((s) => s.trim()).filter(Boolean)) {
          if (first) rows.push(await measurePageBytes(browser, site.url, first, backend, log));
        }
        result.bytes = rows;
        result.html = await Promise.all(pages.map((page) => measureHtmlWeight(dist, page)));
      }
      if (only.has('doctor')) {
        log?.('the gradient doctor reading a big log …');
        result.doctor = await measureDoctor(plainBrowser, site.url, { rows: Number(values['doctor-rows']), log });
      }
    } finally {
      await site.stop();
    }
  }
  if (only.has('draw')) {
    log?.('synthetic draw bench (bench/draw/) …');
    result.draw = await runDrawBench(plainBrowser, { widths: values['draw-widths'].split(',').map(Number).filter((w) => w > 0), log });
  }
} finally {
  await browser.close();
  await plainBrowser?.close();
}

result.meta.totalMs = Date.now() - t0;
result.meta.loadavgEnd = loadavg();
const { text, fails } = formatReport(result);
result.budgetFailures = fails;
mkdirSync(dirname(jsonPath), { recursive: true });
writeFileSync(jsonPath, `${JSON.stringify(result, null, 2)}\n`);
console.log(text);
