/**
 * The doctor's log format, declared once: the page's format table, the parser, the CLI's
 * `--doctor` writer and the snippets' docs all read these columns.
 *
 * One row per training step and parameter (or layer), as CSV with a header line or as
 * JSON lines with the same keys. `step`, `name` and `grad_norm` are the format; the rest
 * are optional. Non-finite values are written as Python and JSON writers write them
 * (`nan`, `inf`, `-inf`, `NaN`, `Infinity`) or left empty when not measured.
 */
import type { Label } from '../engine/params';

export type ColumnKind = 'step' | 'name' | 'number' | 'share';

export interface Column {
  readonly key: string;
  readonly kind: ColumnKind;
  /** The header must have it (CSV) / the log must use it (JSON lines). */
  readonly required: boolean;
  readonly doc: Label;
}

export const COLUMNS = [
  { key: 'step', kind: 'step', required: true, doc: { en: 'Training step: a whole number ≥ 0; rows of one step share it.', zh: '训练步数：不小于 0 的整数，同一步的各行相同。' } },
  { key: 'name', kind: 'name', required: true, doc: { en: 'Parameter or layer name, e.g. fc1.weight. The first step lists them input → output.', zh: '参数名或层名，例如 fc1.weight。第一步按从输入到输出的顺序列出。' } },
  { key: 'grad_norm', kind: 'number', required: true, doc: { en: 'Gradient norm ‖∂L/∂θ‖ of that parameter (L2 over all its entries), before clipping. Empty on a row that only carries activation statistics or the loss.', zh: '该参数的梯度范数 ‖∂L/∂θ‖（所有分量的 L2 范数），裁剪之前的值。只记录激活统计量或损失的行可以留空。' } },
  { key: 'weight_norm', kind: 'number', required: false, doc: { en: 'Norm ‖θ‖ of the parameter itself, as the gradient saw it (before the update).', zh: '参数本身的范数 ‖θ‖，取计算梯度时的值（更新之前）。' } },
  { key: 'act_mean', kind: 'number', required: false, doc: { en: 'Mean of the layer’s activations over the batch.', zh: '该层激活值在这一批上的均值。' } },
  { key: 'act_std', kind: 'number', required: false, doc: { en: 'Standard deviation of the same activations.', zh: '同一批激活值的标准差。' } },
  { key: 'act_saturated', kind: 'share', required: false, doc: { en: 'Share (0–1) of activation entries in a flat tail: f′(z) below 1 % of its peak (sigmoid, tanh).', zh: '处在平坦区的激活分量所占比例（0–1）：f′(z) 不到其最大值的 1%（sigmoid、tanh）。' } },
  { key: 'act_dead', kind: 'share', required: false, doc: { en: 'Share (0–1) of units that are flat for every sample of the batch, e.g. ReLUs that output 0 for all of it.', zh: '对这一批所有样本都处在平坦区的神经元所占比例（0–1），例如对整批输入都输出 0 的 ReLU。' } },
  { key: 'loss', kind: 'number', required: false, doc: { en: 'Training loss of the step; any row of the step may carry it.', zh: '这一步的训练损失；同一步的任意一行带上即可。' } },
] as const satisfies readonly Column[];

export type ColumnKey = (typeof COLUMNS)[number]['key'];
/** The measured columns, in COLUMNS' order: every one a number per row. */
export const MEASURES = COLUMNS.filter((c) => c.kind === 'number' || c.kind === 'share').map((c) => c.key) as MeasureKey[];
export type MeasureKey = Exclude<ColumnKey, 'step' | 'name'>;
export const REQUIRED = COLUMNS.filter((c) => c.required).map((c) => c.key);

/** The activation statistics: present on a row → the saturation and dead-unit checks run. */
export const ACT_MEASURES: readonly MeasureKey[] = ['act_mean', 'act_std', 'act_saturated', 'act_dead'];

/** One row as a writer has it: absent or undefined = not measured. */
export type LogRow = { step: number; name: string } & Partial<Record<MeasureKey, number>>;

/** The CSV header line of a log with these measures, in the declared order. */
export function csvHeader(measures: readonly MeasureKey[]): string {
  return ['step', 'name', ...MEASURES.filter((m) => m === 'grad_norm' || measures.includes(m))].join(',');
}

function csvNumber(v: number | undefined): string {
  if (v === undefined) return '';
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  return String(Number.isInteger(v) ? v : Number(v.toPrecision(7)));
}

/** One CSV line under `csvHeader(measures)`. Names with a comma or quote are quoted. */
export function csvLine(row: LogRow, measures: readonly MeasureKey[]): string {
  const name = /[",\n]/.test(row.name) ? `"${row.name.replaceAll('"', '""')}"` : row.name;
  const cols = MEASURES.filter((m) => m === 'grad_norm' || measures.includes(m));
  return [String(row.step), name, ...cols.map((m) => csvNumber(row[m]))].join(',');
}

/** One JSON line; non-finite numbers as the strings "NaN", "Infinity", "-Infinity" (valid JSON; the bare words Python writes are read too). */
export function jsonLine(row: LogRow): string {
  const o: Record<string, string | number> = { step: row.step, name: row.name };
  for (const m of MEASURES) {
    const v = row[m];
    if (v === undefined) continue;
    o[m] = Number.isNaN(v) ? 'NaN' : !Number.isFinite(v) ? (v > 0 ? 'Infinity' : '-Infinity') : Number.isInteger(v) ? v : Number(v.toPrecision(7));
  }
  return JSON.stringify(o);
}
