/**
 * The recurrent reference workload of issue 9 written as plain-JS loops over
 * typed arrays: the yardstick of the budget "LSTM reference workload on wasm
 * ≤ the plain-JS loops" (and ≤ 15 ms a step).
 *
 *   p_t = x_t·W_x + h_{t−1}·W_h + b   ([n, 4H], gates in the order i, f, g, o)
 *   i, f, o = σ(p_i, p_f, p_o), g = tanh(p_g)
 *   c_t = f⊙c_{t−1} + i⊙g,  h_t = o⊙tanh(c_t),  h_0 = c_0 = 0,  t = 1…T
 *   ŷ = h_T·W_o + b_o;  L = mean((ŷ − y)²);  Adam (bias-corrected as the engine's: optimizers.ts)
 *
 * Backpropagation through time by hand, and ‖∂L/∂h_t‖ (the full gradient of h_t, through
 * the output at T and through step t + 1) for every t, every step — what the engine's
 * timeGrads metric reads back. Mini-batches from the engine's own `BatchOrder` (same seed →
 * same batches), gathered here straight into the time-major layout the loops read.
 *
 * Written the way a careful engineer would write it in JS, so the comparison is fair:
 * - every buffer is allocated once, in the constructor (a step allocates only the 64 batch
 *   indices BatchOrder hands out);
 * - row-major storage; the forward activations of every t are kept (BPTT reads them);
 *   every inner loop walks contiguous memory (the 4H gate columns, or a row of W_h);
 * - register blocking, four samples at a time, so each weight loaded feeds four
 *   multiply-adds. Forward: p_t = x_t·W_x + b + h_{t−1}·W_h for 4 samples × 2 gate columns
 *   held in registers, the sum over k innermost along a row of W_hᵀ (a transposed copy
 *   made at each forward pass), then the cell; backward: ∂L/∂W_h, ∂L/∂W_x, ∂L/∂b and
 *   ∂L/∂h_{t−1} = ∂L/∂p_t·W_hᵀ in one fused pass per 4 samples (a 4 × 2 register tile
 *   for the backward products measured no faster: it reads ∂L/∂p_t twice). A tail of
 *   fewer than four samples takes the one-row path. About 8 % faster a step than
 *   accumulating the forward in scratch rows as plain-mlp.ts does;
 * - sums in float64 locals / scratch rows, values stored as float32 like the engine;
 * - σ and tanh from one Math.exp each (as the engine's fused cell: ops/lstm-cell.ts);
 * - the Adam update is one pass per parameter.
 *
 * `blocked: false` gives the same maths one sample at a time (the "simple loops" the
 * benchmark also reports). `precision: 'f64'` stores everything as float64 (finite
 * differences); `recordDh` keeps ∂L/∂h_t itself for every t (tests).
 */
import { BatchOrder } from '../src/engine/train/batches';

export type FloatArray = Float32Array | Float64Array;

/** A sequence dataset as data.ts makes it: x is n × length × features (sample-major), y is n × 1. */
export interface PlainSequenceData {
  n: number;
  length: number;
  features: number;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/** Initial parameters, row-major: W_x [D, 4H], W_h [H, 4H], b [4H], W_o [H, 1], b_o [1]. */
export interface PlainLstmParams {
  Wx: ArrayLike<number>;
  Wh: ArrayLike<number>;
  b: ArrayLike<number>;
  Wo: ArrayLike<number>;
  bo: ArrayLike<number>;
}

export interface PlainLstmOptions {
  data: PlainSequenceData;
  units: number;
  /** Examples per step; = data.n: the whole set in order every step (as the engine's Trainer). */
  batch: number;
  /** BatchOrder's seed (the Trainer's shuffleSeed). */
  shuffleSeed: number;
  params: PlainLstmParams;
  lr: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  precision?: 'f32' | 'f64';
  blocked?: boolean;
  /** Keep ∂L/∂h_t for every t (tests): `dhAll`, [T][n·H]. */
  recordDh?: boolean;
  /** Added to h_t after each step t, [T][n·H] (tests: finite differences of ∂L/∂h_t, as the engine's probes q_h). */
  probeH?: FloatArray;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const tanh = (x: number) => (x > 20 ? 1 : x < -20 ? -1 : 1 - 2 / (Math.exp(2 * x) + 1));

export class PlainLstm {
  /** T, features D, units H, gate columns G = 4H, batch n. */
  readonly T: number;
  readonly D: number;
  readonly H: number;
  readonly G: number;
  readonly n: number;
  readonly blocked: boolean;
  /** Parameters, updated in place by `step()`. */
  readonly Wx: FloatArray;
  readonly Wh: FloatArray;
  readonly b: FloatArray;
  readonly Wo: FloatArray;
  readonly bo: FloatArray;
  /** Gradients of the last step (float64 accumulators), in the order Wx, Wh, b, Wo, bo. */
  readonly gWx: Float64Array;
  readonly gWh: Float64Array;
  readonly gb: Float64Array;
  readonly gWo: Float64Array;
  readonly gbo: Float64Array;
  /** ‖∂L/∂h_t‖, t = 1…T, of the last step. */
  readonly gradNormH: Float64Array;
  /** ∂L/∂h_t of the last backward pass, [T][n·H] (only with `recordDh`). */
  readonly dhAll: FloatArray | null;
  /** Added to h_t after each step t (only with `probeH`; read at every forward pass). */
  readonly probeH: FloatArray | null;
  /** Loss of the last forward pass (before that step's update). */
  loss = NaN;
  /** Index of the next step's batch. */
  stepIndex = 0;

