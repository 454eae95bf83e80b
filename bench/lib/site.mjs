// Parts 3 and 4 of `npm run bench`, on the built site (dist/, or --dist=<dir>):
// per widget, training two runs, the time of each view draw and the main-thread long tasks;
// and the JavaScript a chapter loads.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { summary } from './draw.mjs';
import { gzipBytes, recordLongTasks, ROOT } from './util.mjs';

/**
 * The widgets and the URL that makes each one train all its runs to the end of its session
 * (gradient-flow compares by default; at their defaults explosion's run A and clipping's
 * unclipped run blow up around step 23, at a tenth of the learning rate none does),
 * or, with `until`, up to that step (lstm: its longest sequences, T = 100, whose 1 000 steps
 * would take minutes a session; regularization: 3 000 steps of three runs; pretraining: 25 autoencoder
 * steps per layer, then 400 steps of both runs).
 */
export const WIDGETS = [
  { id: 'gradient-flow', path: 'en/overview/', query: '' },
  { id: 'saturation', path: 'en/vanishing-gradients/', query: 'saturation.compare=true' },
  { id: 'explosion', path: 'en/exploding-gradients/', query: 'explosion.lr=0.1' },
  { id: 'clipping', path: 'en/gradient-clipping/', query: 'clipping.lr=0.1' },
  { id: 'initialization', path: 'en/initialization/', query: '' },
  { id: 'residual', path: 'en/residual-connections/', query: '' },
  { id: 'activation', path: 'en/activation-functions/', query: '' },
  { id: 'batchnorm', path: 'en/batch-normalization/', query: '' },
  { id: 'lstm', path: 'en/lstm/', query: 'lstm.length=100', until: 150 },
  { id: 'regularization', path: 'en/weight-regularization/', query: '', until: 400 },
  { id: 'pretraining', path: 'en/pretraining/', query: 'pretraining.aeSteps=25', until: 600 },
];

const WIDGET_QUERY = Object.fromEntries(WIDGETS.map((w) => [w.path.split('/')[1], w.query]));

/** Chapter pages of the build: <lang>/<slug>/, both languages. */
export function chapterPages(dir = join(ROOT, 'dist')) {
  const pages = [];
  for (const lang of readdirSync(dir, { withFileTypes: true })) {
    if (!lang.isDirectory() || !/^[a-z]{2}(-[a-z]+)?$/i.test(lang.name)) continue;
    for (const slug of readdirSync(join(dir, lang.name), { withFileTypes: true })) {
      // the doctor is a tool page, measured on its own (bench/lib/doctor.mjs)
      if (slug.name === 'doctor') continue;
      if (slug.isDirectory() && readdirSync(join(dir, lang.name, slug.name)).includes('index.html')) pages.push(`${lang.name}/${slug.name}/`);
    }
  }
  // Chapter order (the widgets' order) first, then anything else alphabetically; en before zh.
  const rank = (p) => {
    const i = WIDGETS.findIndex((w) => w.path.split('/')[1] === p.split('/')[1]);
    return i === -1 ? WIDGETS.length : i;
  };
  return pages.sort((a, b) => a.split('/')[0].localeCompare(b.split('/')[0]) || rank(a) - rank(b) || a.localeCompare(b));
}

const withQuery = (path, ...parts) => {
  const q = parts.filter(Boolean).join('&');
  return q ? `${path}?${q}` : path;
};

/** Widget root attributes (the contract of DESIGN.md). */
const widgetState = (page) =>
  page.evaluate(() => {
    const el = document.querySelector('figure[data-widget]');
    return el
      ? { id: el.getAttribute('data-widget'), status: el.getAttribute('data-status'), backend: el.getAttribute('data-backend'), step: Number(el.getAttribute('data-step') ?? -1) }
      : null;
  });

/**
 * Polls until the widget's data-step ≥ `step`; gives up after `timeoutMs`, or 2 s after the
 * widget stopped (done, diverged, error) below it: data-status can turn 'done' a few frames
 * before data-step shows the last steps. Returns the last state and whether the step was reached.
 */
async function waitForStep(page, step, timeoutMs) {
  const t0 = Date.now();
  let state = null;
  let stoppedAt = null;
  while (Date.now() - t0 < timeoutMs) {
    state = await widgetState(page);
    if (state && state.step >= step) return { reached: true, state, waitedMs: Date.now() - t0 };
    if (state && ['done', 'diverged', 'error'].includes(state.status)) {
      stoppedAt ??= Date.now();
      if (Date.now() - stoppedAt > 2_000) break;
    }
    await page.waitForTimeout(50);
  }
  return { reached: false, state, waitedMs: Date.now() - t0 };
}

/**
 * Resolves when the widget has stopped (done, diverged, error), or drawn step `until` when given,
 * from a MutationObserver in the page: no polling evaluate competes with the draws being timed.
 * Gives up after `timeoutMs`.
 */
