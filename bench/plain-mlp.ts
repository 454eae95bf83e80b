/**
 * The DESIGN.md reference network written as plain-JS loops over typed arrays:
 * the yardstick of the budget "reference workload on wasm: at most half the
 * ms/step of the plain-JS loops".
 *
 *   dims[0] → dims[1] → … → dims[L]; hidden layers a = σ(xW + b), output linear;
 *   MSE over the whole batch (mean over all entries); plain SGD;
 *   ‖∂L/∂W_l‖ and ‖∂L/∂b_l‖ per layer, every step.
 *
 * Written the way a careful engineer would write it in JS, so the comparison
 * with the tfjs engine is fair:
 * - every buffer is allocated once, in the constructor; a step allocates nothing;
 * - row-major storage (W is fanIn × fanOut, as the engine's tf.matMul(x, W));
 *   every inner loop walks contiguous memory (the output units j);
 * - register blocking: four samples at a time, so each weight loaded from
 *   memory feeds four multiply-adds (forward, and backward for ∂L/∂W and ∂L/∂x
 *   in one fused pass); a tail of fewer than four samples takes the one-row path;
 * - sums in float64 locals / scratch rows, values stored as float32 like the engine;
 * - the SGD update computes the gradient norms in the same pass.
 *
 * `blocked: false` gives the same maths without the register blocking (one
 * sample at a time, forward and backward still fused): the "simple loops"
 * variant the benchmark also reports, to show how much the yardstick moves.
 *
 * `precision: 'f64'` stores everything as float64 (for finite-difference tests).
 */
import { wave2d } from '../src/engine/data';
import { initWeights } from '../src/engine/init';
import { createRng } from '../src/engine/rng';

export type FloatArray = Float32Array | Float64Array;

export interface PlainMlpOptions {
  /** Layer widths, input first: [2, 32, …, 32, 1]. */
  dims: readonly number[];
  /** Inputs, n × dims[0], row-major. */
  x: ArrayLike<number>;
  /** Targets, n × dims[L], row-major. */
  y: ArrayLike<number>;
  /** Initial weights per layer (fanIn × fanOut, row-major); biases start at 0 unless given. */
  weights: readonly ArrayLike<number>[];
  biases?: readonly ArrayLike<number>[];
  lr: number;
  precision?: 'f32' | 'f64';
  blocked?: boolean;
}

export class PlainMlp {
  readonly dims: readonly number[];
  readonly n: number;
  readonly lr: number;
  readonly blocked: boolean;
  /** Parameters, updated in place by `step()`. */
  readonly W: FloatArray[];
  readonly b: FloatArray[];
  /** Gradients of the last `step()` / `lossAndGrads()` (float64 accumulators). */
  readonly gradW: Float64Array[];
  readonly gradB: Float64Array[];
  /** ‖∂L/∂W_l‖, ‖∂L/∂b_l‖ of the last step, input side first. */
  readonly gradNormW: Float64Array;
  readonly gradNormB: Float64Array;
  /** Loss of the last forward pass (before that step's update). */
  loss = NaN;

  private readonly L: number;
  private readonly target: FloatArray;
  /** A[0] = x, A[l + 1] = layer l's output. */
  private readonly A: FloatArray[];
  /** dA[l] = ∂L/∂A[l]; turned into ∂L/∂z in place during backprop. */
  private readonly dA: FloatArray[];
  /** Four scratch rows (float64) of the widest layer, for the forward sums. */
  private readonly acc: Float64Array[];

  constructor(opts: PlainMlpOptions) {
    const Arr = opts.precision === 'f64' ? Float64Array : Float32Array;
    const dims = (this.dims = [...opts.dims]);
    const L = (this.L = dims.length - 1);
    if (L < 1) throw new Error('need at least one layer');
    const n = (this.n = opts.x.length / dims[0]!);
    if (!Number.isInteger(n) || opts.y.length !== n * dims[L]!) throw new Error('x and y do not match dims');
    this.lr = opts.lr;
    this.blocked = opts.blocked ?? true;
    this.W = dims.slice(0, -1).map((fanIn, l) => {
      const w = opts.weights[l];
      if (!w || w.length !== fanIn * dims[l + 1]!) throw new Error(`weights of layer ${l} must be ${fanIn} × ${dims[l + 1]}`);
      return Arr.from(w);
    });
    this.b = dims.slice(1).map((units, l) => (opts.biases?.[l] ? Arr.from(opts.biases[l]!) : new Arr(units)));
    this.gradW = this.W.map((w) => new Float64Array(w.length));
    this.gradB = this.b.map((v) => new Float64Array(v.length));
    this.gradNormW = new Float64Array(L);
    this.gradNormB = new Float64Array(L);
    this.A = dims.map((d) => new Arr(n * d));
    this.A[0]!.set(opts.x);
    this.dA = dims.map((d) => new Arr(n * d));
    this.target = Arr.from(opts.y);
    const widest = Math.max(...dims);
    this.acc = [0, 1, 2, 3].map(() => new Float64Array(widest));
  }

