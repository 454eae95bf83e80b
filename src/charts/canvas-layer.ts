/**
 * A <canvas> under a chart's svg for marks that all change on every update (log-bars.ts's
 * bars): one bitmap instead of dozens of SVG elements, so an update is a few fill calls and
 * the browser repaints one image, not the whole svg. Axes, gridlines, labels and edge marks
 * stay in the svg above it, which is transparent.
 *
 * Colours come in as the charts' CSS colours (`var(--gc-s1, #…)`, `light-dark()`,
 * `currentColor`) and are resolved once per theme through a hidden probe element; the layer
 * asks its chart to repaint when the page's colour scheme changes.
 */
import type { FillPattern } from './runs.ts';

export interface CanvasLayer {
  readonly canvas: HTMLCanvasElement;
  /**
   * Sizes the canvas to `width` × `height` css px at the device's pixel ratio and returns its
   * context, cleared and scaled to css px (null where canvas is not supported, e.g. in tests).
   */
  begin(width: number, height: number): CanvasRenderingContext2D | null;
  /** a CSS colour as the canvas can paint it */
  color(css: string): string;
  /** a fill for `color` in `pattern` (the canvas counterpart of runs.ts's SVG patterns) */
  fill(ctx: CanvasRenderingContext2D, css: string, pattern: FillPattern): string | CanvasPattern;
  destroy(): void;
}

/**
 * Puts a canvas in `host` (made a positioning context), under the element `above` (made
 * positioned so it paints over the canvas). `onTheme` is called when resolved colours change.
 */
export function createCanvasLayer(host: HTMLElement, above: Element, onTheme: () => void): CanvasLayer {
  const doc = host.ownerDocument;
  const win = doc.defaultView;
  const canvas = doc.createElement('canvas');
  canvas.className = 'gc-canvas';
  canvas.setAttribute('aria-hidden', 'true');
  Object.assign(canvas.style, { position: 'absolute', left: '0', top: '0', pointerEvents: 'none' });
  host.style.position = 'relative';
  (above as HTMLElement).style.position = 'relative';
  host.prepend(canvas);
  const probe = doc.createElement('span');
  probe.hidden = true;
  host.append(probe);

  const colors = new Map<string, string>();
  const patterns = new Map<string, CanvasPattern | string>();
  const themeChanged = () => {
    colors.clear();
    patterns.clear();
    onTheme();
  };
  // the site flips color-scheme with data-theme on <html>; a system switch changes the media query
  const mo = win && 'MutationObserver' in win ? new win.MutationObserver(themeChanged) : null;
  mo?.observe(doc.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  const mq = win?.matchMedia?.('(prefers-color-scheme: dark)');
  mq?.addEventListener?.('change', themeChanged);

  let ctx: CanvasRenderingContext2D | null | undefined;
  let ratio = 1;

  const layer: CanvasLayer = {
    canvas,
    begin(width, height) {
      if (ctx === undefined) {
        try {
          ctx = canvas.getContext('2d');
        } catch {
          ctx = null;
        }
        // nothing will ever be painted on it (the chart draws in its svg instead)
        if (!ctx) canvas.remove();
      }
      if (!ctx) return null;
      const dpr = Math.max(1, Math.min(3, win?.devicePixelRatio || 1));
      const w = Math.max(1, Math.round(width * dpr));
      const h = Math.max(1, Math.round(height * dpr));
      if (canvas.width !== w || canvas.height !== h || ratio !== dpr) {
        canvas.width = w;
        canvas.height = h;
        canvas.style.width = `${width}px`;
        canvas.style.height = `${height}px`;
        ratio = dpr;
      }
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, width, height);
      return ctx;
    },
    color(css) {
      let c = colors.get(css);
      if (c === undefined) {
        // a hidden element still computes its colour (and the color-scheme it inherits)
        probe.style.color = css;
        c = (win?.getComputedStyle(probe).color || '').trim() || '#888';
        colors.set(css, c);
      }
      return c;
    },
    fill(context, css, pattern) {
      if (pattern === 'solid') return layer.color(css);
      const key = `${pattern}\u0000${css}\u0000${ratio}`;
      let p = patterns.get(key);
      if (p === undefined) {
        p = patternTile(doc, context, layer.color(css), pattern, ratio) ?? layer.color(css);
        patterns.set(key, p);
      }
      return p;
    },
    destroy() {
      mo?.disconnect();
      mq?.removeEventListener?.('change', themeChanged);
      canvas.remove();
      probe.remove();
    },
  };
  return layer;
}

/** A 6 px tile as runs.ts draws it in SVG: a pale tint with diagonal stripes (hatch) or a dot. */
function patternTile(doc: Document, ctx: CanvasRenderingContext2D, color: string, pattern: Exclude<FillPattern, 'solid'>, ratio: number): CanvasPattern | null {
  const tile = doc.createElement('canvas');
  const size = 6 * ratio;
  tile.width = size;
  tile.height = size;
  const t = tile.getContext('2d');
  if (!t) return null;
  t.scale(ratio, ratio);
  t.fillStyle = color;
  t.globalAlpha = 0.25;
  t.fillRect(0, 0, 6, 6);
  t.globalAlpha = 1;
  if (pattern === 'hatch') {
    // stripes at 45°, 2.5 px wide, repeating every 6 px along both axes so tiles join up
    t.lineWidth = 2.5 / Math.SQRT2;
    t.strokeStyle = color;
    t.beginPath();
    for (const o of [-6, 0, 6]) {
      t.moveTo(o, 6);
      t.lineTo(o + 6, 0);
    }
    t.stroke();
  } else {
    t.beginPath();
    t.arc(3, 3, 1.5, 0, 2 * Math.PI);
    t.fill();
  }
  const p = ctx.createPattern(tile, 'repeat');
  const Matrix = doc.defaultView?.DOMMatrix;
  if (p && Matrix) p.setTransform(new Matrix().scale(1 / ratio));
  return p;
}
