/**
 * The data table every chart carries:
 *
 *   <details class="chart-data">
 *     <summary>{labels.show}</summary>
 *     <table data-series="{name}"><caption>…</caption><thead>…</thead><tbody>…</tbody></table>
 *   </details>
 *
 * The table is in the DOM (and kept current) while the <details> is closed.
 * Each value cell carries the unrounded number in `data-value`
 * (`String(v)`: "NaN", "Infinity"; empty for a missing value).
 * All visible words come from the caller's {@link TableLabels}.
 */
import { formatNumber, type Locale } from './format.ts';
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

export function valueCell(v: number | null | undefined, locale: Locale): Cell {
  return { text: formatNumber(v, locale), value: rawValue(v) };
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
  locale: Locale;
  labels: TableLabels;
  /** header of the x column when labels.rowHeader is absent */
  xLabel: string;
  columns: { key: string; label: string }[];
  maxRows?: number;
  mode?: RowMode;
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
    return [
      { text: formatNumber(d.x, locale, { digits: 8 }), value: rawValue(d.x) },
      ...keys.map((k) => valueCell(d.values[k], locale)),
    ];
  });
  return {
    caption: tableCaption(labels, tableInfo(rows, data.length, sel)),
    head: [labels.rowHeader ?? opts.xLabel, ...columns.map((c) => labels.columns?.[c.key] ?? c.label)],
    rows,
  };
}

/** The step-table options of a chart (line chart, heatmap). */
export interface StepTableOptions {
  locale: Locale;
  table: TableLabels;
  xLabel: string;
  tableRows?: number;
  tableMode?: RowMode;
}

/** Render step-indexed `data` into `table`, one column per entry of `columns` (default 200 rows, every k-th). */
export function renderStepTable(
  table: DataTable,
  data: readonly { x: number; values: Record<string, number | null | undefined> }[],
  columns: { key: string; label: string }[],
  o: StepTableOptions,
): void {
  table.render(
    seriesTableContent(data, {
      locale: o.locale,
      labels: o.table,
      xLabel: o.xLabel,
      columns,
      maxRows: o.tableRows ?? 200,
      mode: o.tableMode ?? 'stride',
    }),
  );
}

export interface DataTable {
  readonly element: HTMLDetailsElement;
  readonly table: HTMLTableElement;
  render(content: TableContent): void;
  destroy(): void;
}

export const TABLE_INTERVAL_MS = 250;

/** Creates the <details class="chart-data"> block inside `parent`. */
export function createDataTable(parent: HTMLElement, name: string, labels: TableLabels): DataTable {
  const doc = parent.ownerDocument;
  const details = doc.createElement('details');
  details.className = 'chart-data';
  const summary = doc.createElement('summary');
  summary.textContent = labels.show;
  const table = doc.createElement('table');
  table.dataset.series = name;
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
    cells: { el: HTMLTableCellElement; text: string; value: string | undefined }[];
  }
  const cache: RowCache[] = [];

  function makeCell(c: number): RowCache['cells'][number] {
    const el = doc.createElement(c === 0 ? 'th' : 'td');
    if (c === 0) el.scope = 'row';
    return { el, text: '', value: undefined };
  }

  function paint(content: TableContent) {
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
    while (cache.length > content.rows.length) cache.pop()!.tr.remove();
    content.rows.forEach((cells, r) => {
      let row = cache[r];
      if (!row) {
        row = { tr: doc.createElement('tr'), cells: [] };
        tbody.append(row.tr);
        cache.push(row);
      }
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
    });
  }


  // A closed table is not read while a run streams frames: repaint it at most every
  // TABLE_INTERVAL_MS (the last content always lands), so big tables cost no long tasks.
  const painter = throttled(TABLE_INTERVAL_MS, paint);
  const render = (content: TableContent) => painter.show(content, details.open);
  return {
    element: details,
    table,
    render,
    destroy() {
      painter.cancel();
      details.remove();
    },
  };
}
