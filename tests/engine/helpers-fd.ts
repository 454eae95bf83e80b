/**
 * Float64 references for gradient tests: networks evaluated in plain JS,
 * differentiated by central finite differences.
 */
import type { LossName } from '../../src/engine/train/losses';

/** z = hW + b for n rows: h [n, din], W row-major [din, dout], b [dout]. */
export function affineF64(h: Float64Array, W: Float64Array, b: Float64Array, n: number, din: number, dout: number): Float64Array {
  const z = new Float64Array(n * dout);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dout; j++) {
      let s = b[j]!;
      for (let k = 0; k < din; k++) s += h[i * din + k]! * W[k * dout + j]!;
      z[i * dout + j] = s;
    }
  }
  return z;
}

/** The engine's losses (train/losses.ts) in float64: pred and y [n, dout]. */
export function lossF64(name: LossName, pred: Float64Array, y: Float64Array, n: number, dout: number): number {
  let s = 0;
  if (name === 'mse') for (let k = 0; k < pred.length; k++) s += (pred[k]! - y[k]!) ** 2;
  if (name === 'sigmoid-ce') for (let k = 0; k < pred.length; k++) s += Math.log1p(Math.exp(-Math.abs(pred[k]!))) + Math.max(pred[k]!, 0) - pred[k]! * y[k]!;
  if (name === 'softmax-ce') {
    for (let i = 0; i < n; i++) {
      const row = Array.from(pred.subarray(i * dout, (i + 1) * dout));
      const m = Math.max(...row);
      const lse = m + Math.log(row.reduce((a, v) => a + Math.exp(v - m), 0));
      for (let j = 0; j < dout; j++) s -= y[i * dout + j]! * (row[j]! - lse);
    }
    return s / n;
  }
  return s / pred.length;
}

/** ∂L/∂p for every entry of every array in `params`, by central differences of step h (L reads the arrays). */
export function centralDifferences(params: readonly Float64Array[], L: () => number, h = 1e-6): Float64Array[] {
  return params.map((p) => {
    const g = new Float64Array(p.length);
    for (let k = 0; k < p.length; k++) {
      const keep = p[k]!;
      p[k] = keep + h;
      const up = L();
      p[k] = keep - h;
      const down = L();
      p[k] = keep;
      g[k] = (up - down) / (2 * h);
    }
    return g;
  });
}

export const normF64 = (g: ArrayLike<number>): number => Math.sqrt(Array.from(g).reduce((s, v) => s + v * v, 0));