  private readonly data: PlainSequenceData;
  private readonly order: BatchOrder | null;
  private readonly lr: number;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private adamT = 0;
  private readonly params: FloatArray[];
  private readonly grads: Float64Array[];
  private readonly m: FloatArray[];
  private readonly v: FloatArray[];
  /** This batch, time-major: xs [T][n][D], ys [n]. */
  private readonly xs: FloatArray;
  private readonly ys: FloatArray;
  /** States of every t, [T + 1][n][H] (index 0: h_0 = c_0 = 0); tanh(c_t) likewise (index 0 unused). */
  private readonly hs: FloatArray;
  private readonly cs: FloatArray;
  private readonly tcs: FloatArray;
  /** Gate values i, f, g, o of every t, [T][n][4H]. */
  private readonly gates: FloatArray;
  private readonly pred: FloatArray;
  private readonly dy: FloatArray;
  /** ∂L/∂h_t, ∂L/∂c_t and the same for t − 1 (swapped each step back), ∂L/∂p_t. */
  private dh: FloatArray;
  private dhPrev: FloatArray;
  private dc: FloatArray;
  private dcPrev: FloatArray;
  private readonly dP: FloatArray;
  /** Four scratch rows (float64) of 4H pre-activations. */
  private readonly acc: Float64Array[];
  /** W_h transposed, [4H, H] (blocked loops), refreshed at every forward pass. */
  private readonly WhT: FloatArray;

  constructor(opts: PlainLstmOptions) {
    const Arr = opts.precision === 'f64' ? Float64Array : Float32Array;
    const d = (this.data = opts.data);
    const T = (this.T = d.length);
    const D = (this.D = d.features);
    const H = (this.H = opts.units);
    const G = (this.G = 4 * H);
    const n = (this.n = opts.batch);
    if (d.x.length !== d.n * T * D || d.y.length !== d.n) throw new Error('data: x must be n × length × features, y n × 1');
    this.order = n === d.n ? null : new BatchOrder({ kind: 'sequence', name: 'plain', task: 'regression', n: d.n, length: T, features: D, outputDim: 1, x: Float32Array.from(d.x), y: Float32Array.from(d.y) }, n, opts.shuffleSeed);
    this.blocked = opts.blocked ?? true;
    this.lr = opts.lr;
    this.beta1 = opts.beta1 ?? 0.9;
    this.beta2 = opts.beta2 ?? 0.999;
    this.epsilon = opts.epsilon ?? 1e-8;
    const take = (values: ArrayLike<number>, len: number, what: string) => {
      if (values.length !== len) throw new Error(`${what} must have ${len} values, not ${values.length}`);
      return Arr.from(values);
    };
    const p = opts.params;
    this.Wx = take(p.Wx, D * G, 'Wx');
    this.Wh = take(p.Wh, H * G, 'Wh');
    this.b = take(p.b, G, 'b');
    this.Wo = take(p.Wo, H, 'Wo');
    this.bo = take(p.bo, 1, 'bo');
    this.params = [this.Wx, this.Wh, this.b, this.Wo, this.bo];
    this.grads = this.params.map((q) => new Float64Array(q.length));
    [this.gWx, this.gWh, this.gb, this.gWo, this.gbo] = this.grads as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    this.m = this.params.map((q) => new Arr(q.length));
    this.v = this.params.map((q) => new Arr(q.length));
    this.gradNormH = new Float64Array(T);
    this.dhAll = opts.recordDh ? new Arr(T * n * H) : null;
    if (opts.probeH && opts.probeH.length !== T * n * H) throw new Error('probeH must be T × n × H');
    this.probeH = opts.probeH ?? null;
    this.xs = new Arr(T * n * D);
    this.ys = new Arr(n);
    this.hs = new Arr((T + 1) * n * H);
    this.cs = new Arr((T + 1) * n * H);
    this.tcs = new Arr((T + 1) * n * H);
    this.gates = new Arr(T * n * G);
    this.pred = new Arr(n);
    this.dy = new Arr(n);
    this.dh = new Arr(n * H);
    this.dhPrev = new Arr(n * H);
    this.dc = new Arr(n * H);
    this.dcPrev = new Arr(n * H);
    this.dP = new Arr(n * G);
    this.acc = [0, 1, 2, 3].map(() => new Float64Array(G));
    this.WhT = new Arr(G * H);
  }