async function waitForEnd(page, timeoutMs, until = Infinity) {
  const status = await page.evaluate(
    ([ms, last]) =>
      new Promise((resolve) => {
        const el = document.querySelector('figure[data-widget]');
        const stopped = () =>
          ['done', 'diverged', 'error'].includes(el.getAttribute('data-status') ?? '') || Number(el.getAttribute('data-step')) >= last;
        if (stopped()) return resolve(el.getAttribute('data-status'));
        const obs = new MutationObserver(() => {
          if (!stopped()) return;
          obs.disconnect();
          clearTimeout(timer);
          resolve(el.getAttribute('data-status'));
        });
        const timer = setTimeout(() => (obs.disconnect(), resolve(null)), ms);
        obs.observe(el, { attributes: true, attributeFilter: ['data-status', 'data-step'] });
      }),
    [timeoutMs, until],
  );
  const state = await widgetState(page);
  return { reached: status !== null && status !== 'error', state };
}

/** Sessions per widget: their draws are pooled, so p95 is not just the third-slowest of ~50 draws. */
export const SESSIONS = 3;

/**
 * One session of a widget in a fresh context: from step 20 (the steps before are the warm-up:
 * charts built, backend compiled) to the end of its session, the duration of every view draw
 * (`performance.measure('draw:<widget>')`, made by the widget bindings) and the main-thread
 * long tasks (> 50 ms).
 */
async function measureSession(browser, url, id, until) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await recordLongTasks(page);
    await page.goto(url, { waitUntil: 'load' });
    await page.locator('figure[data-widget]').first().scrollIntoViewIfNeeded();
    const warm = await waitForStep(page, 20, 60_000);
    if (!warm.reached) return { ok: false, error: `data-step stayed below 20 (status ${warm.state?.status}, step ${warm.state?.step})`, errors };
    const from = await page.evaluate(() => {
      window.__benchLongTasks.length = 0;
      return { t: performance.now(), step: Number(document.querySelector('figure[data-widget]').getAttribute('data-step')) };
    });
    const done = await waitForEnd(page, 240_000, until);
    const { tasks, draws, runs, to } = await page.evaluate(
      ({ id, t0 }) => ({
        // An observer hands entries over later than they end: one that ended before the window
        // opened can arrive after the store was cleared. Only tasks that reach into the window count.
        tasks: window.__benchLongTasks.filter((t) => t.start + t.duration >= t0),
        draws: performance
          .getEntriesByType('measure')
          .filter((m) => m.name === `draw:${id}` && m.startTime >= t0)
          .map((m) => m.duration),
        runs: document.querySelectorAll('figure[data-widget] [data-run][data-status]').length,
        to: performance.now(),
      }),
      { id, t0: from.t },
    );
    return {
      ok: done.reached,
      ...(done.reached ? {} : { error: `the session did not end (status ${done.state?.status}, step ${done.state?.step})` }),
      backend: done.state?.backend ?? null,
      runs,
      fromStep: from.step,
      toStep: done.state?.step ?? null,
      windowMs: Math.round(to - from.t),
      draws,
      tasks: tasks.map((t) => ({ duration: Math.round(t.duration), start: Math.round(t.start - from.t) })),
      errors,
    };
  } catch (error) {
    return { ok: false, error: String(error.message ?? error), errors };
  } finally {
    await context.close();
  }
}

/**
 * Part 3: each widget training two runs, {@link SESSIONS} sessions, each in a fresh context;
 * the draw times of all its sessions pooled, its long tasks counted over all of them.
 */
export async function measureWidgetDraws(browser, baseUrl, log, sessions = SESSIONS, ids = null) {
  const rows = [];
  for (const w of WIDGETS.filter((w) => !ids || ids.includes(w.id))) {
    const url = baseUrl + withQuery(w.path, 'backend=wasm', w.query);
    const runs = [];
    for (let i = 0; i < sessions; i++) {
      log?.(`  widget draws: ${w.id}, session ${i + 1} of ${sessions} …`);
      runs.push(await measureSession(browser, url, w.id, w.until));
    }
    const failed = runs.find((r) => !r.ok);
    const tasks = runs.flatMap((r, i) => (r.tasks ?? []).map((t) => ({ ...t, session: i + 1 })));
    rows.push({
      widget: w.id,
      url,
      ok: !failed,
      ...(failed ? { error: failed.error } : {}),
      sessions: runs.length,
      backend: runs[0]?.backend ?? null,
      runs: Math.min(...runs.map((r) => r.runs ?? 0)),
      fromStep: Math.min(...runs.map((r) => r.fromStep ?? Infinity)),
      toStep: Math.max(...runs.map((r) => r.toStep ?? -1)),
      windowMs: runs.reduce((s, r) => s + (r.windowMs ?? 0), 0),
      draw: summary(runs.flatMap((r) => r.draws ?? [])),
      /** each session's own p95: how far one session's figure moves */
      sessionP95: runs.map((r) => summary(r.draws ?? []).p95),
      longTasks: tasks.length,
      longestMs: tasks.length ? Math.max(...tasks.map((t) => t.duration)) : 0,
      durationsMs: tasks.map((t) => t.duration),
      /** when each long task started: `session:ms after its window opened` (at step ≥ 20) */
      startsMs: tasks.map((t) => `${t.session}:${t.start}`),
      errors: runs.flatMap((r) => r.errors ?? []),
    });
  }
  return rows;
}

