/**
 * Thin DOM bindings of one widget: reads the URL and the controls, feeds events to
 * the state machine (widget-machine.ts), carries out its effects (worker messages,
 * URL writes, view resets and draws) and renders its state into the markup that
 * WidgetShell.astro made. Widgets differ only in their view.
 */
import type { RunShape } from '../engine/experiments/types';
import type { Divergence, Frame } from '../engine/frame';
import { COMPARE_PARAM } from '../engine/experiments/compare';
import type { ParamSpec, ParamSpecs } from '../engine/params';
import { readControl, writeControl, type Value } from './controls';
import type { Lang } from '../i18n/locales';
import { format } from '../i18n/ui';
import { widgetStrings, type WidgetStrings } from '../i18n/widget-strings';
import type { ViewFactory, WidgetModule } from '../widgets/types';
import { framesToCsv, framesToJson } from './export';
import { readPageState, readWidgetState, widgetLink, withWidgetState, writeWidgetState } from './url-state';
import { embedPath } from '../lib/embed';
import { version } from '../../package.json';
import { setAttr, setText } from '../charts/frame';
import { afterFrame } from './after-frame';
import { createDrawQueue } from './draw-queue';
import { prefersReducedMotion, watchActive } from './visibility';
import { replaceStaticFigures } from './static-figures';
import { controls, init, transition, type Notice, type WidgetEffect, type WidgetEvent, type WidgetState } from './widget-machine';
import type { RunValues } from './protocol';
import { backendReady, listen, requestReproduction, send, workerMemory } from './worker-client';

/** Raw text from a URL is echoed in notices only this long. */
const RAW_ECHO_MAX = 40;

export function shorten(raw: string, max = RAW_ECHO_MAX): string {
  const chars = [...raw];
  return chars.length <= max ? raw : `${chars.slice(0, max - 1).join('')}…`;
}

function pageLang(): Lang {
  return document.documentElement.lang.startsWith('zh') ? 'zh' : 'en';
}

function formatValue(spec: ParamSpec, value: Value, lang: Lang): string {
  if (spec.kind === 'choice') return spec.options.find((o) => o.value === value)?.label[lang] ?? String(value);
  return String(value);
}

function divergenceText(s: WidgetStrings, d: Divergence, run: string | null): string {
  const what = format(s.divergedWhat[d.quantity], { layer: d.layer === null ? '' : d.layer + 1 });
  const values = { step: d.step, what, value: d.value === 'nan' ? 'NaN' : '∞' };
  return run === null ? format(s.diverged, values) : format(s.runDiverged, { ...values, run });
}

function noticeText(n: Notice, ctx: { s: WidgetStrings; lang: Lang; widget: string; specs: ParamSpecs; runLabel(run: string): string | null }): { text: string; kind: 'info' | 'warn' | 'bad' } {
  const { s, lang, widget, specs } = ctx;
  switch (n.kind) {
    case 'param': {
      const p = n.notice;
      const spec = specs[p.param];
      const value = spec && p.value !== undefined ? formatValue(spec, p.value, lang) : String(p.value ?? '');
      return { text: format(s.notice[p.kind], { param: `${widget}.${shorten(p.param)}`, raw: shorten(p.raw), value }), kind: 'warn' };
    }
    case 'page-param':
      return { text: format(s.notice.pageParam, { key: shorten(n.key), raw: shorten(n.raw), example: `${widget}.${Object.keys(specs)[0] ?? 'seed'}=…` }), kind: 'warn' };
    case 'backend-junk':
      return { text: format(s.notice.backendJunk, { raw: shorten(n.raw) }), kind: 'warn' };
    case 'backend':
      return { text: format(s.notice.backend, { requested: n.notice.requested, reason: s.notice.backendReason[n.notice.reason], backend: n.backend }), kind: 'info' };
    case 'diverged':
      return { text: divergenceText(s, n.divergence, ctx.runLabel(n.run)), kind: 'bad' };
    case 'error':
      return { text: format(s.notice.error, { message: n.message }), kind: 'bad' };
  }
}

