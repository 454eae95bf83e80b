/**
 * What a parsed log says: per-step global norm and first ÷ last ratio, the charts'
 * columns, and the findings with their evidence. Pure and synchronous: the worker
 * runs it on a million rows in a few passes over the columns, never row objects.
 */
import { ACT_MEASURES, MEASURES, type MeasureKey } from './format';
import { MEASURE_BIT, type LogColumns } from './log-columns';
import { SPIKE_WINDOW, type Thresholds } from './thresholds';

/** Biases and batch-norm shifts are not compared across depth: their norms follow other rules. */
export function isBiasName(name: string): boolean {
  return /(^|[./:_\-\s])(bias|beta|b)(:\d+)?$/i.test(name);
}

/** Which value went non-finite first, in the order a step computes them (as the engine reports it). */
export type NonFiniteQuantity = 'activation' | 'loss' | 'gradient' | 'weight';

export type Finding =
  | {
      kind: 'vanishing'; first: string; last: string; median: number; count: number; of: number; from: number; to: number; layers: string[]; threshold: number;
      /** From this step to the end the last layer's gradient is exactly 0, so there is no ratio to take. */
      lastZeroFrom: number | null;
    }
  | { kind: 'exploding-depth'; first: string; last: string; median: number; count: number; of: number; from: number; to: number; layers: string[]; threshold: number }
  | { kind: 'nonfinite'; step: number; quantity: NonFiniteQuantity; layer: string | null; column: MeasureKey; value: 'nan' | 'inf'; layersAfter: number }
  | { kind: 'growth'; start: number; end: number; factor: number; early: [number, number]; late: [number, number]; threshold: number }
  | {
      kind: 'spikes'; count: number; top: { step: number; factor: number; norm: number }[]; threshold: number;
      /** No growth and nothing non-finite besides: spikes the norm came back from. */
      alone: boolean;
    }
  | { kind: 'dead-layers'; layers: { name: string; from: number; steps: number }[]; threshold: number }
  | { kind: 'saturation'; layers: { name: string; share: number }[]; from: number; threshold: number }
  | { kind: 'dead-units'; layers: { name: string; share: number }[]; from: number; threshold: number };

const QUANTITY: Record<MeasureKey, NonFiniteQuantity> = {
  grad_norm: 'gradient', weight_norm: 'weight', loss: 'loss',
  act_mean: 'activation', act_std: 'activation', act_saturated: 'activation', act_dead: 'activation',
};

export type Category = 'vanishing' | 'exploding' | 'dead' | 'saturation';

export const CATEGORY: Record<Finding['kind'], Category> = {
  vanishing: 'vanishing',
  'exploding-depth': 'exploding',
  nonfinite: 'exploding',
  growth: 'exploding',
  spikes: 'exploding',
  'dead-layers': 'dead',
  'dead-units': 'dead',
  saturation: 'saturation',
};

/** Worth knowing, not a diagnosis: spikes the norm recovers from are ordinary SGD; before a divergence they are part of it. */
export function isProblem(f: Finding): boolean {
  return f.kind !== 'spikes' || !f.alone;
}

/** What was looked at, said also when all is well. */
export interface Checks {
  rows: number;
  steps: number;
  firstStep: number;
  lastStep: number;
  /** Names with gradient norms (heatmap rows). */
  layers: number;
  /** Weight-like names, compared across depth. */
  depth: number;
  compared: { first: string; last: string } | null;
  ratio: { min: number; median: number; max: number } | null;
  growth: number | null;
  spikes: number;
  nonfinite: boolean;
  act: boolean;
  loss: boolean;
}

/** A series over the chart columns; `ok[i]` = 0 where no step of column i has a value. */
export interface ColumnSeries {
  v: Float64Array;
  ok: Uint8Array;
}

export interface ChartData {
  /** First step of each column. */
  x: Float64Array;
  /** Logged steps per column (the last may hold fewer). */
  stride: number;
  /** Heatmap rows: indices into `names` of the names with gradient norms, in log order. */
  rows: number[];
  names: string[];
  /** rows × columns, row-major: geometric mean of the column's steps; NaN/±∞ if any step had one, 0 if any had 0. */
  grad: Float64Array;
  /** Largest global norm of each column's steps (a spike stays visible). */
  global: ColumnSeries;
  /** Geometric mean of first ÷ last over each column's steps. */
  ratio: ColumnSeries;
  /** Mean loss of each column's steps; null when the log has none. */
  loss: ColumnSeries | null;
}

