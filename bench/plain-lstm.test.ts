/**
 * The plain-JS LSTM of `npm run bench` computes what the tfjs engine computes:
 * its gradients (every parameter, and ∂L/∂h_t for every t) equal central finite
 * differences in float64, its update is the engine's Adam, the blocked and
 * simple loops agree, and on the recurrent reference workload (same data, same
 * initial weights, same batch order) its loss and ‖∂L/∂h_t‖ series match the
 * engine's on the tfjs cpu backend step for step (float32).
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { createRecurrentWorkload, RECURRENT_REFERENCE } from '../src/engine/recurrent-workload';
import { createRng } from '../src/engine/rng';
import { useCpu } from '../tests/engine/helpers';
import { createPlainRecurrent, PlainLstm, type PlainLstmParams } from './plain-lstm';

beforeAll(useCpu);

const T = 4;
const D = 2;
const H = 3;
/** 7 samples: not a multiple of the block (4), so both loop paths run. */
const N = 7;

/** A small random LSTM on the whole (tiny) dataset, float64. */
function smallNet(blocked: boolean, extra: { probeH?: Float64Array; examples?: number; batch?: number } = {}): PlainLstm {
  const rng = createRng(11);
  const r = (len: number, s: number, shift = 0) => Float64Array.from({ length: len }, () => shift + s * rng.normal());
  const n = extra.examples ?? N;
  const params: PlainLstmParams = { Wx: r(D * 4 * H, 0.8), Wh: r(H * 4 * H, 0.8), b: r(4 * H, 0.3), Wo: r(H, 0.9), bo: r(1, 0.3) };
  return new PlainLstm({
    data: { n, length: T, features: D, x: r(n * T * D, 1), y: r(n, 0.5, 1) },
    units: H,
    batch: extra.batch ?? n,
    shuffleSeed: 5,
    params,
    lr: 0.01,
    precision: 'f64',
    blocked,
    recordDh: true,
    ...(extra.probeH ? { probeH: extra.probeH } : {}),
  });
}

describe.each([true, false])('blocked = %s', (blocked) => {
  test('every parameter\'s gradient and ∂L/∂h_t for every t equal central finite differences (float64)', () => {
    const probeH = new Float64Array(T * N * H);
    const net = smallNet(blocked, { probeH });
    net.lossAndGrads();
    const grads = [net.gWx, net.gWh, net.gb, net.gWo, net.gbo].map((g) => Float64Array.from(g));
    const dh = Float64Array.from(net.dhAll!);
    const h = 1e-6;
    const check = (values: Float64Array | Float32Array, analytic: Float64Array, what: string) => {
      const scale = Math.max(...Array.from(analytic, Math.abs));
      expect(scale, `${what}: an all-zero gradient checks nothing`).toBeGreaterThan(1e-4);
      for (let q = 0; q < values.length; q++) {
        const keep = values[q]!;
        values[q] = keep + h;
        const up = net.lossOnly();
        values[q] = keep - h;
        const down = net.lossOnly();
        values[q] = keep;
        const fd = (up - down) / (2 * h);
        expect(Math.abs(analytic[q]! - fd), `${what}[${q}]: ${analytic[q]} vs ${fd}`).toBeLessThan(1e-8 + 1e-6 * Math.abs(fd));
      }
    };
    [net.Wx, net.Wh, net.b, net.Wo, net.bo].forEach((p, k) => check(p, grads[k]!, ['Wx', 'Wh', 'b', 'Wo', 'bo'][k]!));
    check(probeH, dh, '∂L/∂h_t');
    // The reported series: ‖∂L/∂h_t‖ per t.
    for (let t = 0; t < T; t++) expect(net.gradNormH[t]).toBeCloseTo(Math.hypot(...dh.subarray(t * N * H, (t + 1) * N * H)), 12);
  });

  test('step() is the engine\'s Adam: m, v, bias corrections folded into η̂ and ε̂ (optimizers.ts)', () => {
    const net = smallNet(blocked);
    const params = [net.Wx, net.Wh, net.b, net.Wo, net.bo];
    const w = params.map((p) => Float64Array.from(p));
    const m = params.map((p) => new Float64Array(p.length));
    const v = params.map((p) => new Float64Array(p.length));
    const [b1, b2, eps, lr] = [0.9, 0.999, 1e-8, 0.01];
    for (let t = 1; t <= 3; t++) {
      net.lossAndGrads();
      const g = [net.gWx, net.gWh, net.gb, net.gWo, net.gbo].map((x) => Float64Array.from(x));
      const norms = net.step();
      expect(norms).toBe(net.gradNormH); // a reused array: no allocation per step
      params.forEach((p, k) => p.forEach((value, q) => {
        const gq = g[k]![q]!;
        m[k]![q] = b1 * m[k]![q]! + (1 - b1) * gq;
        v[k]![q] = b2 * v[k]![q]! + (1 - b2) * gq * gq;
        const mHat = m[k]![q]! / (1 - b1 ** t);
        const vHat = v[k]![q]! / (1 - b2 ** t);
        // The textbook form, ε outside the square root of v̂: what the engine's folded form computes.
        w[k]![q] = w[k]![q]! - (lr * mHat) / (Math.sqrt(vHat) + eps);
        expect(value).toBeCloseTo(w[k]![q]!, 13);
      }));
    }
  });
});

