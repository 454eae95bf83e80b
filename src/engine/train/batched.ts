/**
 * Per-tensor statistics of many tensors in a handful of ops.
 *
 * On wasm (and cpu) a training step of these small networks costs what its
 * op dispatches cost (~5–20 µs each), not arithmetic: "Σg² of each of 20
 * gradients" as 20 × (square, sum) is 40 dispatches. Tensors of the same
 * shape are therefore stacked into one [k, …shape] tensor (one copy, one
 * dispatch) and reduced together, and the group results are put back in
 * the callers' order. An MLP has few distinct shapes (first layer, hidden
 * layers, output layer), so the op count no longer grows with depth.
 *
 * Stacking keeps tensors apart: a NaN or Inf in one tensor stays in that
 * tensor's result (unlike a concatenation reduced through an indicator
 * matrix, where 0 · Inf = NaN would leak into every result).
 */
import * as tf from '@tensorflow/tfjs-core';

export interface Group<T> {
  /** Positions of the members in the caller's list, ascending. */
  readonly indices: number[];
  readonly items: T[];
}

/** Items grouped by `key` (first-appearance order of the keys). Pure JS, no ops. */
export function groupBy<T>(items: readonly T[], key: (item: T, i: number) => string): Group<T>[] {
  const byKey = new Map<string, Group<T>>();
  items.forEach((item, i) => {
    const k = key(item, i);
    let g = byKey.get(k);
    if (!g) byKey.set(k, (g = { indices: [], items: [] }));
    g.indices.push(i);
    g.items.push(item);
  });
  return [...byKey.values()];
}

export const shapeKey = (t: tf.Tensor): string => t.shape.join('x');

/** [k, …shape] from k tensors of one shape (a reshape, not a copy, when k = 1). */
export function stackGroup(ts: readonly tf.Tensor[]): tf.Tensor {
  return ts.length === 1 ? tf.expandDims(ts[0]!, 0) : tf.stack([...ts]);
}

/** [k, size]: each member as one row, for reductions over axis 1 (the fast, contiguous axis on every backend). */
export function rows(stacked: tf.Tensor): tf.Tensor2D {
  // Already rows: no Reshape dispatch (each costs ~5 µs on wasm, and it would change nothing).
  if (stacked.rank === 2) return stacked as tf.Tensor2D;
  const k = stacked.shape[0]!;
  return tf.reshape(stacked, [k, stacked.size / k]);
}

/** `rows(stackGroup(ts))` in one op when k = 1 (a reshape, not expandDims + reshape). */
export function stackRows(ts: readonly tf.Tensor[]): tf.Tensor2D {
  if (ts.length > 1) return rows(tf.stack([...ts]));
  const t = ts[0]!;
  return t.rank === 2 && t.shape[0] === 1 ? (t as tf.Tensor2D) : tf.reshape(t, [1, t.size]);
}

/**
 * Per-item results still in their shape groups: `parts[i]` holds one row
 * per member of group i ([k] or [k, m]), and `order` the item each row
 * belongs to, part after part. Packed as is and put in order in JS
 * (Packer.addRows): no concat and gather kernels, no index tensor to
 * upload each step. `joinRows` makes one tensor in item order where one is needed.
 */
export interface GroupedRows {
  readonly parts: readonly tf.Tensor[];
  readonly order: readonly number[];
}

export function groupedRows(groups: readonly { indices: readonly number[] }[], parts: readonly tf.Tensor[]): GroupedRows {
  return { parts, order: groups.flatMap((g) => g.indices) };
}

/** The rows as one tensor in item order: one concat and one gather, or nothing when there is a single group in order. */
export function joinRows({ parts, order }: GroupedRows): tf.Tensor {
  const joined = parts.length === 1 ? parts[0]! : tf.concat([...parts], 0);
  if (order.every((pos, i) => pos === i)) return joined;
  // inverse[p] = row of `joined` that holds the result of item p.
  const inverse = new Array<number>(order.length);
  order.forEach((pos, row) => (inverse[pos] = row));
  return tf.gather(joined, tf.tensor1d(inverse, 'int32'));
}

/** Σ over every row (order does not matter: no gather). */
export function sumOfRows({ parts }: GroupedRows): tf.Scalar {
  return tf.sum(parts.length === 1 ? parts[0]! : tf.concat([...parts.map((p) => tf.reshape(p, [-1]))])) as tf.Scalar;
}

/**
 * `reduce` applied to each shape group of `ts` (stacked as rows, [k, size];
 * it returns [k] or [k, m]), one row per tensor. Call inside a tidy.
 */
export function perTensorRows(ts: readonly tf.Tensor[], reduce: (stacked: tf.Tensor2D) => tf.Tensor): GroupedRows {
  const groups = groupBy(ts, shapeKey);
  return groupedRows(groups, groups.map((g) => reduce(stackRows(g.items))));
}

/** `perTensorRows` joined: results in the order of `ts`. */
export function perTensor(ts: readonly tf.Tensor[], reduce: (stacked: tf.Tensor2D) => tf.Tensor): tf.Tensor {
  return joinRows(perTensorRows(ts, reduce));
}

/**
 * A per-row value v [k, 1] as the operand of an elementwise op with rows
 * [k, n]. Most backends broadcast it at the speed of a same-shape op; the
 * cpu backend broadcasts through per-element index arithmetic (~75 ns per
 * element against ~10 for same-shape operands: ~6 ms for ten 256×32
 * layers), so there v is spread to [k, n] first by a matMul with a row of
 * ones (exact: one product by 1 per entry).
 */
export function perRow(v: tf.Tensor, n: number): tf.Tensor {
  if (tf.getBackend() !== 'cpu') return v;
  return tf.matMul(v as tf.Tensor2D, tf.ones([1, n]));
}
