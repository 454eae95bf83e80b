/**
 * Probes: ∂L/∂h for an intermediate tensor h. tfjs differentiates only with
 * respect to inputs of the differentiated function, so each probe point gets
 * a zero tensor p of h's shape, the forward uses h + p (same value), and
 * ∂L/∂p = ∂L/∂h. Used for ∂L/∂a_l per layer in the MLP and, later, ∂L/∂h_t
 * per time step in RNNs.
 */
import * as tf from '@tensorflow/tfjs-core';
import './gradients';
import type { ProbeSpec } from './models/types';

/**
 * h + p with the gradient tfjs's Add gives (dy to both), as one customGrad:
 * tfjs's Add gradient has the tape save copies of h and p just for their
 * shapes and reshapes both results (4 kernels per probe and step). p gets
 * dy itself: valueAndGrads returns it, and nothing else writes to h + p's
 * gradient once this op's backward has run. h gets a copy, because when h
 * has other consumers tfjs disposes its first gradient on adding the next.
 */
const addProbe = tf.customGrad((h, p) => ({
  value: tf.add(h as tf.Tensor, p as tf.Tensor),
  gradFunc: (dy) => [tf.clone(dy as tf.Tensor), dy as tf.Tensor],
})) as (h: tf.Tensor, p: tf.Tensor) => tf.Tensor;

export class ProbeSet {
  readonly specs: readonly ProbeSpec[];
  /** One zero tensor per probe (never shared: a shared one would sum the gradients). */
  readonly tensors: readonly tf.Tensor[];
  private readonly index = new Map<string, number>();

  constructor(specs: readonly ProbeSpec[]) {
    this.specs = specs;
    // Kept: a ProbeSet lives across steps, and may be built inside someone's tidy.
    this.tensors = specs.map((s) => tf.keep(tf.zeros([...s.shape])));
    specs.forEach((s, i) => this.index.set(s.name, i));
  }

  has(name: string): boolean {
    return this.index.has(name);
  }

  /** The zero tensor of probe `name`, or null. */
  tensor(name: string): tf.Tensor | null {
    const i = this.index.get(name);
    return i === undefined ? null : this.tensors[i]!;
  }

  /** h + p for probe `name` (h itself when there is no such probe). Differentiate with respect to `tensors`. */
  attach(name: string, h: tf.Tensor): tf.Tensor {
    const i = this.index.get(name);
    if (i === undefined) return h;
    const p = this.tensors[i]!;
    if (p.shape.length !== h.shape.length || p.shape.some((d, k) => d !== h.shape[k])) {
      throw new Error(`probe ${name}: shape ${JSON.stringify(p.shape)} ≠ ${JSON.stringify(h.shape)}`);
    }
    return addProbe(h, p);
  }

  dispose(): void {
    for (const t of this.tensors) t.dispose();
  }
}

/**
 * One-off helper: the value of f and ∂f/∂h at every probe point h that f
 * routes through `probe`. The caller owns the returned tensors.
 */
export function probeGradients(specs: readonly ProbeSpec[], f: (probe: (name: string, h: tf.Tensor) => tf.Tensor) => tf.Scalar): { value: tf.Scalar; grads: Map<string, tf.Tensor> } {
  const set = new ProbeSet(specs);
  try {
    const { value, grads } = tf.valueAndGrads((..._zeros: tf.Tensor[]) => f((name, h) => set.attach(name, h)))([...set.tensors]);
    return { value, grads: new Map(specs.map((s, i) => [s.name, grads[i]!])) };
  } finally {
    set.dispose();
  }
}
