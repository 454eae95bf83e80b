/**
 * Drives one widget on the page: reads its declared parameters and the URL, wires
 * the controls and buttons, talks to the training worker, pauses when the widget
 * is off-screen or the tab hidden, and hands frames to the widget's view once per
 * animation frame. Widgets differ only in their view.
 */
import type { Frame } from '../engine/frame';
import { snapNumber, type ParamNotice, type ParamSpec, type ParamSpecs, type ParamValues } from '../engine/params';
import { format } from '../i18n/ui';
import { widgetStrings, type WidgetStrings } from '../i18n/widget-strings';
import type { Lang } from '../i18n/locales';
import type { RunStatus } from './protocol';
import { readWidgetState, writeWidgetState } from './url-state';
import { prefersReducedMotion, watchActive } from './visibility';
import { backendReady, listen, send, workerMemory } from './worker-client';

export type WidgetStatus = 'idle' | 'loading' | RunStatus | 'error';

export interface ViewContext<S extends ParamSpecs = ParamSpecs> {
  root: HTMLElement;
  lang: Lang;
  s: WidgetStrings;
  /** The element a view draws its charts into, by its `data-chart` name. */
  slot(name: string): HTMLElement;
  values(): ParamValues<S>;
  specs: S;
}

export interface WidgetView {
  /** A new run starts (first load, reset, or a changed parameter). */
  reset(): void;
  /**
   * Draw: every frame of the run so far, oldest first. Called at most once per animation
   * frame; returning true asks for another frame (charts still being built).
   */
  draw(frames: readonly Frame[]): boolean;
}

type Values = Record<string, number | string | boolean>;

const DRAW_INTERVAL_MS = 100;

function pageLang(): Lang {
  return document.documentElement.lang.startsWith('zh') ? 'zh' : 'en';
}

function formatValue(spec: ParamSpec, value: number | string | boolean, lang: Lang): string {
  if (spec.kind === 'choice') return spec.options.find((o) => o.value === value)?.label[lang] ?? String(value);
  if (spec.kind === 'bool') return String(value);
  return String(value);
}

/** Range inputs of log-scaled parameters hold log10(value). */
function readControl(spec: ParamSpec, el: HTMLInputElement | HTMLSelectElement): number | string | boolean {
  if (spec.kind === 'choice') return el.value;
  if (spec.kind === 'bool') return (el as HTMLInputElement).checked;
  const raw = Number(el.value);
  return snapNumber(spec, spec.scale === 'log' ? 10 ** raw : raw);
}

function writeControl(spec: ParamSpec, el: HTMLInputElement | HTMLSelectElement, value: number | string | boolean) {
  if (spec.kind === 'bool') (el as HTMLInputElement).checked = Boolean(value);
  else if (spec.kind === 'choice') el.value = String(value);
  else el.value = String(spec.scale === 'log' ? Math.log10(Number(value)) : value);
}

