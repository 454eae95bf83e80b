/**
 * Draws a widget's charts in Node, as the page would at one width: the widget's own view
 * and chart modules, in a happy-dom document, fed a recorded session (session.ts). The
 * result is each chart slot's markup: svg figures (no canvas here, so bars and heatmap
 * cells are svg too) and their filled data tables.
 */
import { Window } from 'happy-dom';
import { widgetStrings } from '../i18n/widget-strings';
import type { Lang } from '../i18n/locales';
import { defaults } from '../engine/params';
import type { ViewFactory, WidgetModule } from '../widgets/types';
import { framesByRun, type SessionRecord } from './session';
import { slotWidths } from './slot-widths';

export interface RenderedSlot {
  /** classes the view gave the slot itself (per-run) */
  readonly classes: readonly string[];
  readonly html: string;
}

// The charts finish their work in later tasks (afterFrame, throttled paints, table and panel
// slices), all through the global setTimeout: counting its timers tells when they are done.
const timers = new Set<unknown>();
const { setTimeout: realSetTimeout, clearTimeout: realClearTimeout } = globalThis;
globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const id = realSetTimeout(() => {
    timers.delete(id);
    fn(...args);
  }, ms);
  timers.add(id);
  return id;
}) as typeof setTimeout;
globalThis.clearTimeout = ((id: Parameters<typeof clearTimeout>[0]) => {
  timers.delete(id);
  realClearTimeout(id);
}) as typeof clearTimeout;
// afterFrame (src/runtime/after-frame.ts) calls the global; Node has none.
globalThis.requestAnimationFrame ??= (cb: FrameRequestCallback) => setTimeout(() => cb(performance.now()), 0) as unknown as number;

/** One macrotask, not counted. */
const tick = () => new Promise<void>((ok) => realSetTimeout(ok, 0));

/** Waits until no chart has work waiting in a timer (10 s at most: a chart that never rests is a bug, not a reason to hang the build). */
async function settle() {
  for (const end = performance.now() + 10_000; timers.size && performance.now() < end; ) await tick();
  if (timers.size) throw new Error('build-time figures: the charts still had work waiting after 10 s');
}

/** Every slot's markup once the view has drawn the whole session at `width` px (the charts' column). */
export async function renderSlots(module: WidgetModule, makeView: ViewFactory<never, unknown>, lang: Lang, rec: SessionRecord, width: number): Promise<Map<string, RenderedSlot>> {
  const window = new Window({ width, height: 900 });
  const doc = window.document as unknown as Document;
  doc.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  const root = doc.createElement('figure');
  doc.body.append(root);
  const slots = new Map<string, HTMLElement>();
  const widths = new Map<HTMLElement, number>();
  for (const row of module.layout) {
    const rowEl = doc.createElement('div');
    root.append(rowEl);
    const w = slotWidths(width, row.length);
    for (const name of row) {
      const el = doc.createElement('div');
      el.className = 'chart-slot';
      el.dataset['chart'] = name;
      rowEl.append(el);
      slots.set(name, el);
      widths.set(el, w.slot);
    }
  }
  // No layout here: a chart's container is as wide as the page's would be (a run's cell in a per-run slot, or the slot).
  Object.defineProperty(window.HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get(this: HTMLElement) {
      const cell = this.closest('.chart-per-run');
      const slot = this.closest<HTMLElement>('[data-chart]');
      const w = slot ? widths.get(slot) ?? width : width;
      return cell ? slotWidths(w, 2).slot : w;
    },
  });

  // A table whose <details> is open paints at once (a closed one in throttled slices): here every
  // one reads as open, while the markup keeps them closed.
  Object.defineProperty(window.HTMLDetailsElement.prototype, 'open', { configurable: true, get: () => true, set: () => {} });

  // As the page's draw queue does: each key's latest update, run in a task of its own (some are
  // handed over later still: throttled histograms, panel batches).
  const pending = new Map<string, () => void>();
  let queued = false;
  const flush = () => {
    queued = false;
    const updates = [...pending.values()];
    pending.clear();
    for (const update of updates) update();
  };
  const view = makeView({
    root,
    lang,
    s: widgetStrings[lang],
    w: module.strings[lang],
    slot: (name) => slots.get(name)!,
    values: () => defaults(module.spec.params) as never,
    later: (key, update) => {
      pending.set(key, update);
      if (!queued) setTimeout(flush, 0);
      queued = true;
    },
  });
  const frames = framesByRun(rec);
  view.reset(rec.runs);
  // draw() asks for more while charts are still being built, one per task
  for (let more = true; more; ) {
    more = view.draw(frames);
    await tick();
  }
  await settle();

  const out = new Map<string, RenderedSlot>();
  for (const [name, el] of slots) {
    out.set(name, { classes: [...el.classList].filter((c) => c !== 'chart-slot'), html: el.innerHTML });
  }
  await window.happyDOM.close();
  return out;
}
