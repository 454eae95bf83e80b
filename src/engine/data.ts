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

/**
 * Datasets are a tagged union so a sequence task (chapter 11, long-range
 * memory for RNN/LSTM: x is n × T × features) can be added as
 * `{ kind: 'sequence', … }` without touching the tabular code.
 */
export type Dataset = TabularDataset;

export const DEFAULT_SIZE = 256;

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
