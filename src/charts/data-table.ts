/**
 * The data table every chart carries:
 *
 *   <details class="chart-data">
 *     <summary>{labels.show}</summary>
 *     <table data-series="{name}"><caption>…</caption><thead>…</thead><tbody>…</tbody></table>
 *   </details>
 *
 * The table is in the DOM (and kept current, in slices) while the <details> is closed.
 * Each value cell shows a plain number (`1.2e-7`, `0.1235`, `NaN`, `Infinity`; empty when
 * missing) and carries the unrounded one in `data-value` (`String(v)`).
 * A table that holds one run's numbers says so in `data-run`.
 * All visible words come from the caller's {@link TableLabels}.
 */
import { formatNumber } from './format.ts';
import type { Lang } from '../i18n/locales.ts';
import { firstNonFiniteRow, selectRows, type RowMode } from './downsample.ts';
import { throttled } from './throttle.ts';

export interface TableInfo {
  /** rows shown */
  shown: number;
  /** rows in the data */
  total: number;
  /** every `stride`-th row is shown (1 = all) */
  stride: number;
  mode: 'all' | 'stride' | 'last';
  /** row header text of the first / last row shown */
  first: string;
  last: string;
}

/**
 * Caption: plain text, a template with `{shown}`, `{total}`, `{stride}`,
 * `{first}`, `{last}` placeholders, or a function of the {@link TableInfo}
 * (for plural forms). Say in it how rows are bounded, e.g.
 * "Gradient norm per layer — every {stride}th step ({shown} of {total} rows)".
 */
export type CaptionText = string | ((info: TableInfo) => string);

export interface TableLabels {
  /** the <summary> text, e.g. "Show data" / "显示数据" */
  show: string;
  caption: CaptionText;
  /** caption used instead while rows are bounded (stride or last mode); defaults to `caption` */
  captionBounded?: CaptionText;
  /** header of the first (row key) column; charts default it to their x label */
  rowHeader?: string;
  /** headers of value columns by key; charts default them to series labels */
  columns?: Record<string, string>;
}

export interface Cell {
  text: string;
  /** raw value for `data-value` (omitted for header-like cells) */
  value?: string;
}

export interface TableContent {
  caption: string;
  head: string[];
  /** first cell of each row is the row header (<th scope="row">) */
  rows: Cell[][];
}

export function fillCaption(caption: CaptionText, info: TableInfo): string {
  if (typeof caption === 'function') return caption(info);
  return caption.replace(/\{(shown|total|stride|first|last)\}/g, (_, k: keyof TableInfo) => String(info[k]));
}

export function rawValue(v: number | null | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}

/** A number as a table shows it: rounded, but plain for non-numbers (`NaN`, `Infinity`, `-Infinity`, empty). */
export function tableNumber(v: number | null | undefined, locale: Lang, digits?: number): string {
  if (v === null || v === undefined) return '';
  if (!Number.isFinite(v)) return String(v);
  return formatNumber(v, locale, digits ? { digits } : {});
}

export function valueCell(v: number | null | undefined, locale: Lang): Cell {
  return { text: tableNumber(v, locale), value: rawValue(v) };
}

/** {@link TableInfo} for the `rows` that `sel` kept out of `total`; first/last are the row-header texts. */
export function tableInfo(rows: readonly Cell[][], total: number, sel: { stride: number; mode: TableInfo['mode'] }): TableInfo {
  return {
    shown: rows.length,
    total,
    stride: sel.stride,
    mode: sel.mode,
    first: rows[0]?.[0]?.text ?? '',
    last: rows[rows.length - 1]?.[0]?.text ?? '',
  };
}

/** The filled caption: `captionBounded` (when given) while rows are bounded, else `caption`. */
export function tableCaption(labels: TableLabels, info: TableInfo): string {
  return fillCaption(info.mode !== 'all' && labels.captionBounded ? labels.captionBounded : labels.caption, info);
}

export interface SeriesTableOptions {
  locale: Lang;
  labels: TableLabels;
  /** header of the x column when labels.rowHeader is absent */
  xLabel: string;
  columns: { key: string; label: string }[];
  maxRows?: number;
  mode?: RowMode;
  /** rows already made, by data point (valid for these columns): a growing table formats only its new rows */
  rowCache?: WeakMap<object, Cell[]>;
}

