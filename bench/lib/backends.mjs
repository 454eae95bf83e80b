// Parts 1 and 2 of `npm run bench`: each workload — the reference workload (dense, DESIGN.md)
// and the recurrent reference workload (LSTM, issue 9) — on every tfjs backend that starts in
// this browser, and the same network as plain-JS loops, each in its own Web Worker.
//
// Paired timing: the plain-JS workers live through the whole run, and while a backend is
// measured, batches of its steps alternate with batches of plain-JS steps. Each backend's
// ratio is taken against the plain-JS steps interleaved with its own, so a machine that gets
// busier or quieter during the run (two cores, shared) moves both sides of a ratio alike.
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, quantile, ROOT, serve, withTimeout } from './util.mjs';

const WASM_DIR = join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];

/** The harness page: one worker per subject id; `benchCall(id, msg)` answers the worker's reply. */
const HARNESS_HTML = `<!doctype html>
<meta charset="utf-8"><title>Gradient Clinic bench harness</title><link rel="icon" href="data:,">
<p>Gradient Clinic bench harness</p>
<script type="module">
const workers = new Map();
window.benchCall = (id, msg) => new Promise((resolve) => {
  let w = workers.get(id);
  if (!w) {
    w = new Worker('/worker.js', { type: 'module', name: id });
    workers.set(id, w);
  }
  w.onmessage = (e) => resolve(e.data);
  w.onerror = (e) => resolve({ type: 'error', message: e.message || 'worker failed to load' });
  w.postMessage(msg);
});
window.benchEnd = (id) => {
  workers.get(id)?.terminate();
  workers.delete(id);
};
</script>
`;

/** Bundles bench/harness/worker.ts (ESM, browser, code-split) with the .wasm files and the page into `outDir`. */
export async function buildHarness(outDir) {
  const esbuild = await import('esbuild');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'wasm'), { recursive: true });
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ['bench/harness/worker.ts'],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir: outDir,
    logLevel: 'warning',
  });
  for (const f of readdirSync(WASM_DIR).filter((f) => f.endsWith('.wasm'))) copyFileSync(join(WASM_DIR, f), join(outDir, 'wasm', f));
  writeFileSync(join(outDir, 'index.html'), HARNESS_HTML);
}

/**
 * Warm-up, untimed: at least 20 steps and 1.5 s (the JIT tiers up tfjs' and the loops' JS over the
 * first few hundred steps), at most 300 steps or 5 s (slow backends: software WebGPU, cpu).
 */
const WARMUP = { minSteps: 20, minMs: 1_500, maxSteps: 300, maxMs: 5_000 };

/** Per-step times from performance.now() in the harness's workers (cross-origin isolated: 5 µs ticks, not 0.1 ms). */
const stats = (samples) => ({
  medianMs: median(samples),
  meanMs: samples.reduce((s, x) => s + x, 0) / samples.length,
  p10Ms: quantile(samples, 0.1),
  p90Ms: quantile(samples, 0.9),
  steps: samples.length,
});

/** Largest relative difference between two lists of per-layer norms. */
function maxRelDiff(a, b) {
  if (!a || !b || a.length !== b.length) return null;
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]) / Math.max(Math.abs(b[i]), 1e-30)));
}

/**
 * Per workload: the subjects' `workload`, timed steps per backend, steps per interleaved batch
 * (an LSTM step costs ~10× a dense one: smaller batches keep the pairs close in time).
 */
export const WORKLOADS = {
  reference: { steps: 200, batch: 20 },
  recurrent: { steps: 100, batch: 5 },
};

/**
 * opts: { backends: string[], workloads (default both: 'reference', 'recurrent'),
 *         capMs (per backend and workload: start + warm-up + timed), log }
 * Returns { [workload]: { plainJs, plainJsSimple, backends, isolated, samples }, consoleErrors, isolated }.
 */
export async function runBackends(browser, opts) {
  const { backends, workloads = Object.keys(WORKLOADS), capMs = 20_000, log } = opts;
  const outDir = join(ROOT, 'bench-results/harness');
  await buildHarness(outDir);
  const server = await serve(outDir, { isolate: true });
  const context = await browser.newContext();
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  const call = async (id, msg, timeoutMs = capMs + 60_000) => {
    const reply = await withTimeout(page.evaluate(([id, msg]) => window.benchCall(id, msg), [id, msg]), timeoutMs, `${id} ${msg.type}`);
    if (reply.type === 'error') throw new Error(reply.message);
    return reply;
  };
  const end = (id) => page.evaluate((id) => window.benchEnd(id), id);
  const wasmPaths = Object.fromEntries(WASM_FILES.map((f) => [f, `${server.url}wasm/${f}`]));

  try {
    await page.goto(server.url);
    await page.waitForFunction(() => typeof window.benchCall === 'function');
    const out = { consoleErrors };
    for (const workload of workloads) {
      if (!WORKLOADS[workload]) throw new Error(`unknown workload ${workload} (${Object.keys(WORKLOADS).join(', ')})`);
      log?.(` ${workload} workload:`);
      out[workload] = await measureWorkload({ call, end, wasmPaths, workload, backends, capMs, ...WORKLOADS[workload], log });
    }
    out.isolated = Object.values(out).some((w) => w?.isolated);
    return out;
  } finally {
    await context.close();
    await server.stop();
  }
}

