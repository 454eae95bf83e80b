/**
 * The plain-JS yardstick of `npm run bench` computes what the tfjs engine
 * computes: its gradients equal central finite differences (float64), the
 * blocked and simple loops agree, and on the reference workload its loss and
 * per-layer gradient norms match the engine's step for step (float32).
 *
 * Not in the root vitest.config.ts `include` (tests/**, src/**): run it with
 *   npx vitest run --config bench/vitest.config.ts
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, test } from 'vitest';
import { createReferenceWorkload } from '../src/engine/reference-workload';
import { createRng } from '../src/engine/rng';
import { createPlainReference, PlainMlp, referenceDims } from './plain-mlp';

beforeAll(async () => {
  tf.env().set('IS_TEST', true); // no "install tfjs-node" banner
  await tf.setBackend('cpu');
  await tf.ready();
});

/** A small random network whose sample count (7) is not a multiple of the block (4), so both loop paths run. */
function smallNet(blocked: boolean): PlainMlp {
  const rng = createRng(42);
  const dims = [3, 5, 6, 4, 2];
  const n = 7;
  const r = (len: number, s: number) => Float64Array.from({ length: len }, () => s * rng.normal());
  return new PlainMlp({
    dims,
    x: r(n * dims[0]!, 1),
    y: r(n * dims[dims.length - 1]!, 1),
    weights: dims.slice(0, -1).map((d, l) => r(d * dims[l + 1]!, 0.9)),
    biases: dims.slice(1).map((d) => r(d, 0.3)),
    lr: 0.1,
    precision: 'f64',
    blocked,
  });
}

describe.each([true, false])('blocked = %s', (blocked) => {
  test('∂L/∂W and ∂L/∂b equal central finite differences (float64)', () => {
    const net = smallNet(blocked);
    net.lossAndGrads();
    const gradW = net.gradW.map((g) => Float64Array.from(g));
    const gradB = net.gradB.map((g) => Float64Array.from(g));
    const h = 1e-6;
    const check = (params: Float64Array | Float32Array, analytic: Float64Array) => {
      for (let q = 0; q < params.length; q++) {
        const keep = params[q]!;
        params[q] = keep + h;
        const up = net.lossOnly();
        params[q] = keep - h;
        const down = net.lossOnly();
        params[q] = keep;
        const fd = (up - down) / (2 * h);
        expect(Math.abs(analytic[q]! - fd)).toBeLessThan(1e-7 + 1e-6 * Math.abs(fd));
      }
    };
    net.W.forEach((w, l) => check(w, gradW[l]!));
    net.b.forEach((b, l) => check(b, gradB[l]!));
    // The reported norms are the norms of those gradients.
    gradW.forEach((g, l) => expect(net.gradNormW[l]).toBeCloseTo(Math.hypot(...g), 12));
    gradB.forEach((g, l) => expect(net.gradNormB[l]).toBeCloseTo(Math.hypot(...g), 12));
  });

  test('step() applies w ← w − η·g with the gradients at the old weights', () => {
    const net = smallNet(blocked);
    const before = net.W.map((w) => Float64Array.from(w));
    const beforeB = net.b.map((b) => Float64Array.from(b));
    net.lossAndGrads();
    const g = net.gradW.map((x) => Float64Array.from(x));
    const gb = net.gradB.map((x) => Float64Array.from(x));
    const norms = net.step();
    expect(norms).toBe(net.gradNormW); // a reused array: no allocation per step
    net.W.forEach((w, l) => w.forEach((v, q) => expect(v).toBeCloseTo(before[l]![q]! - 0.1 * g[l]![q]!, 14)));
    net.b.forEach((b, l) => b.forEach((v, q) => expect(v).toBeCloseTo(beforeB[l]![q]! - 0.1 * gb[l]![q]!, 14)));
  });
});

test('blocked and simple loops give the same training run (float32)', () => {
  const a = createPlainReference({ seed: 3, blocked: true });
  const b = createPlainReference({ seed: 3, blocked: false });
  for (let s = 0; s < 5; s++) {
    const na = Array.from(a.step());
    const nb = Array.from(b.step());
    expect(Math.abs(a.loss - b.loss)).toBeLessThan(1e-6 * a.loss);
    na.forEach((v, l) => expect(Math.abs(v - nb[l]!)).toBeLessThan(1e-5 * v));
  }
});

test('on the reference workload, loss and per-layer ‖∂L/∂W‖ match the tfjs engine (same seed, same weights)', async () => {
  expect(referenceDims()).toEqual([2, 32, 32, 32, 32, 32, 32, 32, 32, 32, 1]);
  const engine = createReferenceWorkload({ seed: 1 });
  const plain = createPlainReference({ seed: 1 });
  try {
    for (let s = 0; s < 5; s++) {
      const engineNorms = await engine.step();
      const plainNorms = Array.from(plain.step());
      expect(engineNorms).toHaveLength(10);
      expect(plainNorms).toHaveLength(10);
      expect(Math.abs(plain.loss - engine.loss) / engine.loss).toBeLessThan(1e-6);
      engineNorms.forEach((v, l) => {
        // float32 in tfjs, float64 sums here: they agree to ~1e-7 relative, even for the first
        // layer, whose norm is ~1e-6 of the last layer's (the vanishing gradient itself).
        expect(Math.abs(plainNorms[l]! - v) / v, `step ${s}, layer ${l}: plain ${plainNorms[l]} vs engine ${v}`).toBeLessThan(1e-5);
      });
    }
  } finally {
    engine.dispose();
  }
});
