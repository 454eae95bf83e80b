/**
 * Turns the slots drawn at two widths (render.ts) into the markup a widget ships before
 * its script runs: the wide drawing, with the narrow drawing of each svg beside it where
 * they differ (CSS shows the one that fits the column: figures.css), ids kept apart from
 * the live charts', and every piece marked `data-static` for the runtime to replace.
 */
import { Window } from 'happy-dom';
import type { RenderedSlot } from './render';

/** The two columns a figure is drawn for: a chapter's at 1280 px, and a phone's (390 px). */
export const WIDE = 686;
export const NARROW = 332;

/** A slot's shipped markup: as drawn (classes the view gave the slot, its inner html), merged. */
export type StaticSlot = RenderedSlot;

/** svgs whose widths differ by no more than this are drawn once, at the wide width */
const SAME_WIDTH = 32;

export function mergeWidths(wide: ReadonlyMap<string, RenderedSlot>, narrow: ReadonlyMap<string, RenderedSlot>): Map<string, StaticSlot> {
  const window = new Window();
  const doc = window.document;
  const out = new Map<string, StaticSlot>();
  for (const [name, w] of wide) {
    const a = doc.createElement('div');
    a.innerHTML = w.html;
    const b = doc.createElement('div');
    b.innerHTML = narrow.get(name)?.html ?? '';
    const wideSvgs = [...a.querySelectorAll('.gc-plot svg.gc-svg')];
    const narrowSvgs = [...b.querySelectorAll('.gc-plot svg.gc-svg')];
    if (wideSvgs.length === narrowSvgs.length) {
      wideSvgs.forEach((ws, i) => {
        const ns = narrowSvgs[i]!;
        if (Math.abs(Number(ws.getAttribute('width')) - Number(ns.getAttribute('width'))) <= SAME_WIDTH) return;
        ws.classList.add('gc-wide');
        ns.classList.add('gc-narrow');
        // the same name as the wide copy (its caption is the wide figure's); CSS displays one of the two
        for (const attr of ['aria-labelledby', 'aria-label']) {
          const v = ws.getAttribute(attr);
          if (v !== null) ns.setAttribute(attr, v);
        }
        ws.after(ns);
      });
    }
    for (const child of a.children) {
      child.setAttribute('data-static', '');
      // thousands of numbers that search has no use for
      child.setAttribute('data-pagefind-ignore', 'all');
    }
    out.set(name, { classes: w.classes, html: distinctIds(a.innerHTML) });
  }
  void window.happyDOM.close();
  return out;
}

/** The charts' ids (frame.ts nextId: gc-<kind>-<n>…) as gcs-…, so a live chart's id never meets its static copy's. */
export function distinctIds(html: string): string {
  return html.replace(/(["#])gc-([a-z]+(?:-[a-z]+)*-\d+)/g, '$1gcs-$2');
}