test('mini-batches: the same seed gives the same batches; step() moves through them', () => {
  const a = smallNet(true, { examples: 20, batch: 6 });
  const b = smallNet(false, { examples: 20, batch: 6 });
  const losses = (net: PlainLstm) => Array.from({ length: 7 }, () => (net.step(), net.loss));
  const la = losses(a);
  const lb = losses(b);
  la.forEach((l, s) => expect(l).toBeCloseTo(lb[s]!, 12));
  expect(new Set(la.map((l) => l.toFixed(12))).size).toBe(la.length); // a new batch (and new weights) every step
});

test('blocked and simple loops give the same training run on the reference workload (float32)', async () => {
  const a = await createPlainRecurrent({ seed: 3, blocked: true });
  const b = await createPlainRecurrent({ seed: 3, blocked: false });
  expect([a.T, a.H, a.n]).toEqual([RECURRENT_REFERENCE.length, RECURRENT_REFERENCE.units, RECURRENT_REFERENCE.batch]);
  for (let s = 0; s < 3; s++) {
    const na = Array.from(a.step());
    const nb = Array.from(b.step());
    expect(Math.abs(a.loss - b.loss)).toBeLessThan(1e-6 * a.loss);
    na.forEach((v, t) => expect(Math.abs(v - nb[t]!)).toBeLessThan(1e-5 * v));
  }
});

test('on the recurrent reference workload, the loss and ‖∂L/∂h_t‖ for every t match the tfjs engine (same seed, data, weights and batches)', async () => {
  const engine = createRecurrentWorkload({ seed: 1 });
  const plain = await createPlainRecurrent({ seed: 1 });
  try {
    for (let s = 0; s < 5; s++) {
      const engineNorms = await engine.step();
      const plainNorms = Array.from(plain.step());
      expect(engineNorms).toHaveLength(RECURRENT_REFERENCE.length);
      expect(plainNorms).toHaveLength(RECURRENT_REFERENCE.length);
      expect(Math.abs(plain.loss - engine.loss) / engine.loss, `step ${s}: loss plain ${plain.loss} vs engine ${engine.loss}`).toBeLessThan(2e-6);
      engineNorms.forEach((v, t) => {
        // float32 in tfjs, float64 sums here, Adam on both sides: ~3e-7 relative over the first 8 steps,
        // for ‖∂L/∂h_1‖ too (~2e-4 of ‖∂L/∂h_T‖ at step 0, less later: the vanishing gradient itself).
        expect(Math.abs(plainNorms[t]! - v) / v, `step ${s}, t = ${t + 1}: plain ${plainNorms[t]} vs engine ${v}`).toBeLessThan(1e-5);
      });
    }
  } finally {
    engine.dispose();
  }
});