const JS_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript']);

/** Records every response of the page (worker requests included: Playwright reports them on the page). */
function recordResponses(page, origin) {
  const seen = new Map();
  page.on('response', (response) => {
    const url = response.url();
    if (seen.has(url) || url.startsWith('data:') || url.startsWith('blob:')) return;
    const type = response.headers()['content-type'] ?? '';
    const path = new URL(url).pathname;
    const kind = /javascript/.test(type) || /\.m?js$/.test(path) ? 'js' : /wasm/.test(type) || path.endsWith('.wasm') ? 'wasm' : null;
    if (!kind) return;
    const entry = { url, path, kind, resourceType: response.request().resourceType(), foreign: new URL(url).origin !== origin, body: null };
    seen.set(url, entry);
    entry.body = response.body().catch(() => fetch(url).then(async (r) => Buffer.from(await r.arrayBuffer())));
  });
  return seen;
}

async function snapshot(seen, inline) {
  const files = [];
  for (const e of seen.values()) {
    const body = await e.body;
    files.push({ path: e.path, kind: e.kind, resourceType: e.resourceType, foreign: e.foreign, bytes: body.length, gzip: gzipBytes(body) });
  }
  files.sort((a, b) => b.gzip - a.gzip);
  const inlineGzip = inline.reduce((s, t) => s + gzipBytes(Buffer.from(t)), 0);
  const js = files.filter((f) => f.kind === 'js');
  const wasm = files.filter((f) => f.kind === 'wasm');
  return {
    jsGzip: js.reduce((s, f) => s + f.gzip, 0) + inlineGzip,
    jsBytes: js.reduce((s, f) => s + f.bytes, 0) + inline.reduce((s, t) => s + Buffer.byteLength(t), 0),
    externalJsGzip: js.reduce((s, f) => s + f.gzip, 0),
    inlineScripts: inline.length,
    inlineGzip,
    wasmBytes: wasm.reduce((s, f) => s + f.bytes, 0),
    wasmGzip: wasm.reduce((s, f) => s + f.gzip, 0),
    files,
  };
}

const inlineScripts = (page) =>
  page.$$eval('script:not([src])', (els, types) => els.filter((e) => types.includes((e.getAttribute('type') ?? '').trim().toLowerCase())).map((e) => e.textContent ?? ''), [...JS_TYPES]);

/**
 * Part 4: gzip bytes of JavaScript (external, workers included, and inline) a page loads
 * (a) at the top, after network idle, without scrolling; (b) once its widget has trained
 * 20 steps; .wasm separately. `backend` forces `?backend=` (null: the page's own choice).
 */
export async function measurePageBytes(browser, baseUrl, path, backend, log) {
  const url = baseUrl + withQuery(path, backend ? `backend=${backend}` : '', WIDGET_QUERY[path.split('/')[1]] ?? '');
  log?.(`  bytes: ${url.slice(baseUrl.length)} …`);
  const context = await browser.newContext();
  const page = await context.newPage();
  const seen = recordResponses(page, new URL(baseUrl).origin);
  try {
    await page.goto(url, { waitUntil: 'networkidle' });
    const before = await snapshot(seen, await inlineScripts(page));
    const beforeState = await widgetState(page);
    const row = { page: path, url, backendForced: backend, before: { ...before, widgetStatus: beforeState?.status ?? null } };
    if (!beforeState) return { ...row, after: null, note: 'no widget on this page' };
    await page.locator('figure[data-widget]').first().scrollIntoViewIfNeeded();
    const trained = await waitForStep(page, 20, backend === 'webgpu' || backend === 'cpu' || backend === 'webgl' ? 90_000 : 60_000);
    // Let late chunks land (the charts, a second wasm flavour) before counting.
    await page.waitForLoadState('networkidle').catch(() => {});
    await page.waitForTimeout(300);
    const after = await snapshot(seen, await inlineScripts(page));
    return {
      ...row,
      after: { ...after, widget: trained.state, reachedStep20: trained.reached },
      widgetDelta: { jsGzip: after.jsGzip - before.jsGzip, wasmBytes: after.wasmBytes - before.wasmBytes },
    };
  } finally {
    await context.close();
  }
}

/**
 * Part 5: a chapter's HTML as built, and the part of it that is the widget's build-time figures
 * (its `[data-static]` svgs, tables and readouts: src/figures/), in bytes and gzip.
 */
export async function measureHtmlWeight(dist, path) {
  const html = readFileSync(join(dist, path, 'index.html'), 'utf8');
  const { Window } = await import('happy-dom');
  const window = new Window();
  const doc = new window.DOMParser().parseFromString(html, 'text/html');
  const figures = [...doc.querySelectorAll('[data-static]')].map((e) => e.outerHTML).join('');
  await window.happyDOM.close();
  return { page: path, html: Buffer.byteLength(html), htmlGzip: gzipBytes(Buffer.from(html)), figures: Buffer.byteLength(figures), figuresGzip: gzipBytes(Buffer.from(figures)) };
}
