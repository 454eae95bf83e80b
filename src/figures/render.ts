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

/** One macrotask: the charts build and draw in tasks of their own (afterFrame, table and panel slices). */
const tick = () => new Promise<void>((ok) => setTimeout(ok, 0));

// afterFrame (src/runtime/after-frame.ts) calls the global; Node has none.
globalThis.requestAnimationFrame ??= (cb: FrameRequestCallback) => setTimeout(() => cb(performance.now()), 0) as unknown as number;

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

  const pending = new Map<string, () => void>();
  const view = makeView({
    root,
    lang,
    s: widgetStrings[lang],
    w: module.strings[lang],
    slot: (name) => slots.get(name)!,
    values: () => defaults(module.spec.params) as never,
    later: (key, update) => pending.set(key, update),
  });
  const flush = () => {
    for (const update of pending.values()) update();
    pending.clear();
  };
  const frames = framesByRun(rec);
  view.reset(rec.runs);
  // draw() asks for more while charts are still being built, one per task
  for (let more = true; more; ) {
    more = view.draw(frames);
    flush();
    await tick();
  }
  await settle(root);
  // An open table paints at once (a closed one in slices); the copies ship closed.
  for (const d of root.querySelectorAll('details')) {
    d.open = true;
    d.dispatchEvent(new window.Event('toggle') as unknown as Event);
  }
  await settle(root);
  for (const d of root.querySelectorAll('details')) d.open = false;

  const out = new Map<string, RenderedSlot>();
  for (const [name, el] of slots) {
    out.set(name, { classes: [...el.classList].filter((c) => c !== 'chart-slot'), html: el.innerHTML });
  }
  await window.happyDOM.close();
  return out;
}

/** Waits until the markup stops changing: histogram panels and tables finish in later tasks. */
async function settle(root: Element) {
  let last = '';
  for (let quiet = 0; quiet < 3; ) {
    await new Promise((ok) => setTimeout(ok, 20));
    const now = root.innerHTML;
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
}