export function mountWidget<S extends ParamSpecs, T>(root: HTMLElement, module: WidgetModule<S, T>, makeView: ViewFactory<S, T>): void {
  const key = root.id;
  const widget = root.dataset['widget']!;
  const lang = pageLang();
  const s = widgetStrings[lang];
  const specs = module.spec.params as ParamSpecs;
  const q = <E extends Element>(sel: string) => root.querySelector<E>(sel)!;

  const statusEl = q<HTMLElement>('[data-role="status"]');
  const noticesEl = q<HTMLUListElement>('[data-role="notices"]');
  const runsEl = q<HTMLUListElement>('[data-role="runs"]');
  const badge = q<HTMLElement>('[data-role="badge"]');
  const playButton = q<HTMLButtonElement>('[data-action="play"]');
  const stepButton = q<HTMLButtonElement>('[data-action="step"]');
  const resetButton = q<HTMLButtonElement>('[data-action="reset"]');
  const copyLink = q<HTMLAnchorElement>('[data-action="copy-link"]');
  const csvButton = q<HTMLButtonElement>('[data-action="download-csv"]');
  const jsonButton = q<HTMLButtonElement>('[data-action="download-json"]');
  const reproduceButton = q<HTMLButtonElement>('[data-action="reproduce"]');
  const shareStatus = q<HTMLElement>('[data-role="share-status"]');
  const controlEls = new Map<string, HTMLInputElement | HTMLSelectElement>();
  for (const el of root.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-param]')) controlEls.set(el.dataset['param']!, el);

  const widgetsOnPage = [...document.querySelectorAll<HTMLElement>('figure[data-widget]')];
  const urlState = readWidgetState(widget, specs, location.search, module.spec.seed);
  // Page-level keys are the page's: only its first widget reports them.
  const page = readPageState(location.search, widgetsOnPage.map((el) => el.dataset['widget']!));
  const pageNotices = widgetsOnPage[0] === root ? page.notices : [];

  let frames = new Map<string, Frame[]>();
  const runEls = new Map<string, HTMLElement>();
  /** (time, step) of the first run as its frames arrive: the steps/s badge. */
  let rate: { t: number; step: number }[] = [];
  // every drawing task is timed as one draw (npm run bench reads these measures)
  const drawQueue = createDrawQueue((update) => {
    const t0 = performance.now();
    update();
    performance.measure(`draw:${widget}`, { start: t0 });
  });
  const staticFigures = replaceStaticFigures(root, s.liveSource);
  const view = makeView({
    root,
    lang,
    s,
    w: module.strings[lang],
    slot: (name) => q<HTMLElement>(`[data-chart="${name}"]`),
    values: () => state.values as never,
    later: (key, update) => drawQueue.add(key, update),
  });

  let state: WidgetState;
  let renderedNotices: readonly Notice[] | null = null;

  const runLabel = (run: string) => (state.shapes.length > 1 ? state.shapes.find((r) => r.name === run)?.label[lang] ?? run : null);

  /**
   * Runs on every message from the worker (many a second): it writes only what changed, since an
   * equal write still makes the browser restyle and repaint the page.
   */
  function render() {
    // Not training: no rate to show, and a resumed run measures afresh.
    if (state.status !== 'running' && root.dataset['status'] === 'running') {
      rate = [];
      showRate(null);
    }
    setData(root, 'status', state.status);
    setText(statusEl, s.status[state.status]);
    const c = controls(state.status);
    setText(playButton, c.playing ? s.pause : s.play);
    setAttr(playButton, 'aria-pressed', String(c.playing));
    if (playButton.disabled !== c.playDisabled) playButton.disabled = c.playDisabled;
    if (stepButton.disabled !== c.stepDisabled) stepButton.disabled = c.stepDisabled;
    for (const r of state.runs) {
      const el = runEls.get(r.name);
      if (!el) continue;
      setData(el, 'status', r.status);
      setText(el.querySelector('[data-role="run-status"]')!, s.status[r.status]);
    }
    const link = widgetLink(widget, key, specs, state.values as never, state.seed, module.spec.seed);
    if (copyLink.href !== link) copyLink.href = link;
    const empty = ![...frames.values()].some((list) => list.length);
    if (csvButton.disabled !== empty) csvButton.disabled = jsonButton.disabled = empty;
    // Controls of run B only matter when there is a run B; a shape parameter only when a run uses its activation.
    const comparing = state.values[COMPARE_PARAM] !== false;
    for (const [param, el] of controlEls) {
      const used = isUsed(specs[param]!, comparing);
      if (el.disabled === used) el.disabled = !used;
    }
    if (state.notices !== renderedNotices) renderNotices();
  }

  function isUsed(spec: ParamSpec, comparing: boolean): boolean {
    if (spec.compareOf) return comparing;
    const w = spec.usedWith;
    if (!w) return true;
    const twins = Object.keys(specs).filter((k) => specs[k]!.compareOf === w.param);
    return [w.param, ...(comparing ? twins : [])].some((k) => w.values.includes(String(state.values[k])));
  }

  function renderNotices() {
    renderedNotices = state.notices;
    const items = state.notices.map((n) => {
      const { text, kind } = noticeText(n, { s, lang, widget, specs, runLabel });
      const li = document.createElement('li');
      li.className = `notice notice-${kind}`;
      if (n.kind === 'diverged') li.dataset['noticeRun'] = n.run;
      li.textContent = text;
      return li;
    });
    noticesEl.replaceChildren(...items);
  }

  function buildRuns(runs: readonly RunShape[]) {
    runEls.clear();
    runsEl.replaceChildren(
      ...runs.map((r, i) => {
        const li = document.createElement('li');
        li.dataset['run'] = r.name;
        li.dataset['step'] = '-1';
        li.className = `run run-${i}`;
        const name = document.createElement('span');
        name.className = 'run-label';
        name.textContent = r.label[lang];
        const status = document.createElement('span');
        status.dataset['role'] = 'run-status';
        const step = document.createElement('span');
        step.dataset['role'] = 'run-step';
        if (r.start) step.textContent = format(s.runStarts, { step: r.start });
        li.append(name, ' · ', status, ' · ', step);
        runEls.set(r.name, li);
        return li;
      }),
    );
  }

  function draw() {
    let more = false;
    drawQueue.flush(() => (more = view.draw(frames)));
    staticFigures.drawn(!more);
    let last = -1;
    for (const [run, list] of frames) {
      const step = list.at(-1)?.step ?? -1;
      last = Math.max(last, step);
      const el = runEls.get(run);
      if (el && el.dataset['step'] !== String(step)) {
        el.dataset['step'] = String(step);
        el.querySelector('[data-role="run-step"]')!.textContent = format(s.runStep, { step });
      }
    }
    setData(root, 'step', String(last));
    dispatch({ type: 'drawn', now: performance.now(), more });
  }

  /**
   * Steps per second of the first run over the last few seconds. Frames arrive in
   * batches, so the rate is steps over time between batches, and only over half a
   * second or more.
   */
  function updateRate(newFrames: readonly Frame[]) {
    const first = state.shapes[0]?.name;
    const last = newFrames.findLast((f) => f.run === first);
    if (!last) return;
    const now = performance.now();
    rate.push({ t: now, step: last.step });
    while (rate.length > 2 && now - rate[0]!.t > 3000) rate.shift();
    const span = (now - rate[0]!.t) / 1000;
    if (span < 0.5) return;
    showRate((last.step - rate[0]!.step) / span);
  }

  function showRate(perSecond: number | null) {
    setData(root, 'stepsPerSecond', perSecond === null ? '' : perSecond.toFixed(1));
    setText(
      badge.querySelector('[data-role="rate"]')!,
      perSecond === null ? '–' : format(s.stepsPerSecond, { n: perSecond < 10 ? perSecond.toFixed(1) : Math.round(perSecond) }),
    );
  }

  function apply(effect: WidgetEffect) {
    switch (effect.type) {
      case 'send':
        send(effect.msg);
        return;
      case 'write-url':
        writeWidgetState(widget, specs, effect.values as never, effect.seed, module.spec.seed);
        return;
      case 'clear-frames':
        frames = new Map();
        rate = [];
        showRate(null);
        root.dataset['step'] = '-1';
        return;
      case 'reset-view':
        frames = new Map(effect.runs.map((r) => [r.name, []]));
        drawQueue.clear();
        buildRuns(effect.runs);
        view.reset(effect.runs);
        return;
      case 'append-frames':
        for (const f of effect.frames) frames.get(f.run)?.push(f);
        updateRate(effect.frames);
        return;
      case 'schedule-draw': {
        const frame = () => afterFrame(() => dispatch({ type: 'draw-due' }));
        if (effect.delay > 0) setTimeout(frame, effect.delay);
        else frame();
        return;
      }
      case 'draw':
        draw();
        return;
    }
  }

  function dispatch(event: WidgetEvent) {
    const result = transition(state, event);
    state = result.state;
    result.effects.forEach(apply);
    render();
  }

  listen(key, {
    session: (msg) => dispatch({ type: 'session', session: msg.session, runs: msg.runs }),
    frames: (msg) => dispatch({ type: 'frames', session: msg.session, frames: msg.frames, states: msg.states, now: performance.now() }),
    error: (message, session) => dispatch({ type: 'error', message, ...(session !== undefined ? { session } : {}) }),
  });

  // Controls show the validated values; a change starts a new session.
  for (const [param, el] of controlEls) {
    const spec = specs[param]!;
    writeControl(spec, el, urlState.values[param as keyof typeof urlState.values] as Value);
    const output = root.querySelector<HTMLOutputElement>(`output[data-for="${param}"]`);
    const show = () => { if (output) output.textContent = formatValue(spec, readControl(spec, el), lang); };
    show();
    el.addEventListener('input', show);
    el.addEventListener('change', () => {
      show();
      dispatch({ type: 'param-changed', param, value: readControl(spec, el) });
    });
  }
  copyLink.addEventListener('click', (event) => {
    event.preventDefault();
    const url = copyLink.href;
    // Where the clipboard is refused, the link is shown selected, for the reader to copy.
    const showLink = () => {
      const input = document.createElement('input');
      input.readOnly = true;
      input.value = url;
      shareStatus.replaceChildren(`${s.copyThis} `, input);
      input.select();
    };
    if (!navigator.clipboard) return showLink();
    navigator.clipboard.writeText(url).then(() => shareStatus.replaceChildren(s.linkCopied), showLink);
  });
  q<HTMLButtonElement>('[data-action="embed"]').addEventListener('click', () => {
    const src = new URL(`${embedPath(lang, widget)}${withWidgetState('', widget, specs, state.values as never, state.seed, module.spec.seed)}`, location.origin).href;
    // Sized to the widget as it is drawn now, and the line under it.
    const height = Math.ceil(root.getBoundingClientRect().height) + 48;
    const title = module.spec.title[lang].replaceAll('"', '&quot;');
    const snippet = document.createElement('textarea');
    snippet.readOnly = true;
    snippet.rows = 3;
    snippet.dataset['role'] = 'embed-snippet';
    snippet.value = `<iframe src="${src}" title="${title}" width="100%" height="${height}" style="border:0" loading="lazy"></iframe>`;
    shareStatus.replaceChildren(s.embedSnippet, snippet);
    snippet.select();
  });
  const download = (ext: 'csv' | 'json') => {
    const text = ext === 'csv'
      ? framesToCsv(frames)
      : framesToJson({
        widget, title: module.spec.title[lang], chapter: module.spec.chapter, lang, url: copyLink.href,
        params: state.values, seed: state.seed, backend: state.backend ?? '', version, date: new Date().toISOString(),
      }, state.shapes, frames);
    saveFile(`${widget}-seed${state.seed}.${ext}`, text, ext === 'csv' ? 'text/csv' : 'application/json');
  };
  csvButton.addEventListener('click', () => download('csv'));
  jsonButton.addEventListener('click', () => download('json'));
  reproduceButton.addEventListener('click', async () => {
    reproduceButton.disabled = true;
    shareStatus.textContent = s.reproducing;
    try {
      // The script's runtime (runtime.py) and its writer load only when asked for: the page's budget stays as it was.
      const [r, { pytorchScript }] = await Promise.all([requestReproduction(widget, state.values as RunValues, state.seed, version), import('./pytorch-download')]);
      const { file, text } = pytorchScript(r);
      saveFile(file, text, 'text/x-python');
      shareStatus.textContent = format(s.reproduced, { file });
    } catch (error) {
      shareStatus.textContent = format(s.reproduceFailed, { message: error instanceof Error ? error.message : String(error) });
    } finally {
      reproduceButton.disabled = false;
    }
  });
  playButton.addEventListener('click', () => dispatch({ type: 'play-toggled' }));
  stepButton.addEventListener('click', () => dispatch({ type: 'step-clicked' }));
  resetButton.addEventListener('click', () => dispatch({ type: 'reset-clicked' }));

  const first = init({
    key,
    widget,
    values: urlState.values as Record<string, Value>,
    seed: urlState.seed,
    notices: [...urlState.notices, ...pageNotices],
    autoplay: !prefersReducedMotion(),
  });
  state = first.state;
  first.effects.forEach(apply);
  render();

  void backendReady().then((info) => {
    root.dataset['backend'] = info.backend;
    badge.querySelector('[data-role="backend"]')!.textContent = info.backend;
    badge.title = format(s.backendTitle, { backend: info.backend });
    dispatch({ type: 'backend-ready', backend: info.backend, ...(info.notice ? { notice: info.notice } : {}) });
  });
  watchActive(root, (active) => dispatch({ type: 'active', active }));
  exposeDebugHook();
}

/** For tests and curious readers: `await __gradientClinic.memory()` counts the worker's tensors. */
function exposeDebugHook() {
  (window as unknown as { __gradientClinic?: object }).__gradientClinic ??= { memory: workerMemory };
}

function setData(el: HTMLElement, key: string, value: string): void {
  if (el.dataset[key] !== value) el.dataset[key] = value;
}

/** Hands `text` to the browser as a download named `name`. */
function saveFile(name: string, text: string, type: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 0);
}
