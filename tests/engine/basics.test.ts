/** rng, datasets, init, probes. */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, test } from 'vitest';
import { circles, sine1d, spirals, wave2d } from '../../src/engine/data';
import { initStd, initWeights } from '../../src/engine/init';
import { probeGradients } from '../../src/engine/probes';
import { createRng } from '../../src/engine/rng';
import { useCpu } from './helpers';

beforeAll(useCpu);

test('rng: same seed same stream, different seed different; normal has mean 0, variance 1', () => {
  const a = createRng(7);
  const b = createRng(7);
  const c = createRng(8);
  const xa = Array.from({ length: 5 }, () => a.uniform());
  expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(xa);
  expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(xa);
  const r = createRng(1);
  const n = 40_000;
  const xs = Array.from({ length: n }, () => r.normal());
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
  expect(Math.abs(mean)).toBeLessThan(0.02);
  expect(Math.abs(variance - 1)).toBeLessThan(0.03);
  const shuffled = createRng(3).shuffle([1, 2, 3, 4, 5, 6]);
  expect([...shuffled].sort()).toEqual([1, 2, 3, 4, 5, 6]);
});

test('datasets: fixed size, seeded, balanced labels, inputs within about [-1, 1]', () => {
  for (const make of [spirals, circles, wave2d, sine1d]) {
    const d = make(createRng(4));
    expect(d.n).toBe(256);
    expect(d.x).toHaveLength(256 * d.inputDim);
    expect(d.y).toHaveLength(256 * d.outputDim);
    expect(make(createRng(4)).x).toEqual(d.x);
    expect(make(createRng(5)).x).not.toEqual(d.x);
    expect(Math.max(...d.x.map(Math.abs))).toBeLessThan(1.3);
    if (d.task === 'binary') expect(d.y.reduce((s, v) => s + v, 0)).toBe(128);
  }
});

test('init: σ of each scheme, times the gain', () => {
  expect(initStd({ name: 'normal', gain: 0.5 }, 32, 32)).toBe(0.5);
  expect(initStd({ name: 'xavier', gain: 1 }, 32, 32)).toBeCloseTo(Math.sqrt(1 / 32), 12);
  expect(initStd({ name: 'he', gain: 2 }, 8, 100)).toBeCloseTo(1, 12);
  const w = initWeights(createRng(1), { name: 'he', gain: 1 }, 200, 100);
  const sd = Math.sqrt(w.reduce((s, v) => s + v * v, 0) / w.length);
  expect(sd / Math.sqrt(2 / 200)).toBeCloseTo(1, 1);
});

test('probes: ∂L/∂h of an intermediate tensor, h untouched in value', async () => {
  const x = tf.tensor2d([[1, 2], [3, 4]]);
  // h = 3x, L = Σ h²  ⇒  ∂L/∂h = 2h = 6x
  const { value, grads } = probeGradients([{ name: 'h', shape: [2, 2] }], (probe) => {
    const h = probe('h', tf.mul(x, 3));
    return tf.sum(tf.square(h));
  });
  expect((await value.data())[0]).toBeCloseTo(9 * 30, 3);
  expect(Array.from(await grads.get('h')!.data())).toEqual([6, 12, 18, 24]);
  tf.dispose([x, value, ...grads.values()]);
});
