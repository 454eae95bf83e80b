import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { ACTIVATION_NAMES, FLAT_FRACTION, getActivation, leakyRelu } from '../../src/engine/activations';
import { erf } from '../../src/engine/activation-math';
import { useCpu } from './helpers';

beforeAll(useCpu);

// Points away from the kink at 0 (central differences straddle it otherwise).
const POINTS = [-7.5, -4, -2.2, -1, -0.37, -0.05, 0.05, 0.41, 1, 1.9, 3.3, 6.8];

describe.each(ACTIVATION_NAMES)('%s', (name) => {
  const act = getActivation(name);

  test('JS f′ equals central differences of JS f (float64)', () => {
    const h = 1e-6;
    for (const x of POINTS) {
      const fd = (act.f(x + h) - act.f(x - h)) / (2 * h);
      expect(act.df(x)).toBeCloseTo(fd, 7);
    }
  });

  test('tfjs op equals JS f, and tfjs gradient equals JS f′ (float32)', async () => {
    const x = tf.tensor1d(POINTS);
    const y = act.apply(x);
    const g = tf.grad((t: tf.Tensor) => tf.sum(act.apply(t)))(x);
    const [ys, gs] = await Promise.all([y.data(), g.data()]);
    POINTS.forEach((p, i) => {
      expect(ys[i]).toBeCloseTo(act.f(p), 5);
      expect(gs[i]).toBeCloseTo(act.df(p), 5);
    });
    tf.dispose([x, y, g]);
  });

  test('the flat region is where |f′| < 1 % of its peak (for GELU and SiLU, on the far-left tail only)', async () => {
    const xs = Array.from({ length: 401 }, (_, i) => -10 + i * 0.05);
    const z = tf.tensor1d(xs);
    const mask = act.flat(z);
    const flags = mask ? await mask.data() : null;
    xs.forEach((x, i) => {
      // GELU's and SiLU's f′ crosses 0 (a narrow band of small |f′|): only their tail counts
      const tailOnly = (name === 'gelu' || name === 'silu') && x > (act.flatRegion as { below: number }).below;
      const flat = Math.abs(act.df(x)) < FLAT_FRACTION * act.peakSlope && !tailOnly;
      // One grid step of slack around the threshold, where float32 and the bisection may disagree.
      const nearEdge = Math.abs(Math.abs(act.df(x)) - FLAT_FRACTION * act.peakSlope) < 1e-3;
      if (!nearEdge) expect(flags ? flags[i] === 1 : false).toBe(flat || (name === 'relu' && x === 0));
    });
    tf.dispose([z, mask ?? []].flat());
  });
});

test('flat thresholds: sigmoid |z| > 5.99, tanh |z| > 2.99, elu z < ln 0.01', () => {
  expect((getActivation('sigmoid').flatRegion as { absAbove: number }).absAbove).toBeCloseTo(5.99, 2);
  expect((getActivation('tanh').flatRegion as { absAbove: number }).absAbove).toBeCloseTo(2.99, 2);
  expect((getActivation('elu').flatRegion as { below: number }).below).toBeCloseTo(Math.log(0.01), 6);
  expect(getActivation('sigmoid').df(0)).toBe(0.25);
});

test('leaky ReLU uses its slope k on the negative side', async () => {
  const act = leakyRelu(0.3);
  const x = tf.tensor1d([-2, 3]);
  const g = tf.grad((t: tf.Tensor) => tf.sum(act.apply(t)))(x);
  expect(Array.from(await g.data())).toEqual([expect.closeTo(0.3, 6), 1]);
  expect(act.f(-2)).toBeCloseTo(-0.6, 12);
  expect(act.flat(x)).toBeNull(); // k ≥ 1 % of the peak slope: never flat
  tf.dispose([x, g]);
});

test('ELU with α ≠ 1: f = α(eᶻ − 1) and f′ = αeᶻ below 0, 1 above; flat below ln(0.01·max(1, α)/α)', async () => {
  for (const alpha of [0.5, 1, 1.5]) {
    const act = getActivation('elu', { alpha });
    const x = tf.tensor1d([-3, -0.5, 2]);
    const y = act.apply(x);
    const g = tf.grad((t: tf.Tensor) => tf.sum(act.apply(t)))(x);
    expect(Array.from(await y.data())).toEqual([-3, -0.5, 2].map((v) => expect.closeTo(v > 0 ? v : alpha * Math.expm1(v), 5)));
    expect(Array.from(await g.data())).toEqual([-3, -0.5, 2].map((v) => expect.closeTo(v > 0 ? 1 : alpha * Math.exp(v), 5)));
    expect(act.df(-3)).toBeCloseTo(alpha * Math.exp(-3), 12);
    expect((act.flatRegion as { below: number }).below).toBeCloseTo(Math.log((0.01 * Math.max(1, alpha)) / alpha), 12);
    // the mask agrees with the threshold on both sides of it
    const below = (act.flatRegion as { below: number }).below;
    const m = act.flat(tf.tensor1d([below - 0.01, below + 0.01]))!;
    expect(Array.from(await m.data())).toEqual([1, 0]);
    tf.dispose([x, y, g, m]);
  }
});

test('GELU and SiLU: peak slopes 1.129 and 1.100, flat below z = −3.02 and −6.14; GELU by the exact erf', () => {
  for (const [x, v] of [[0.5, 0.5204998778130465], [2, 0.9953222650189527], [3.5, 0.9999992569016276], [-1, -0.8427007929497149]]) {
    expect(Math.abs(erf(x!) - v!)).toBeLessThan(1e-14);
  }
  const gelu = getActivation('gelu');
  const silu = getActivation('silu');
  expect(gelu.peakSlope).toBeCloseTo(1.1289, 4);
  expect(silu.peakSlope).toBeCloseTo(1.0998, 4);
  expect((gelu.flatRegion as { below: number }).below).toBeCloseTo(-3.02, 2);
  expect((silu.flatRegion as { below: number }).below).toBeCloseTo(-6.14, 2);
  // f′ changes sign: a little negative slope on the left, unlike ReLU's 0
  expect(gelu.df(-1.5)).toBeLessThan(-0.1);
  expect(silu.df(-2.5)).toBeLessThan(-0.09);
});