/**
 * Table content for step-indexed series data (line charts, heatmaps): one
 * row per kept step, one column per series. Rows are bounded by
 * {@link selectRows}; the first step with a non-finite value is always kept.
 */
export function seriesTableContent(
  data: readonly { x: number; values: Record<string, number | null | undefined> }[],
  opts: SeriesTableOptions,
): TableContent {
  const { locale, labels, columns } = opts;
  const keys = columns.map((c) => c.key);
  const bad = firstNonFiniteRow(data, (d) => keys.map((k) => d.values[k]));
  const sel = selectRows(data.length, opts.maxRows ?? 200, opts.mode ?? 'stride', bad >= 0 ? [bad] : []);
  const rows: Cell[][] = sel.indices.map((i) => {
    const d = data[i]!;
    let row = opts.rowCache?.get(d);
    if (!row) {
      row = [{ text: tableNumber(d.x, locale, 8), value: rawValue(d.x) }, ...keys.map((k) => valueCell(d.values[k], locale))];
      opts.rowCache?.set(d, row);
    }
    return row;
  });
  return {
    caption: tableCaption(labels, tableInfo(rows, data.length, sel)),
    head: [labels.rowHeader ?? opts.xLabel, ...columns.map((c) => labels.columns?.[c.key] ?? c.label)],
    rows,
  };
}

/** The step-table options of a chart (line chart, heatmap). */
export interface StepTableOptions {
  locale: Lang;
  table: TableLabels;
  xLabel: string;
  tableRows?: number;
  tableMode?: RowMode;
}

type StepData = readonly { x: number; values: Record<string, number | null | undefined> }[];

/**
 * A renderer of step-indexed data into `table`, one column per entry of `columns` (default 200
 * rows, every k-th). The content is made only when the table paints, and each data point's row
 * is formatted once while the columns stay the same.
 */
export function stepTable(table: DataTable, o: StepTableOptions): (data: StepData, columns: { key: string; label: string }[]) => void {
  let rowCache = new WeakMap<object, Cell[]>();
  let columnsKey = '';
  return (data, columns) => {
    const key = columns.map((c) => `${c.key}\u0000${c.label}`).join('\u0001');
    if (key !== columnsKey) {
      columnsKey = key;
      rowCache = new WeakMap();
    }
    const cache = rowCache;
    table.render(() =>
      seriesTableContent(data, {
        locale: o.locale,
        labels: o.table,
        xLabel: o.xLabel,
        columns,
        maxRows: o.tableRows ?? 200,
        mode: o.tableMode ?? 'stride',
        rowCache: cache,
      }),
    );
  };
}

export interface DataTable {
  readonly element: HTMLDetailsElement;
  readonly table: HTMLTableElement;
  /** The content, or a function that makes it when the table paints (lazily while closed: see {@link CLOSED_INTERVAL_MS}). */
  render(content: TableContent | (() => TableContent)): void;
  destroy(): void;
}

/** How often a closed table's content is remade while updates stream in. */
export const CLOSED_INTERVAL_MS = 1000;
/** The longest a closed table paints in one task. */
const SLICE_MS = 4;