export function mountWidget<S extends ParamSpecs>(root: HTMLElement, makeView: (ctx: ViewContext<S>) => WidgetView): void {
  const key = root.id;
  const widget = root.dataset['widget']!;
  const lang = pageLang();
  const s = widgetStrings[lang];
  const specs = JSON.parse(root.querySelector('script[data-role="params"]')!.textContent!) as S;
  const q = <T extends Element>(sel: string) => root.querySelector<T>(sel)!;

  const statusEl = q<HTMLElement>('[data-role="status"]');
  const noticesEl = q<HTMLUListElement>('[data-role="notices"]');
  const badge = q<HTMLElement>('[data-role="badge"]');
  const playButton = q<HTMLButtonElement>('[data-action="play"]');
  const stepButton = q<HTMLButtonElement>('[data-action="step"]');
  const resetButton = q<HTMLButtonElement>('[data-action="reset"]');
  const controls = new Map<string, HTMLInputElement | HTMLSelectElement>();
  for (const el of root.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-param]')) controls.set(el.dataset['param']!, el);

  const state = readWidgetState(widget, specs);
  let values = state.values as Values;
  const seed = state.seed;
  let status: WidgetStatus = 'loading';
  let wantPlaying = !prefersReducedMotion();
  let active = false;
  let frames: Frame[] = [];
  let drawn = -1;
  let rafPending = false;
  const rate: number[] = [];

  const ctx: ViewContext<S> = {
    root,
    lang,
    s,
    specs,
    slot: (name) => q<HTMLElement>(`[data-chart="${name}"]`),
    values: () => values as ParamValues<S>,
  };
  const view = makeView(ctx);

  function notice(text: string, kind: 'info' | 'warn' | 'bad' = 'warn') {
    const li = document.createElement('li');
    li.className = `notice notice-${kind}`;
    li.textContent = text;
    noticesEl.append(li);
  }

  function paramNotice(n: ParamNotice) {
    const spec = (specs as ParamSpecs)[n.param];
    const value = spec && n.value !== undefined ? formatValue(spec, n.value, lang) : String(n.value ?? '');
    notice(format(s.notice[n.kind], { param: `${widget}.${n.param}`, raw: n.raw, value }));
  }

  function setStatus(next: WidgetStatus) {
    status = next;
    root.dataset['status'] = next;
    statusEl.textContent = s.status[next];
    const playing = next === 'running';
    playButton.textContent = playing ? s.pause : s.play;
    playButton.setAttribute('aria-pressed', String(playing));
    const finished = next === 'done' || next === 'diverged' || next === 'error';
    playButton.disabled = finished || next === 'loading';
    stepButton.disabled = playing || finished || next === 'loading';
  }

  function draw() {
    rafPending = false;
    const latest = frames.at(-1);
    if (!latest || latest.step === drawn) return;
    const more = view.draw(frames);
    drawn = more ? -2 : latest.step;
    root.dataset['step'] = String(latest.step);
    if (more) scheduleDraw();
  }

  // While training, ~10 redraws a second show the story; more would only load the main thread.
  let lastDraw = -Infinity;
  function scheduleDraw() {
    if (rafPending) return;
    rafPending = true;
    const wait = status === 'running' ? DRAW_INTERVAL_MS - (performance.now() - lastDraw) : 0;
    const frame = () => requestAnimationFrame(() => {
      lastDraw = performance.now();
      draw();
    });
    if (wait > 0) setTimeout(frame, wait);
    else frame();
  }

  function showDivergence(frame: Frame) {
    const d = frame.diverged!;
    const what = format(s.divergedWhat[d.quantity], { layer: d.layer === null ? '' : d.layer + 1 });
    notice(format(s.diverged, { step: d.step, what, value: d.value === 'nan' ? 'NaN' : '∞' }), 'bad');
  }

  function updateRate(count: number) {
    const now = performance.now();
    for (let i = 0; i < count; i += 1) rate.push(now);
    while (rate.length && now - rate[0]! > 2000) rate.shift();
    const perSecond = rate.length > 1 ? (rate.length - 1) / ((now - rate[0]!) / 1000 || 1) : 0;
    root.dataset['stepsPerSecond'] = perSecond.toFixed(1);
    badge.querySelector('[data-role="rate"]')!.textContent =
      perSecond > 0 ? format(s.stepsPerSecond, { n: perSecond < 10 ? perSecond.toFixed(1) : Math.round(perSecond) }) : '–';
  }

  listen(key, {
    frames(msg) {
      frames = frames.concat(msg.frames);
      updateRate(msg.frames.length);
      const diverged = msg.frames.find((f) => f.diverged);
      if (diverged) showDivergence(diverged);
      // The page decides running vs paused; the worker only reports how a run ended.
      if ((msg.status === 'done' || msg.status === 'diverged') && msg.status !== status) setStatus(msg.status);
      scheduleDraw();
    },
    error(message) {
      notice(format(s.notice.error, { message }), 'bad');
      setStatus('error');
    },
  });

  function start() {
    frames = [];
    drawn = -1;
    root.dataset['step'] = '-1';
    view.reset();
    // A run that diverged or failed leaves its message; a new run starts clean.
    for (const li of noticesEl.querySelectorAll('.notice-bad')) li.remove();
    const playing = wantPlaying && active;
    send({ type: 'start', key, experiment: widget, values, seed, playing });
    if (status !== 'loading') setStatus(playing ? 'running' : 'paused');
  }

  // Controls: show the validated values, restart on change.
  for (const [param, el] of controls) {
    const spec = (specs as ParamSpecs)[param]!;
    writeControl(spec, el, values[param]!);
    const output = root.querySelector<HTMLOutputElement>(`output[data-for="${param}"]`);
    const show = () => { if (output) output.textContent = formatValue(spec, readControl(spec, el), lang); };
    show();
    el.addEventListener('input', show);
    el.addEventListener('change', () => {
      values = { ...values, [param]: readControl(spec, el) };
      show();
      writeWidgetState(widget, specs, values as ParamValues<S>, seed);
      start();
    });
  }

  playButton.addEventListener('click', () => {
    wantPlaying = status !== 'running';
    // A reader who presses Play on a widget half off-screen means it: treat it as visible.
    if (wantPlaying) active = true;
    reconcile();
  });
  stepButton.addEventListener('click', () => send({ type: 'step', key }));
  resetButton.addEventListener('click', () => start());

  state.notices.forEach(paramNotice);
  setStatus('loading');

  /** Plays exactly when the reader wants it, the widget is on screen and the tab visible. */
  function reconcile() {
    if (status !== 'running' && status !== 'paused') return;
    const shouldRun = wantPlaying && active;
    if (shouldRun && status === 'paused') {
      send({ type: 'play', key });
      setStatus('running');
    } else if (!shouldRun && status === 'running') {
      send({ type: 'pause', key });
      setStatus('paused');
    }
  }

  backendReady().then((info) => {
    root.dataset['backend'] = info.backend;
    badge.querySelector('[data-role="backend"]')!.textContent = info.backend;
    badge.title = format(s.backendTitle, { backend: info.backend });
    if (info.notice) notice(format(s.notice.backend, { requested: info.notice.requested, reason: s.notice.backendReason[info.notice.reason], backend: info.backend }), 'info');
    if (status === 'loading') setStatus('paused');
    reconcile();
  });

  watchActive(root, (isActive) => {
    active = isActive;
    reconcile();
  });

  start();
  exposeDebugHook();
}

/** For tests and curious readers: `await __gradientClinic.memory()` counts the worker's tensors. */
function exposeDebugHook() {
  (window as unknown as { __gradientClinic?: object }).__gradientClinic ??= { memory: workerMemory };
}
