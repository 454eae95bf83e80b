/**
 * Small fixed-size datasets drawn from a seeded Rng. Everything is plain
 * Float32Array so the same numbers feed any backend; tensors are made by the
 * trainer. Inputs are scaled to roughly [-1, 1].
 */
import type { Rng } from './rng';

/** What the targets mean; picks the loss and whether accuracy makes sense. */
export type Task = 'binary' | 'multiclass' | 'regression';

/** Row-major samples: x is n × inputDim, y is n × outputDim. */
export interface TabularDataset {
  readonly kind: 'tabular';
  readonly name: string;
  readonly task: Task;
  readonly n: number;
  readonly inputDim: number;
  readonly outputDim: number;
  readonly x: Float32Array;
  readonly y: Float32Array;
}

/** Row-major sequences: x is n × length × features (time-major within a sample), y is n × outputDim. */
export interface SequenceDataset {
  readonly kind: 'sequence';
  readonly name: string;
  readonly task: Task;
  readonly n: number;
  readonly length: number;
  readonly features: number;
  readonly outputDim: number;
  readonly x: Float32Array;
  readonly y: Float32Array;
}

/** A tagged union: the recurrent chapters' sequence tasks beside the tabular ones, neither touching the other's code. */
export type Dataset = TabularDataset | SequenceDataset;

export const DEFAULT_SIZE = 256;

/** Floats per example in x: a row of the table, or a whole sequence. */
export const exampleSize = (d: Dataset): number => (d.kind === 'sequence' ? d.length * d.features : d.inputDim);

/**
 * Rows of examples (n × exampleSize) in the layout models read: a table as it
 * is, sequences time-major, [T·n, features] (row t·n + i is example i at step
 * t), so that a recurrent layer reads step t as one contiguous block.
 */
export function modelLayout(d: Dataset, x: Float32Array, n: number): { x: Float32Array; shape: [number, number] } {
  if (d.kind === 'tabular') return { x, shape: [n, d.inputDim] };
  const { length: T, features: F } = d;
  const out = new Float32Array(x.length);
  for (let i = 0; i < n; i++) for (let t = 0; t < T; t++) for (let f = 0; f < F; f++) out[(t * n + i) * F + f] = x[(i * T + t) * F + f]!;
  return { x: out, shape: [T * n, F] };
}

/**
 * The last `heldOut` examples of a seeded draw as a validation set, the rest as the training set:
 * examples are drawn independently, so this is a seeded random split.
 */
export function holdOut(d: TabularDataset, heldOut: number): { train: TabularDataset; validation: TabularDataset } {
  if (!(heldOut > 0 && heldOut < d.n)) throw new Error(`holdOut: ${heldOut} of ${d.n} examples`);
  const n = d.n - heldOut;
  const part = (name: string, from: number, to: number): TabularDataset => ({
    ...d, name, n: to - from,
    x: d.x.slice(from * d.inputDim, to * d.inputDim),
    y: d.y.slice(from * d.outputDim, to * d.outputDim),
  });
  return { train: part(d.name, 0, n), validation: part(`${d.name}-validation`, n, d.n) };
}

function tabular(name: string, task: Task, n: number, inputDim: number, outputDim: number, fill: (i: number, x: Float32Array, y: Float32Array) => void): TabularDataset {
  const x = new Float32Array(n * inputDim);
  const y = new Float32Array(n * outputDim);
  for (let i = 0; i < n; i++) fill(i, x, y);
  return { kind: 'tabular', name, task, n, inputDim, outputDim, x, y };
}

/** Two interleaved spirals (label 0 / 1), alternating so any prefix is balanced. */
export function spirals(rng: Rng, n = DEFAULT_SIZE, opts: { turns?: number; noise?: number } = {}): TabularDataset {
  const turns = opts.turns ?? 1.5;
  const noise = opts.noise ?? 0.04;
  return tabular('spirals', 'binary', n, 2, 1, (i, x, y) => {
    const label = i % 2;
    const t = rng.uniform(); // position along the arm, 0 = centre
    const r = 0.1 + 0.9 * t;
    const angle = 2 * Math.PI * turns * t + label * Math.PI;
    x[2 * i] = r * Math.cos(angle) + noise * rng.normal();
    x[2 * i + 1] = r * Math.sin(angle) + noise * rng.normal();
    y[i] = label;
  });
}