  /** One Adam step on the next batch: forward, loss, BPTT, update. Returns ‖∂L/∂h_t‖ for t = 1…T (a reused array). */
  step(): Float64Array {
    this.load(this.stepIndex++);
    this.forward();
    this.backward();
    this.adam();
    return this.gradNormH;
  }

  /** Loss and gradients on the next step's batch at the current parameters; no update, no step taken (tests). */
  lossAndGrads(): number {
    this.load(this.stepIndex);
    this.forward();
    this.backward();
    return this.loss;
  }

  /** Loss on the next step's batch at the current parameters (forward only; tests). */
  lossOnly(): number {
    this.load(this.stepIndex);
    this.forward();
    return this.loss;
  }

  /** The prediction of the last forward pass (n). */
  get output(): FloatArray {
    return this.pred;
  }

  /** Gathers batch `step` into xs (time-major) and ys. */
  private load(step: number): void {
    const { T, D, n, xs, ys, data } = this;
    const x = data.x;
    const y = data.y;
    const idx = this.order ? this.order.indices(step) : null;
    const nD = n * D;
    for (let r = 0; r < n; r++) {
      const e = idx ? idx[r]! : r;
      ys[r] = y[e]!;
      const src = e * T * D;
      for (let t = 0; t < T; t++) {
        const so = src + t * D;
        const dO = t * nD + r * D;
        for (let k = 0; k < D; k++) xs[dO + k] = x[so + k]!;
      }
    }
  }

  /** The cell for one sample from its pre-activations `a` (4H): writes the gates, c_t, tanh(c_t), h_t. */
  private cellRow(a: Float64Array, prevO: number, outO: number, gO: number): void {
    const { H, cs, tcs, hs, gates } = this;
    for (let j = 0; j < H; j++) {
      const i = sigmoid(a[j]!);
      const f = sigmoid(a[H + j]!);
      const g = tanh(a[2 * H + j]!);
      const o = sigmoid(a[3 * H + j]!);
      const c = f * cs[prevO + j]! + i * g;
      const tc = tanh(c);
      cs[outO + j] = c;
      tcs[outO + j] = tc;
      hs[outO + j] = o * tc;
      gates[gO + j] = i;
      gates[gO + H + j] = f;
      gates[gO + 2 * H + j] = g;
      gates[gO + 3 * H + j] = o;
    }
  }