/** One workload: its plain-JS subjects live through the backends' runs, each backend's batches interleaved with theirs. */
async function measureWorkload({ call, end, wasmPaths, workload, backends, capMs, steps, batch, log }) {
  // The two plain-JS subjects: started and warmed up once, then stepped between the backends' batches.
  const plain = {};
  for (const variant of ['blocked', 'simple']) {
    const id = `${workload}-plain-${variant}`;
    const ready = await call(id, { type: 'init', subject: { kind: 'plain', workload, variant, seed: 1 } });
    const warm = await call(id, { type: 'run', ...WARMUP });
    plain[variant] = { id, ready, first: warm.first, all: [] };
  }
  const plainBatch = async (variant, into) => {
    const r = await call(plain[variant].id, { type: 'run', maxSteps: batch, minSteps: batch, minMs: 0, maxMs: 60_000 });
    plain[variant].all.push(...r.samples);
    into.push(...r.samples);
  };

  const rows = [];
  for (const backend of backends) {
    log?.(`  ${backend} …`);
    const id = `${workload}-tfjs-${backend}`;
    const t0 = Date.now();
    const row = { name: backend, ok: false };
    const paired = { blocked: [], simple: [] };
    try {
      const ready = await call(id, { type: 'init', subject: { kind: 'tfjs', workload, backend, wasmPaths, seed: 1 } });
      const { type: _type, backend: _backend, ...info } = ready;
      Object.assign(row, info);
      const warm = await call(id, { type: 'run', ...WARMUP });
      row.firstStepMs = warm.samples[0];
      row.warmupSteps = warm.samples.length;
      row.firstLoss = warm.first?.loss;
      row.firstNorms = warm.first?.norms;
      const samples = [];
      // Timed, interleaved: plain JS batch · backend batch · simple-loops batch, until `steps` or the cap.
      while (samples.length < steps && (samples.length < 5 || Date.now() - t0 < capMs)) {
        await plainBatch('blocked', paired.blocked);
        const left = Math.max(1, capMs - (Date.now() - t0));
        const n = Math.min(batch, steps - samples.length);
        const r = await call(id, { type: 'run', maxSteps: n, minSteps: n, minMs: 0, maxMs: Math.min(1_000, left) });
        samples.push(...r.samples);
        row.lastLoss = r.loss;
        await plainBatch('simple', paired.simple);
      }
      const disposed = await call(id, { type: 'dispose' });
      Object.assign(row, stats(samples), { ok: true, samples, tensorsAfterDispose: disposed.tensors });
      const pb = median(paired.blocked);
      const ps = median(paired.simple);
      row.pairedPlainJsMs = pb;
      row.pairedPlainJsSimpleMs = ps;
      row.ratioToPlainJs = row.medianMs / pb;
      row.ratioToPlainJsSimple = row.medianMs / ps;
      row.firstNormsMaxRelDiffVsPlainJs = maxRelDiff(row.firstNorms, plain.blocked.first?.norms);
      log?.(`    ${row.medianMs.toFixed(2)} ms/step over ${samples.length} steps; plain JS alongside ${pb.toFixed(2)} → ratio ${row.ratioToPlainJs.toFixed(2)} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (error) {
      row.error = String(error?.message ?? error);
      log?.(`    did not run: ${row.error}`);
    } finally {
      await end(id).catch(() => {});
    }
    row.totalMs = Date.now() - t0;
    rows.push(row);
  }
  // Without any backend to pair with, still time the plain loops.
  if (!plain.blocked.all.length) {
    for (let i = 0; i < 10; i++) {
      await plainBatch('blocked', []);
      await plainBatch('simple', []);
    }
  }

  const plainRow = (variant, name) => {
    const p = plain[variant];
    return { name, ok: true, ...stats(p.all), startMs: p.ready.startMs, firstLoss: p.first?.loss, firstNorms: p.first?.norms };
  };
  const plainJs = plainRow('blocked', 'plain-js');
  const plainJsSimple = plainRow('simple', 'plain-js-simple');
  plainJsSimple.firstNormsMaxRelDiffVsPlainJs = maxRelDiff(plainJsSimple.firstNorms, plainJs.firstNorms);
  for (const variant of ['blocked', 'simple']) await end(plain[variant].id);
  return { plainJs, plainJsSimple, backends: rows, isolated: Boolean(plain.blocked.ready.isolated), samples: { plainJs: plain.blocked.all, plainJsSimple: plain.simple.all } };
}