export interface Analysis {
  checks: Checks;
  findings: Finding[];
  charts: ChartData;
}

/** Heatmap cells the page gets at most: drawing stays short on the main thread. */
export const MAX_CELLS = 15_000;
export const MAX_COLUMNS = 300;

function median(values: ArrayLike<number>): number {
  const a = Float64Array.from(values).sort();
  const n = a.length;
  return n === 0 ? NaN : n % 2 ? a[(n - 1) / 2]! : (a[n / 2 - 1]! + a[n / 2]!) / 2;
}

/** Row order by step (stable); null when the rows already are. */
function stepOrder(log: LogColumns): Uint32Array | null {
  const s = log.step;
  let sorted = true;
  for (let i = 1; i < log.rows && sorted; i++) if (s[i]! < s[i - 1]!) sorted = false;
  if (sorted) return null;
  const idx = Array.from({ length: log.rows }, (_, i) => i);
  idx.sort((a, b) => s[a]! - s[b]! || a - b);
  return Uint32Array.from(idx);
}

function nonFiniteKind(v: number): 'nan' | 'inf' {
  return Number.isNaN(v) ? 'nan' : 'inf';
}

/** The longest stretch of consecutive entries where `hit` holds: [first, last] index, or null. */
function longestRun(n: number, hit: (i: number) => boolean): [number, number] | null {
  let best: [number, number] | null = null;
  let start = -1;
  for (let i = 0; i <= n; i++) {
    if (i < n && hit(i)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (!best || i - 1 - start > best[1] - best[0]) best = [start, i - 1];
      start = -1;
    }
  }
  return best;
}

