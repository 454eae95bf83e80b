import { describe, expect, it } from 'vitest';
import { distinctIds, mergeWidths } from '../../src/figures/static-html';
import { slotWidths } from '../../src/figures/slot-widths';

const figure = (id: number, width: number) =>
  `<figure class="gc-chart gc-line" id="gc-line-${id}"><figcaption id="gc-line-${id}-title">Loss</figcaption><div class="gc-plot"><svg class="gc-svg" width="${width}" aria-labelledby="gc-line-${id}-title"><path d="M0,0L1,1" style="fill:url(#gc-line-${id}-p)"></path></svg></div><details class="chart-data"><table data-series="loss"></table></details></figure>`;

describe('build-time figure markup', () => {
  it('keeps the wide drawing, adds the narrow svg beside it only where the widths differ, and marks every piece static', () => {
    const wide = new Map([['loss', { classes: [], html: `<p class="widget-readout">A: 0.1</p>${figure(1, 686)}` }], ['bars', { classes: ['per-run'], html: figure(2, 335) }]]);
    const narrow = new Map([['loss', { classes: [], html: `<p class="widget-readout">A: 0.1</p>${figure(3, 332)}` }], ['bars', { classes: ['per-run'], html: figure(4, 332) }]]);
    const out = mergeWidths(wide, narrow);
    const loss = out.get('loss')!.html;
    expect(loss.match(/<svg/g)).toHaveLength(2);
    expect(loss).toContain('class="gc-svg gc-wide"');
    expect(loss).toContain('class="gc-svg gc-narrow"');
    // one caption names both copies; one table
    expect(loss.match(/aria-labelledby="gcs-line-1-title"/g)).toHaveLength(2);
    expect(loss.match(/<table/g)).toHaveLength(1);
    expect(loss.match(/data-static=""/g)).toHaveLength(2);
    // 335 and 332 px: drawn once
    const bars = out.get('bars')!;
    expect(bars.html.match(/<svg/g)).toHaveLength(1);
    expect(bars.classes).toEqual(['per-run']);
  });

  it('renames the charts’ ids and their references, not their classes', () => {
    expect(distinctIds('<g id="gc-heatmap-12-hatch" class="gc-line gc-s1" fill="url(#gc-heatmap-12-hatch)">')).toBe('<g id="gcs-heatmap-12-hatch" class="gc-line gc-s1" fill="url(#gcs-heatmap-12-hatch)">');
  });

  it('slot widths follow the rows’ CSS grid: 17rem columns, 1rem gaps', () => {
    expect(slotWidths(686, 2)).toEqual({ columns: 2, slot: 335 });
    expect(slotWidths(332, 2)).toEqual({ columns: 1, slot: 332 });
    expect(slotWidths(686, 1)).toEqual({ columns: 1, slot: 686 });
  });
});