  private forward(): void {
    const { T, D, H, G, n, xs, hs, Wx, Wh, WhT, b } = this;
    const [a0, a1, a2, a3] = this.acc as [Float64Array, Float64Array, Float64Array, Float64Array];
    // W_hᵀ [4H, H], for the blocked loops: a gate column's weights contiguous (4096 copies, ~0.1 % of a step).
    if (this.blocked) for (let k = 0; k < H; k++) for (let j = 0; j < G; j++) WhT[j * H + k] = Wh[k * G + j]!;
    const nH = n * H;
    const nD = n * D;
    const nG = n * G;
    for (let t = 0; t < T; t++) {
      const xO = t * nD;
      const hO = t * nH; // h_{t−1}, c_{t−1}
      const outO = hO + nH; // h_t, c_t
      const gO = t * nG;
      let r = 0;
      if (this.blocked) {
        for (; r + 4 <= n; r += 4) {
          // Four samples × two gate columns in registers, the sum over k innermost: each weight
          // loaded feeds four multiply-adds, each state value two, and nothing is stored until the end.
          const x0 = xO + r * D, x1 = x0 + D, x2 = x1 + D, x3 = x2 + D;
          const h0 = hO + r * H, h1 = h0 + H, h2 = h1 + H, h3 = h2 + H;
          for (let j = 0; j < G; j += 2) {
            const bj = b[j]!, bk = b[j + 1]!;
            let s00 = bj, s01 = bk, s10 = bj, s11 = bk, s20 = bj, s21 = bk, s30 = bj, s31 = bk;
            for (let k = 0; k < D; k++) {
              const w0 = Wx[k * G + j]!, w1 = Wx[k * G + j + 1]!;
              const v0 = xs[x0 + k]!, v1 = xs[x1 + k]!, v2 = xs[x2 + k]!, v3 = xs[x3 + k]!;
              s00 += v0 * w0; s01 += v0 * w1; s10 += v1 * w0; s11 += v1 * w1;
              s20 += v2 * w0; s21 += v2 * w1; s30 += v3 * w0; s31 += v3 * w1;
            }
            if (t > 0) {
              const w0o = j * H, w1o = w0o + H;
              for (let k = 0; k < H; k++) {
                const w0 = WhT[w0o + k]!, w1 = WhT[w1o + k]!;
                const v0 = hs[h0 + k]!, v1 = hs[h1 + k]!, v2 = hs[h2 + k]!, v3 = hs[h3 + k]!;
                s00 += v0 * w0; s01 += v0 * w1; s10 += v1 * w0; s11 += v1 * w1;
                s20 += v2 * w0; s21 += v2 * w1; s30 += v3 * w0; s31 += v3 * w1;
              }
            }
            a0[j] = s00; a0[j + 1] = s01; a1[j] = s10; a1[j + 1] = s11;
            a2[j] = s20; a2[j + 1] = s21; a3[j] = s30; a3[j + 1] = s31;
          }
          const s = r * H;
          const q = gO + r * G;
          this.cellRow(a0, hO + s, outO + s, q);
          this.cellRow(a1, hO + s + H, outO + s + H, q + G);
          this.cellRow(a2, hO + s + 2 * H, outO + s + 2 * H, q + 2 * G);
          this.cellRow(a3, hO + s + 3 * H, outO + s + 3 * H, q + 3 * G);
        }
      }
      for (; r < n; r++) {
        for (let j = 0; j < G; j++) a0[j] = b[j]!;
        const x0 = xO + r * D;
        for (let k = 0; k < D; k++) {
          const v = xs[x0 + k]!;
          const wo = k * G;
          for (let j = 0; j < G; j++) a0[j] += v * Wx[wo + j]!;
        }
        if (t > 0) {
          const h0 = hO + r * H;
          for (let k = 0; k < H; k++) {
            const v = hs[h0 + k]!;
            const wo = k * G;
            for (let j = 0; j < G; j++) a0[j] += v * Wh[wo + j]!;
          }
        }
        this.cellRow(a0, hO + r * H, outO + r * H, gO + r * G);
      }
      const probe = this.probeH;
      if (probe) for (let q = 0; q < nH; q++) hs[outO + q] += probe[t * nH + q]!;
    }
    // ŷ = h_T·W_o + b_o; MSE over the n outputs; ∂L/∂ŷ = 2(ŷ − y)/n.
    const hT = T * nH;
    const { Wo, pred, dy, ys } = this;
    const bo = this.bo[0]!;
    let sum = 0;
    for (let r = 0; r < n; r++) {
      const ho = hT + r * H;
      let s = bo;
      for (let k = 0; k < H; k++) s += hs[ho + k]! * Wo[k]!;
      pred[r] = s;
      const e = pred[r]! - ys[r]!;
      sum += e * e;
      dy[r] = (2 * e) / n;
    }
    this.loss = sum / n;
  }