/** A disc (label 1) inside a ring (label 0). */
export function circles(rng: Rng, n = DEFAULT_SIZE, opts: { inner?: number; noise?: number } = {}): TabularDataset {
  const inner = opts.inner ?? 0.45;
  const noise = opts.noise ?? 0.04;
  return tabular('circles', 'binary', n, 2, 1, (i, x, y) => {
    const label = i % 2;
    const r = label === 1 ? inner * Math.sqrt(rng.uniform()) : rng.range(inner + 0.2, 1);
    const angle = 2 * Math.PI * rng.uniform();
    x[2 * i] = r * Math.cos(angle) + noise * rng.normal();
    x[2 * i + 1] = r * Math.sin(angle) + noise * rng.normal();
    y[i] = label;
  });
}

/** y = sin(πx₁)·cos(πx₂) + noise on the square [-1, 1]²: a smooth 2-D → 1-D regression. */
export function wave2d(rng: Rng, n = DEFAULT_SIZE, opts: { noise?: number } = {}): TabularDataset {
  const noise = opts.noise ?? 0.02;
  return tabular('wave2d', 'regression', n, 2, 1, (i, x, y) => {
    const a = rng.range(-1, 1);
    const b = rng.range(-1, 1);
    x[2 * i] = a;
    x[2 * i + 1] = b;
    y[i] = Math.sin(Math.PI * a) * Math.cos(Math.PI * b) + noise * rng.normal();
  });
}

/** y = sin(3x) + noise on [-1, 1]: the simplest curve to fit, for 1-D plots. */
export function sine1d(rng: Rng, n = DEFAULT_SIZE, opts: { noise?: number } = {}): TabularDataset {
  const noise = opts.noise ?? 0.02;
  return tabular('sine1d', 'regression', n, 1, 1, (i, x, y) => {
    const a = rng.range(-1, 1);
    x[i] = a;
    y[i] = Math.sin(3 * a) + noise * rng.normal();
  });
}

export const datasets = { spirals, circles, wave2d, sine1d } as const;
export type DatasetName = keyof typeof datasets;

/** The adding problem's loss for always predicting the mean, 1: the variance of a sum of two U[0, 1) values. */
export const ADDING_MEAN_MSE = 1 / 6;

/**
 * The adding problem (Hochreiter and Schmidhuber, 1997): at each of `length` steps a value in
 * U[0, 1) and a marker (0 or 1); exactly two steps are marked, one in each half of the sequence,
 * and the target is the sum of their two values. Predicting the mean, 1, scores an MSE of 1/6 (the
 * variance of a sum of two U[0, 1)); doing better means carrying the first value from the first
 * half to the end. Features per step: [value, marker].
 */
export function addingProblem(rng: Rng, length: number, n = DEFAULT_SIZE): SequenceDataset {
  if (!Number.isInteger(length) || length < 2) throw new RangeError(`addingProblem: length must be an integer ≥ 2, got ${length}`);
  const half = Math.floor(length / 2);
  const x = new Float32Array(n * length * 2);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * length * 2;
    for (let t = 0; t < length; t++) x[row + 2 * t] = rng.uniform();
    const first = rng.int(half);
    const second = half + rng.int(length - half);
    x[row + 2 * first + 1] = 1;
    x[row + 2 * second + 1] = 1;
    // the target from the float32 values the model sees
    y[i] = x[row + 2 * first]! + x[row + 2 * second]!;
  }
  return { kind: 'sequence', name: 'adding', task: 'regression', n, length, features: 2, outputDim: 1, x, y };
}