export function analyze(log: LogColumns, th: Thresholds): Analysis {
  const n = log.rows;
  const order = stepOrder(log);
  const at = (k: number) => (order ? order[k]! : k);
  const grad = log.values.grad_norm;
  const G = MEASURE_BIT.grad_norm;
  const names = log.names;

  // Pass 1: which names carry gradients, and each row's step index.
  const gradCount = new Uint32Array(names.length);
  const stepIdx = new Uint32Array(n);
  const steps: number[] = [];
  for (let k = 0; k < n; k++) {
    const r = at(k);
    const s = log.step[r]!;
    if (steps.length === 0 || s !== steps[steps.length - 1]) steps.push(s);
    stepIdx[r] = steps.length - 1;
    if (log.has[r]! & G) gradCount[log.name[r]!]!++;
  }
  const nSteps = steps.length;
  const gradRows = names.map((_, i) => i).filter((i) => gradCount[i]! > 0);
  const weightLike = gradRows.filter((i) => !isBiasName(names[i]!));
  const depthRows = weightLike.length >= 2 ? weightLike : gradRows;
  const first = depthRows.length >= 2 ? depthRows[0]! : -1;
  const last = depthRows.length >= 2 ? depthRows[depthRows.length - 1]! : -1;

  // Pass 2: per step, in step order.
  const globalSq = new Float64Array(nSteps);
  const globalBad = new Float64Array(nSteps); // 0, or the first non-finite gradient norm met
  const hasGrad = new Uint8Array(nSteps);
  const firstG = new Float64Array(nSteps).fill(NaN);
  const lastG = new Float64Array(nSteps).fill(NaN);
  const loss = new Float64Array(nSteps);
  const hasLoss = new Uint8Array(nSteps);
  let anyLoss = false;
  let anyAct = false;
  let firstBad = -1; // step index of the first non-finite value of any column
  const zeroFrom = new Float64Array(names.length).fill(-1); // step where the current run of exact zeros began
  const zeroLen = new Uint32Array(names.length);
  const lossCol = log.values.loss;
  const actBits = ACT_MEASURES.reduce((b, m) => b | MEASURE_BIT[m], 0);
  const measureKeys = Object.keys(log.values) as MeasureKey[];
  for (let k = 0; k < n; k++) {
    const r = at(k);
    const si = stepIdx[r]!;
    const has = log.has[r]!;
    const name = log.name[r]!;
    if (has & actBits) anyAct = true;
    if (has & MEASURE_BIT.loss && !hasLoss[si]) {
      hasLoss[si] = 1;
      loss[si] = lossCol![r]!;
      anyLoss = true;
    }
    if (has & G) {
      const g = grad![r]!;
      hasGrad[si] = 1;
      if (Number.isFinite(g)) globalSq[si]! += g * g;
      else if (globalBad[si] === 0 || Number.isNaN(g)) globalBad[si] = g;
      if (name === first) firstG[si] = g;
      if (name === last) lastG[si] = g;
      if (g === 0) {
        if (zeroFrom[name]! < 0) zeroFrom[name] = log.step[r]!;
        zeroLen[name]!++;
      } else {
        zeroFrom[name] = -1;
        zeroLen[name] = 0;
      }
    }
    if (firstBad < 0 || si < firstBad) {
      for (const m of measureKeys) {
        if (has & MEASURE_BIT[m] && !Number.isFinite(log.values[m]![r]!)) {
          firstBad = si;
          break;
        }
      }
    }
  }
  const global = new Float64Array(nSteps);
  for (let i = 0; i < nSteps; i++) global[i] = !hasGrad[i] ? NaN : globalBad[i] !== 0 ? Math.abs(globalBad[i]!) : Math.sqrt(globalSq[i]!);

  // Pass 3: per name against the last layer, the last quarter's activation statistics, the first non-finite value, the chart cells.
  const lastQuarter = steps[Math.min(nSteps - 1, Math.floor(nSteps * 0.75))] ?? 0;
  const logRatioSum = new Float64Array(names.length);
  const logRatioN = new Uint32Array(names.length);
  const satSum = new Float64Array(names.length);
  const satN = new Uint32Array(names.length);
  const deadSum = new Float64Array(names.length);
  const deadN = new Uint32Array(names.length);
  const cols = Math.max(1, Math.min(nSteps, MAX_COLUMNS, Math.floor(MAX_CELLS / Math.max(1, gradRows.length))));
  const stride = Math.ceil(nSteps / cols);
  const colOf = (si: number) => Math.floor(si / stride);
  const nCols = Math.ceil(nSteps / stride);
  const rowOf = new Int32Array(names.length).fill(-1);
  gradRows.forEach((nameIdx, row) => (rowOf[nameIdx] = row));
  const cellLog = new Float64Array(gradRows.length * nCols);
  const cellN = new Uint32Array(gradRows.length * nCols);
  const cellBad = new Float64Array(gradRows.length * nCols); // 0, or a non-finite value (NaN wins)
  const cellZero = new Uint8Array(gradRows.length * nCols);
  type Candidate = { q: NonFiniteQuantity; order: number; layer: string | null; column: MeasureKey; value: number };
  const candidates: Candidate[] = [];
  const Q_ORDER: Record<NonFiniteQuantity, number> = { activation: 0, loss: 1, gradient: 2, weight: 3 };
  const sat = log.values.act_saturated;
  const dead = log.values.act_dead;
  for (let k = 0; k < n; k++) {
    const r = at(k);
    const si = stepIdx[r]!;
    const name = log.name[r]!;
    const has = log.has[r]!;
    if (has & G) {
      const g = grad![r]!;
      const L = lastG[si]!;
      if (Number.isFinite(g) && g > 0 && Number.isFinite(L) && L > 0) {
        logRatioSum[name]! += Math.log(g / L);
        logRatioN[name]!++;
      }
      const cell = rowOf[name]! * nCols + colOf(si);
      if (!Number.isFinite(g)) {
        if (cellBad[cell] === 0 || Number.isNaN(g)) cellBad[cell] = g;
      } else if (g <= 0) cellZero[cell] = 1;
      else {
        cellLog[cell]! += Math.log(g);
        cellN[cell]!++;
      }
    }
    if (log.step[r]! >= lastQuarter) {
      if (has & MEASURE_BIT.act_saturated && Number.isFinite(sat![r]!)) (satSum[name]! += sat![r]!), satN[name]!++;
      if (has & MEASURE_BIT.act_dead && Number.isFinite(dead![r]!)) (deadSum[name]! += dead![r]!), deadN[name]!++;
    }
    if (si === firstBad) {
      // Every quantity of the row that is non-finite (the activation statistics count once).
      const seen = new Set<NonFiniteQuantity>();
      for (const m of MEASURES) {
        if (!(has & MEASURE_BIT[m])) continue;
        const v = log.values[m]![r]!;
        const q = QUANTITY[m];
        if (Number.isFinite(v) || seen.has(q)) continue;
        seen.add(q);
        candidates.push({ q, order: Q_ORDER[q], layer: q === 'loss' ? null : names[name]!, column: m, value: v });
      }
    }
  }

  const findings: Finding[] = [];
  const stepAt = (i: number) => steps[i]!;

  // First non-finite value: the earliest quantity of the step's computation; within it, the first row in log order.
  if (firstBad >= 0) {
    const c = candidates.reduce((a, b) => (b.order < a.order ? b : a));
    // How far it spread: the names whose gradient norm is non-finite from that step's column on.
    let layersAfter = 0;
    for (let row = 0; row < gradRows.length; row++) {
      for (let col = colOf(firstBad); col < nCols; col++) {
        if (cellBad[row * nCols + col] !== 0) {
          layersAfter++;
          break;
        }
      }
    }
    findings.push({ kind: 'nonfinite', step: stepAt(firstBad), quantity: c.q, layer: c.layer, column: c.column, value: nonFiniteKind(c.value), layersAfter });
  }

  // Across depth: first ÷ last, step by step.
  const ratioSteps: number[] = [];
  const ratios: number[] = [];
  if (first >= 0) {
    for (let i = 0; i < nSteps; i++) {
      const a = firstG[i]!;
      const b = lastG[i]!;
      if (Number.isFinite(a) && Number.isFinite(b) && b > 0) ratioSteps.push(i), ratios.push(a / b);
    }
  }
  const ratioStats = ratios.length ? { min: ratios.reduce((a, b) => Math.min(a, b)), median: median(ratios), max: ratios.reduce((a, b) => Math.max(a, b)) } : null;
  const depthFinding = (kind: 'vanishing' | 'exploding-depth', threshold: number, hit: (r: number) => boolean) => {
    const count = ratios.reduce((c, r) => c + (hit(r) ? 1 : 0), 0);
    if (ratios.length === 0 || count < th.persist * ratios.length || count === 0) return;
    const run = longestRun(ratios.length, (i) => hit(ratios[i]!))!;
    const layers = depthRows.filter((i) => logRatioN[i]! > 0 && hit(Math.exp(logRatioSum[i]! / logRatioN[i]!))).map((i) => names[i]!);
    const base = { first: names[first]!, last: names[last]!, median: median(ratios), count, of: ratios.length, from: stepAt(ratioSteps[run[0]]!), to: stepAt(ratioSteps[run[1]]!), layers, threshold };
    findings.push(kind === 'vanishing' ? { kind, ...base, lastZeroFrom: zeroLen[last]! > 0 ? zeroFrom[last]! : null } : { kind, ...base });
  };
  depthFinding('vanishing', th.vanish, (r) => r < th.vanish);
  depthFinding('exploding-depth', 1 / th.vanish, (r) => r > 1 / th.vanish);

  // Over time: the global norm before anything went non-finite.
  const finiteSteps: number[] = [];
  for (let i = 0; i < (firstBad >= 0 ? firstBad : nSteps); i++) if (Number.isFinite(global[i]!)) finiteSteps.push(i);
  let growth: number | null = null;
  if (finiteSteps.length >= 4) {
    const tenth = Math.max(1, Math.floor(finiteSteps.length / 10));
    const early = finiteSteps.slice(0, tenth);
    const late = finiteSteps.slice(-tenth);
    const start = median(early.map((i) => global[i]!));
    const end = median(late.map((i) => global[i]!));
    growth = start > 0 ? end / start : end > 0 ? Infinity : 1;
    if (growth > th.growth) {
      findings.push({ kind: 'growth', start, end, factor: growth, early: [stepAt(early[0]!), stepAt(early.at(-1)!)], late: [stepAt(late[0]!), stepAt(late.at(-1)!)], threshold: th.growth });
    }
  }
  const spikes: { step: number; factor: number; norm: number }[] = [];
  for (let j = 5; j < finiteSteps.length; j++) {
    const base = median(finiteSteps.slice(Math.max(0, j - SPIKE_WINDOW), j).map((i) => global[i]!));
    const g = global[finiteSteps[j]!]!;
    if (base > 0 && g > th.spike * base) spikes.push({ step: stepAt(finiteSteps[j]!), factor: g / base, norm: g });
  }
  if (spikes.length) {
    const alone = !findings.some((f) => f.kind === 'growth' || f.kind === 'nonfinite');
    findings.push({ kind: 'spikes', count: spikes.length, top: [...spikes].sort((a, b) => b.factor - a.factor).slice(0, 3), threshold: th.spike, alone });
  }

  // Dead layers: exact zeros up to the end of the log.
  const deadLayers = gradRows
    .filter((i) => zeroLen[i]! > 0 && zeroLen[i]! >= Math.min(th.deadSteps, gradCount[i]!))
    .map((i) => ({ name: names[i]!, from: zeroFrom[i]!, steps: zeroLen[i]! }));
  if (deadLayers.length) findings.push({ kind: 'dead-layers', layers: deadLayers, threshold: th.deadSteps });

  const shareFinding = (kind: 'saturation' | 'dead-units', sum: Float64Array, cnt: Uint32Array, threshold: number) => {
    const layers = names.flatMap((name, i) => (cnt[i]! > 0 && sum[i]! / cnt[i]! > threshold ? [{ name, share: sum[i]! / cnt[i]! }] : []));
    if (layers.length) findings.push({ kind, layers, from: lastQuarter, threshold });
  };
  shareFinding('saturation', satSum, satN, th.saturated);
  shareFinding('dead-units', deadSum, deadN, th.deadUnits);

  // Chart columns.
  const x = new Float64Array(nCols);
  for (let c = 0; c < nCols; c++) x[c] = steps[c * stride]!;
  const cells = new Float64Array(gradRows.length * nCols);
  for (let i = 0; i < cells.length; i++) {
    cells[i] = cellBad[i] !== 0 ? cellBad[i]! : cellZero[i] ? 0 : cellN[i] ? Math.exp(cellLog[i]! / cellN[i]!) : NaN;
  }
  const column = (value: (i: number) => number | null, reduce: 'max' | 'mean' | 'geo'): ColumnSeries => {
    const v = new Float64Array(nCols);
    const ok = new Uint8Array(nCols);
    const cnt = new Uint32Array(nCols);
    const bad = new Float64Array(nCols); // 0, or a non-finite value met (NaN wins)
    for (let i = 0; i < nSteps; i++) {
      const y = value(i);
      if (y === null) continue;
      const c = colOf(i);
      ok[c] = 1;
      if (!Number.isFinite(y)) {
        if (bad[c] === 0 || Number.isNaN(y)) bad[c] = y;
      } else if (reduce === 'max') v[c] = cnt[c]++ ? Math.max(v[c]!, y) : y;
      else (v[c]! += reduce === 'geo' ? Math.log(y) : y), cnt[c]++;
    }
    for (let c = 0; c < nCols; c++) {
      if (bad[c] !== 0) v[c] = bad[c]!;
      else if (cnt[c] && reduce !== 'max') v[c] = reduce === 'geo' ? Math.exp(v[c]! / cnt[c]!) : v[c]! / cnt[c]!;
    }
    return { v, ok };
  };
  const ratioAt = new Float64Array(nSteps).fill(NaN);
  ratioSteps.forEach((si, j) => (ratioAt[si] = ratios[j]!));

  return {
    checks: {
      rows: n, steps: nSteps, firstStep: steps[0] ?? 0, lastStep: steps.at(-1) ?? 0,
      layers: gradRows.length, depth: depthRows.length,
      compared: first >= 0 ? { first: names[first]!, last: names[last]! } : null,
      ratio: ratioStats, growth, spikes: spikes.length, nonfinite: firstBad >= 0, act: anyAct, loss: anyLoss,
    },
    findings,
    charts: {
      x, stride, rows: gradRows, names, grad: cells,
      global: column((i) => (hasGrad[i] ? global[i]! : null), 'max'),
      ratio: column((i) => (Number.isNaN(ratioAt[i]!) ? null : ratioAt[i]! > 0 ? ratioAt[i]! : null), 'geo'),
      loss: anyLoss ? column((i) => (hasLoss[i] ? loss[i]! : null), 'mean') : null,
    },
  };
}
