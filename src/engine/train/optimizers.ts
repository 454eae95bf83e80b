/**
 * Optimisers written over tensors (not tf.train): the update rule is part of
 * what the site teaches, and owning it keeps its state in our registry of
 * disposables. `apply` must be called inside a tf.tidy; slot variables
 * (velocity, moments) and constant scalars live until `dispose`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { OptimizerSpec } from '../reproduce/spec';

export interface Optimizer {
  readonly name: OptimizerName;
  /**
   * Loss scaling: the trainer differentiates lossScale·L, so `apply` gets
   * lossScale·∇L. Plain SGD sets it to η and updates w ← w − g̃: one kernel
   * per parameter and step where w − η·g is two. Metrics and gradient
   * transforms divide it back out (clipping.ts).
   */
  readonly lossScale: number;
  /** Its rule and settings, for another framework (reproduce/). */
  readonly spec: OptimizerSpec;
  /** Updates each variable in place from its gradient (same order), scaled by lossScale. */
  apply(vars: readonly tf.Variable[], grads: readonly tf.Tensor[]): void;
  dispose(): void;
}

export type OptimizerName = 'sgd' | 'momentum' | 'adam';

export interface OptimizerConfig {
  name: OptimizerName;
  lr: number;
  /** momentum: μ (default 0.9). */
  momentum?: number;
  /** adam: β₁, β₂, ε (defaults 0.9, 0.999, 1e-8). */
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/**
 * Scalars made once and kept across steps (made lazily, inside the first
 * update's tidy, hence tf.keep), not one fresh tensor per step.
 */
function constants(values: readonly number[]): { get(): tf.Scalar[]; dispose(): void } {
  let made: tf.Scalar[] | null = null;
  return {
    get() {
      made ??= values.map((v) => tf.keep(tf.scalar(v)));
      return made;
    },
    dispose() {
      made?.forEach((s) => s.dispose());
      made = null;
    },
  };
}

/**
 * w ← w − η·g, with η folded into the loss scale (the gradients arrive as
 * η·g) when 0 < η ≤ 1. A larger η is not folded: it would push gradients
 * towards float32's overflow before the weights get there.
 */
export function sgd(lr: number): Optimizer {
  const folded = lr > 0 && lr <= 1;
  const consts = constants([lr]);
  return {
    name: 'sgd',
    lossScale: folded ? lr : 1,
    spec: { name: 'sgd', lr },
    apply(vars, grads) {
      if (folded) {
        vars.forEach((v, i) => v.assign(tf.sub(v, grads[i]!)));
        return;
      }
      const [eta] = consts.get() as [tf.Scalar];
      vars.forEach((v, i) => v.assign(tf.sub(v, tf.mul(eta, grads[i]!))));
    },
    dispose: () => consts.dispose(),
  };
}

/** Slot variables are created lazily, on the first update, with the variable's shape. */
function slots(): { get(vars: readonly tf.Variable[]): tf.Variable[]; dispose(): void } {
  let made: tf.Variable[] | null = null;
  return {
    get(vars) {
      made ??= vars.map((v) => tf.variable(tf.zerosLike(v), false));
      return made;
    },
    dispose() {
      made?.forEach((s) => s.dispose());
      made = null;
    },
  };
}

/** Heavy ball, PyTorch convention: v ← μ·v + g; w ← w − η·v */
export function momentum(lr: number, mu = 0.9): Optimizer {
  const velocity = slots();
  const consts = constants([lr, mu]);
  return {
    name: 'momentum',
    lossScale: 1,
    spec: { name: 'momentum', lr, momentum: mu },
    apply(vars, grads) {
      const vs = velocity.get(vars);
      const [eta, m] = consts.get() as [tf.Scalar, tf.Scalar];
      vars.forEach((w, i) => {
        const v = vs[i]!;
        v.assign(tf.add(tf.mul(m, v), grads[i]!));
        w.assign(tf.sub(w, tf.mul(eta, v)));
      });
    },
    dispose() {
      velocity.dispose();
      consts.dispose();
    },
  };
}

/** Adam with bias correction: m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ), w ← w − η·m̂/(√v̂ + ε) */
export function adam(lr: number, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8): Optimizer {
  const first = slots();
  const second = slots();
  const consts = constants([beta1, beta2, 1 - beta1, 1 - beta2]);
  let t = 0;
  return {
    name: 'adam',
    lossScale: 1,
    spec: { name: 'adam', lr, beta1, beta2, epsilon },
    apply(vars, grads) {
      t += 1;
      const ms = first.get(vars);
      const vs = second.get(vars);
      const [b1, b2, c1, c2] = consts.get() as [tf.Scalar, tf.Scalar, tf.Scalar, tf.Scalar];
      // Bias corrections folded into the step size (computed in float64 here; they change every step).
      const stepSize = tf.scalar((lr * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t));
      const eps = tf.scalar(epsilon * Math.sqrt(1 - beta2 ** t));
      vars.forEach((w, i) => {
        const g = grads[i]!;
        const m = ms[i]!;
        const v = vs[i]!;
        m.assign(tf.add(tf.mul(b1, m), tf.mul(c1, g)));
        v.assign(tf.add(tf.mul(b2, v), tf.mul(c2, tf.square(g))));
        w.assign(tf.sub(w, tf.mul(stepSize, tf.div(m, tf.add(tf.sqrt(v), eps)))));
      });
    },
    dispose() {
      first.dispose();
      second.dispose();
      consts.dispose();
    },
  };
}

export function createOptimizer(cfg: OptimizerConfig): Optimizer {
  switch (cfg.name) {
    case 'sgd': return sgd(cfg.lr);
    case 'momentum': return momentum(cfg.lr, cfg.momentum);
    case 'adam': return adam(cfg.lr, cfg.beta1, cfg.beta2, cfg.epsilon);
  }
}