  /** One SGD step: forward, loss, backprop, update. Returns ‖∂L/∂W_l‖ per layer (a reused array). */
  step(): Float64Array {
    this.forward();
    this.backward(true);
    return this.gradNormW;
  }

  /** Loss and gradients at the current parameters, without updating them (for tests). */
  lossAndGrads(): number {
    this.forward();
    this.backward(false);
    return this.loss;
  }

  /** Loss at the current parameters (forward pass only). */
  lossOnly(): number {
    this.forward();
    return this.loss;
  }

  /** The network's outputs of the last forward pass (n × dims[L]). */
  get output(): FloatArray {
    return this.A[this.L]!;
  }

  private forward(): void {
    const { L, n, dims, A } = this;
    const [a0, a1, a2, a3] = this.acc as [Float64Array, Float64Array, Float64Array, Float64Array];
    for (let l = 0; l < L; l++) {
      const din = dims[l]!;
      const dout = dims[l + 1]!;
      const x = A[l]!;
      const y = A[l + 1]!;
      const w = this.W[l]!;
      const bias = this.b[l]!;
      const hidden = l < L - 1;
      let i = 0;
      if (this.blocked) {
        for (; i + 4 <= n; i += 4) {
          const x0 = i * din, x1 = x0 + din, x2 = x1 + din, x3 = x2 + din;
          for (let j = 0; j < dout; j++) {
            const v = bias[j]!;
            a0[j] = v; a1[j] = v; a2[j] = v; a3[j] = v;
          }
          for (let k = 0; k < din; k++) {
            const v0 = x[x0 + k]!, v1 = x[x1 + k]!, v2 = x[x2 + k]!, v3 = x[x3 + k]!;
            const wo = k * dout;
            for (let j = 0; j < dout; j++) {
              const wv = w[wo + j]!;
              a0[j] += v0 * wv; a1[j] += v1 * wv; a2[j] += v2 * wv; a3[j] += v3 * wv;
            }
          }
          const y0 = i * dout, y1 = y0 + dout, y2 = y1 + dout, y3 = y2 + dout;
          if (hidden) {
            for (let j = 0; j < dout; j++) {
              y[y0 + j] = 1 / (1 + Math.exp(-a0[j]!));
              y[y1 + j] = 1 / (1 + Math.exp(-a1[j]!));
              y[y2 + j] = 1 / (1 + Math.exp(-a2[j]!));
              y[y3 + j] = 1 / (1 + Math.exp(-a3[j]!));
            }
          } else {
            for (let j = 0; j < dout; j++) {
              y[y0 + j] = a0[j]!; y[y1 + j] = a1[j]!; y[y2 + j] = a2[j]!; y[y3 + j] = a3[j]!;
            }
          }
        }
      }
      for (; i < n; i++) {
        const xo = i * din;
        for (let j = 0; j < dout; j++) a0[j] = bias[j]!;
        for (let k = 0; k < din; k++) {
          const v = x[xo + k]!;
          const wo = k * dout;
          for (let j = 0; j < dout; j++) a0[j] += v * w[wo + j]!;
        }
        const yo = i * dout;
        if (hidden) for (let j = 0; j < dout; j++) y[yo + j] = 1 / (1 + Math.exp(-a0[j]!));
        else for (let j = 0; j < dout; j++) y[yo + j] = a0[j]!;
      }
    }
    // MSE = mean over all entries of (ŷ − y)²; ∂L/∂ŷ = 2(ŷ − y)/count.
    const out = A[L]!;
    const dOut = this.dA[L]!;
    const t = this.target;
    const count = out.length;
    let sum = 0;
    for (let q = 0; q < count; q++) {
      const e = out[q]! - t[q]!;
      sum += e * e;
      dOut[q] = (2 * e) / count;
    }
    this.loss = sum / count;
  }