  private backward(): void {
    const { T, D, H, G, n, xs, hs, cs, tcs, gates, Wh, Wo, dP, dy, gWx, gWh, gb, gWo, gbo, dhAll } = this;
    const nH = n * H;
    const nD = n * D;
    const nG = n * G;
    const hT = T * nH;
    // Output layer: ∂L/∂W_o = h_Tᵀ·dy, ∂L/∂b_o = Σ dy, ∂L/∂h_T = dy·W_oᵀ.
    gWo.fill(0);
    let sbo = 0;
    let dh = this.dh;
    let dc = this.dc;
    let dhPrev = this.dhPrev;
    let dcPrev = this.dcPrev;
    for (let r = 0; r < n; r++) {
      const d = dy[r]!;
      sbo += d;
      const ho = hT + r * H;
      for (let k = 0; k < H; k++) {
        gWo[k] += hs[ho + k]! * d;
        dh[r * H + k] = d * Wo[k]!;
      }
    }
    gbo[0] = sbo;
    dc.fill(0);
    gWx.fill(0);
    gWh.fill(0);
    gb.fill(0);
    for (let t = T - 1; t >= 0; t--) {
      const hO = t * nH; // h_{t−1}, c_{t−1}
      const outO = hO + nH; // c_t, tanh(c_t)
      const gO = t * nG;
      const xO = t * nD;
      // ‖∂L/∂h_t‖ (h_t's gradient is complete: from the output, or from step t + 1).
      let sq = 0;
      for (let q = 0; q < nH; q++) sq += dh[q]! * dh[q]!;
      this.gradNormH[t] = Math.sqrt(sq);
      if (dhAll) dhAll.set(dh, t * nH);
      // The cell backwards: ∂L/∂p_t (4H per sample) and ∂L/∂c_{t−1}.
      for (let r = 0; r < n; r++) {
        const go = gO + r * G;
        const po = r * G;
        const so = r * H;
        for (let j = 0; j < H; j++) {
          const i = gates[go + j]!;
          const f = gates[go + H + j]!;
          const g = gates[go + 2 * H + j]!;
          const o = gates[go + 3 * H + j]!;
          const tc = tcs[outO + so + j]!;
          const dhv = dh[so + j]!;
          const dcv = dc[so + j]! + dhv * o * (1 - tc * tc);
          dP[po + j] = dcv * g * i * (1 - i);
          dP[po + H + j] = dcv * cs[hO + so + j]! * f * (1 - f);
          dP[po + 2 * H + j] = dcv * i * (1 - g * g);
          dP[po + 3 * H + j] = dhv * tc * o * (1 - o);
          dcPrev[so + j] = dcv * f;
        }
      }
      // One pass over the samples: ∂L/∂b += dP, ∂L/∂W_x += x_tᵀ·dP, ∂L/∂W_h += h_{t−1}ᵀ·dP,
      // ∂L/∂h_{t−1} = dP·W_hᵀ (h_0 = 0: nothing flows into W_h or further back at t = 1).
      const rec = t > 0;
      let r = 0;
      if (this.blocked) {
        for (; r + 4 <= n; r += 4) {
          const z0 = r * G, z1 = z0 + G, z2 = z1 + G, z3 = z2 + G;
          for (let j = 0; j < G; j++) gb[j] += dP[z0 + j]! + dP[z1 + j]! + dP[z2 + j]! + dP[z3 + j]!;
          const x0 = xO + r * D, x1 = x0 + D, x2 = x1 + D, x3 = x2 + D;
          for (let k = 0; k < D; k++) {
            const v0 = xs[x0 + k]!, v1 = xs[x1 + k]!, v2 = xs[x2 + k]!, v3 = xs[x3 + k]!;
            const wo = k * G;
            for (let j = 0; j < G; j++) gWx[wo + j] += v0 * dP[z0 + j]! + v1 * dP[z1 + j]! + v2 * dP[z2 + j]! + v3 * dP[z3 + j]!;
          }
          if (!rec) continue;
          const h0 = hO + r * H, h1 = h0 + H, h2 = h1 + H, h3 = h2 + H;
          const s0o = r * H, s1o = s0o + H, s2o = s1o + H, s3o = s2o + H;
          for (let k = 0; k < H; k++) {
            const v0 = hs[h0 + k]!, v1 = hs[h1 + k]!, v2 = hs[h2 + k]!, v3 = hs[h3 + k]!;
            const wo = k * G;
            let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (let j = 0; j < G; j++) {
              const d0 = dP[z0 + j]!, d1 = dP[z1 + j]!, d2 = dP[z2 + j]!, d3 = dP[z3 + j]!;
              const w = Wh[wo + j]!;
              gWh[wo + j] += v0 * d0 + v1 * d1 + v2 * d2 + v3 * d3;
              s0 += w * d0; s1 += w * d1; s2 += w * d2; s3 += w * d3;
            }
            dhPrev[s0o + k] = s0; dhPrev[s1o + k] = s1; dhPrev[s2o + k] = s2; dhPrev[s3o + k] = s3;
          }
        }
      }
      for (; r < n; r++) {
        const z = r * G;
        for (let j = 0; j < G; j++) gb[j] += dP[z + j]!;
        const x0 = xO + r * D;
        for (let k = 0; k < D; k++) {
          const v = xs[x0 + k]!;
          const wo = k * G;
          for (let j = 0; j < G; j++) gWx[wo + j] += v * dP[z + j]!;
        }
        if (!rec) continue;
        const h0 = hO + r * H;
        for (let k = 0; k < H; k++) {
          const v = hs[h0 + k]!;
          const wo = k * G;
          let s = 0;
          for (let j = 0; j < G; j++) {
            const dv = dP[z + j]!;
            gWh[wo + j] += v * dv;
            s += Wh[wo + j]! * dv;
          }
          dhPrev[r * H + k] = s;
        }
      }
      // t − 1's gradients become the current ones.
      const th = dh;
      dh = dhPrev;
      dhPrev = th;
      const tcv = dc;
      dc = dcPrev;
      dcPrev = tcv;
    }
    this.dh = dh;
    this.dhPrev = dhPrev;
    this.dc = dc;
    this.dcPrev = dcPrev;
  }