/** Creates the <details class="chart-data"> block inside `parent`; `run`: the `data-run` of a table holding one run's numbers. */
export function createDataTable(parent: HTMLElement, name: string, labels: TableLabels, run?: string): DataTable {
  const doc = parent.ownerDocument;
  const details = doc.createElement('details');
  details.className = 'chart-data';
  const summary = doc.createElement('summary');
  summary.textContent = labels.show;
  const table = doc.createElement('table');
  table.dataset.series = name;
  if (run !== undefined) table.dataset.run = run;
  // it scrolls sideways when wide; keyboard users scroll what takes focus
  table.tabIndex = 0;
  const caption = table.createCaption();
  const thead = table.createTHead();
  const headRow = thead.insertRow();
  const tbody = table.createTBody();
  details.append(summary, table);
  parent.append(details);

  let headKey = '';
  /** JS-side mirror of the body, so updates compare strings instead of reading the DOM */
  interface RowCache {
    tr: HTMLTableRowElement;
    /** the cells painted last: the same array again needs no comparing */
    src?: Cell[];
    cells: { el: HTMLTableCellElement; text: string; value: string | undefined }[];
  }
  const cache: RowCache[] = [];

  function makeCell(c: number): RowCache['cells'][number] {
    const el = doc.createElement(c === 0 ? 'th' : 'td');
    if (c === 0) el.scope = 'row';
    return { el, text: '', value: undefined };
  }

  /** Caption and head; the rows are painted by {@link paintRows}. */
  function paintHead(content: TableContent) {
    if (caption.textContent !== content.caption) caption.textContent = content.caption;
    const hk = content.head.join('\u0000');
    if (hk !== headKey) {
      headKey = hk;
      headRow.replaceChildren(
        ...content.head.map((h) => {
          const th = doc.createElement('th');
          th.scope = 'col';
          th.textContent = h;
          return th;
        }),
      );
    }
  }

  /** Paints rows from `from` on until `deadline` (performance.now()); returns the row it stopped at. */
  function paintRows(content: TableContent, from: number, deadline: number): number {
    while (cache.length > content.rows.length) cache.pop()!.tr.remove();
    for (let r = from; r < content.rows.length; r++) {
      if (r > from && performance.now() > deadline) return r;
      const cells = content.rows[r]!;
      let row = cache[r];
      if (!row) {
        row = { tr: doc.createElement('tr'), cells: [] };
        tbody.append(row.tr);
        cache.push(row);
      }
      if (row.src === cells) continue;
      row.src = cells;
      while (row.cells.length > cells.length) row.cells.pop()!.el.remove();
      while (row.cells.length < cells.length) {
        const cell = makeCell(row.cells.length);
        row.tr.append(cell.el);
        row.cells.push(cell);
      }
      for (let c = 0; c < cells.length; c++) {
        const want = cells[c]!;
        const have = row.cells[c]!;
        if (have.text !== want.text) {
          have.el.textContent = want.text;
          have.text = want.text;
        }
        if (have.value !== want.value) {
          if (want.value === undefined) have.el.removeAttribute('data-value');
          else have.el.setAttribute('data-value', want.value);
          have.value = want.value;
        }
      }
    }
    return content.rows.length;
  }

  // A closed table is not read while a run streams frames, yet it stays current (tests and
  // find-in-page read it): its content is made at most every CLOSED_INTERVAL_MS and painted in
  // slices of SLICE_MS, each in a task of its own, so a table of 200 rows × 22 columns never
  // blocks the page. An open one follows every update, painted whole; opening paints at once.
  type Source = TableContent | (() => TableContent);
  let latest: Source | undefined;
  let slice: { content: TableContent; next: number; timer?: ReturnType<typeof setTimeout> } | undefined;
  const stopSlicing = () => {
    if (slice?.timer !== undefined) clearTimeout(slice.timer);
    slice = undefined;
  };
  const continueSlices = () => {
    if (!slice) return;
    slice.next = paintRows(slice.content, slice.next, performance.now() + SLICE_MS);
    if (slice.next < slice.content.rows.length) slice.timer = setTimeout(continueSlices, 0);
    else slice = undefined;
  };
  const paint = (source: Source) => {
    const content = typeof source === 'function' ? source() : source;
    stopSlicing();
    paintHead(content);
    if (details.open) {
      paintRows(content, 0, Infinity);
      return;
    }
    slice = { content, next: 0 };
    continueSlices();
  };
  const closedPainter = throttled(CLOSED_INTERVAL_MS, paint);
  const paintNow = (content: Source) => {
    closedPainter.cancel();
    paint(content);
  };
  const render = (content: Source) => {
    latest = content;
    if (details.open) paintNow(content);
    else closedPainter.show(content);
  };
  details.addEventListener('toggle', () => {
    if (details.open && latest) paintNow(latest);
  });
  return {
    element: details,
    table,
    render,
    destroy() {
      closedPainter.cancel();
      stopSlicing();
      details.remove();
    },
  };
}