  private backward(update: boolean): void {
    const { L, n, dims, A, dA, lr } = this;
    for (let l = L - 1; l >= 0; l--) {
      const din = dims[l]!;
      const dout = dims[l + 1]!;
      const x = A[l]!;
      const dz = dA[l + 1]!;
      const dx = dA[l]!;
      const w = this.W[l]!;
      const gw = this.gradW[l]!;
      const gb = this.gradB[l]!;
      const needDx = l > 0;
      // ∂L/∂z = ∂L/∂a · σ′(z), σ′(z) = a(1 − a); the output layer is linear.
      if (l < L - 1) {
        const a = A[l + 1]!;
        const m = n * dout;
        for (let q = 0; q < m; q++) {
          const av = a[q]!;
          dz[q] = dz[q]! * av * (1 - av);
        }
      }
      gw.fill(0);
      gb.fill(0);
      // One pass over the samples: ∂L/∂W += xᵀ·dz, ∂L/∂b += dz, ∂L/∂x = dz·Wᵀ (with W before its update).
      let i = 0;
      if (this.blocked) {
        for (; i + 4 <= n; i += 4) {
          const x0 = i * din, x1 = x0 + din, x2 = x1 + din, x3 = x2 + din;
          const z0 = i * dout, z1 = z0 + dout, z2 = z1 + dout, z3 = z2 + dout;
          for (let j = 0; j < dout; j++) gb[j] += dz[z0 + j]! + dz[z1 + j]! + dz[z2 + j]! + dz[z3 + j]!;
          for (let k = 0; k < din; k++) {
            const v0 = x[x0 + k]!, v1 = x[x1 + k]!, v2 = x[x2 + k]!, v3 = x[x3 + k]!;
            const wo = k * dout;
            let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (let j = 0; j < dout; j++) {
              const d0 = dz[z0 + j]!, d1 = dz[z1 + j]!, d2 = dz[z2 + j]!, d3 = dz[z3 + j]!;
              const wv = w[wo + j]!;
              gw[wo + j] += v0 * d0 + v1 * d1 + v2 * d2 + v3 * d3;
              s0 += wv * d0; s1 += wv * d1; s2 += wv * d2; s3 += wv * d3;
            }
            if (needDx) {
              dx[x0 + k] = s0; dx[x1 + k] = s1; dx[x2 + k] = s2; dx[x3 + k] = s3;
            }
          }
        }
      }
      for (; i < n; i++) {
        const xo = i * din;
        const zo = i * dout;
        for (let j = 0; j < dout; j++) gb[j] += dz[zo + j]!;
        for (let k = 0; k < din; k++) {
          const v = x[xo + k]!;
          const wo = k * dout;
          let s = 0;
          for (let j = 0; j < dout; j++) {
            const d = dz[zo + j]!;
            gw[wo + j] += v * d;
            s += w[wo + j]! * d;
          }
          if (needDx) dx[xo + k] = s;
        }
      }
      // Norms (and the SGD update) in one pass over the gradients.
      let sqW = 0;
      if (update) {
        for (let q = 0; q < gw.length; q++) {
          const g = gw[q]!;
          sqW += g * g;
          w[q] = w[q]! - lr * g;
        }
      } else {
        for (let q = 0; q < gw.length; q++) sqW += gw[q]! * gw[q]!;
      }
      let sqB = 0;
      const bias = this.b[l]!;
      for (let j = 0; j < dout; j++) {
        const g = gb[j]!;
        sqB += g * g;
        if (update) bias[j] = bias[j]! - lr * g;
      }
      this.gradNormW[l] = Math.sqrt(sqW);
      this.gradNormB[l] = Math.sqrt(sqB);
    }
  }
}

/** The engine's REFERENCE constants (src/engine/reference-workload.ts), repeated here so this file loads no tfjs. */
export const PLAIN_REFERENCE = { layers: 10, width: 32, batch: 256, lr: 0.1 } as const;

/** Widths of the reference network: 2 → 32 (× 9 hidden layers) → 1. */
export function referenceDims(layers: number = PLAIN_REFERENCE.layers, width: number = PLAIN_REFERENCE.width): number[] {
  return [2, ...Array.from({ length: layers - 1 }, () => width), 1];
}

/**
 * The reference workload with the same data and initial weights as the
 * engine's `createReferenceWorkload({ seed })`: the same Rng forks in the same
 * order (data first, then the model's weights, layer by layer, Xavier gain 1;
 * biases zero), wave2d regression, batch 256, SGD lr 0.1.
 */
export function createPlainReference(opts: { seed?: number; blocked?: boolean; precision?: 'f32' | 'f64' } = {}): PlainMlp {
  const rng = createRng(opts.seed ?? 1);
  const data = wave2d(rng.fork(), PLAIN_REFERENCE.batch);
  const wr = rng.fork();
  const dims = referenceDims();
  const weights = dims.slice(0, -1).map((fanIn, l) => initWeights(wr, { name: 'xavier', gain: 1 }, fanIn, dims[l + 1]!));
  return new PlainMlp({
    dims, x: data.x, y: data.y, weights, lr: PLAIN_REFERENCE.lr,
    ...(opts.blocked !== undefined ? { blocked: opts.blocked } : {}),
    ...(opts.precision ? { precision: opts.precision } : {}),
  });
}