  /**
   * Adam as src/engine/train/optimizers.ts computes it: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²
   * (stored as float32, like the engine's slot variables), then w ← w − η̂·m/(√v + ε̂) with the
   * bias corrections folded into η̂ = η·√(1−β₂ᵗ)/(1−β₁ᵗ) and ε̂ = ε·√(1−β₂ᵗ).
   */
  private adam(): void {
    const t = ++this.adamT;
    const { beta1: b1, beta2: b2 } = this;
    const c1 = 1 - b1;
    const c2 = 1 - b2;
    const stepSize = (this.lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
    const eps = this.epsilon * Math.sqrt(1 - b2 ** t);
    for (let p = 0; p < this.params.length; p++) {
      const w = this.params[p]!;
      const g = this.grads[p]!;
      const m = this.m[p]!;
      const v = this.v[p]!;
      for (let q = 0; q < w.length; q++) {
        const gq = g[q]!;
        m[q] = b1 * m[q]! + c1 * gq;
        v[q] = b2 * v[q]! + c2 * gq * gq;
        w[q] = w[q]! - (stepSize * m[q]!) / (Math.sqrt(v[q]!) + eps);
      }
    }
  }
}

/** Values of one parameter of the engine's model, by name. */
function paramValues(model: { blocks: readonly { params: readonly { name: string; values: Float32Array }[] }[] }, name: string): Float32Array {
  const p = model.blocks.flatMap((b) => b.params).find((q) => q.name === name);
  if (!p) throw new Error(`no parameter ${name}`);
  return p.values;
}

/**
 * The recurrent reference workload from the same starting point as the engine's
 * `createRecurrentWorkload({ seed })`: the data and the initial weights of
 * `recurrentReferenceSetup(seed)` (src/engine/recurrent-workload.ts), the batch order of
 * BatchOrder with shuffleSeed = seed, Adam at RECURRENT_REFERENCE.lr.
 */
export async function createPlainRecurrent(opts: { seed?: number; blocked?: boolean; precision?: 'f32' | 'f64' } = {}): Promise<PlainLstm> {
  // Imported here: the engine's model classes bring tfjs-core along (module load only; no backend runs).
  const { recurrentReferenceSetup, RECURRENT_REFERENCE: R } = await import('../src/engine/recurrent-workload');
  const { data, model, seed } = recurrentReferenceSetup(opts.seed ?? 1);
  const values = (name: string) => paramValues(model, name);
  return new PlainLstm({
    data,
    units: R.units,
    batch: R.batch,
    shuffleSeed: seed,
    params: { Wx: values('lstm/Wx'), Wh: values('lstm/Wh'), b: values('lstm/b'), Wo: values('output/W'), bo: values('output/b') },
    lr: R.lr,
    ...(opts.blocked !== undefined ? { blocked: opts.blocked } : {}),
    ...(opts.precision ? { precision: opts.precision } : {}),
  });
}
