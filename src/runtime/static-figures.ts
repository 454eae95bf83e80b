/**
 * The build-time figures a widget ships (src/figures/) give way to its live charts: a
 * slot drops its static charts in the same task its first live chart arrives (a mutation
 * observer's callback runs before the page is painted again), so the two never show
 * together, and the live charts are drawn at the size the copies held: nothing moves.
 * A slot's static readout lines stay until the live ones have their words (the view writes
 * them when it draws), for the same reason. After each draw, `drawn()` does that, and once
 * the view has built all its charts (`built`), drops any copy no live chart took.
 */
import { setText } from '../charts/frame';

export function replaceStaticFigures(root: HTMLElement, liveSource: string): { drawn(built: boolean): void } {
  // The copies' tables go at once (inside closed <details>: nothing moves), so from now on the
  // page's tables hold the live session's numbers only.
  for (const table of root.querySelectorAll('[data-static] details:not([open]) > table')) table.remove();
  const source = root.querySelector<HTMLElement>('[data-role="source"]');
  const slots = [...root.querySelectorAll<HTMLElement>('.chart-slot.has-static')];
  const observers = new Map<HTMLElement, MutationObserver>();
  let left = slots.length > 0;
  const dropCharts = (slot: HTMLElement) => {
    observers.get(slot)?.disconnect();
    observers.delete(slot);
    for (const el of slot.querySelectorAll(':scope > [data-static]:not(.widget-readout)')) el.remove();
    slot.classList.remove('has-static');
    // The line keeps its place (no shift); it says what the charts are now.
    if (observers.size === 0 && source) setText(source, liveSource);
  };
  for (const slot of slots) {
    const observer = new MutationObserver((records) => {
      if (records.some((r) => [...r.addedNodes].some((n) => n instanceof Element && !n.hasAttribute('data-static') && n.matches('.gc-chart, .chart-per-run')))) dropCharts(slot);
    });
    observer.observe(slot, { childList: true });
    observers.set(slot, observer);
  }
  return {
    drawn(built) {
      if (built) for (const slot of [...observers.keys()]) dropCharts(slot);
      if (!left) return; // every draw calls this; once the copies are gone it has nothing to look at
      for (const slot of slots) {
        if (slot.classList.contains('has-static')) continue;
        const live = [...slot.querySelectorAll(':scope > .widget-readout:not([data-static])')];
        if (live.every((p) => p.textContent)) for (const p of slot.querySelectorAll(':scope > .widget-readout[data-static]')) p.remove();
      }
      left = root.querySelector('[data-static]') !== null;
    },
  };
}
