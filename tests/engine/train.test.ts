/** Optimisers, gradient transforms (alone and in a training step) and penalties against hand-computed values. */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, test } from 'vitest';
import type { TabularDataset } from '../../src/engine/data';
import { Dense } from '../../src/engine/models/dense';
import { Sequential } from '../../src/engine/models/sequential';
import { createRng } from '../../src/engine/rng';
import { clipByGlobalNorm, clipByValue, type GradientTransform } from '../../src/engine/train/clipping';
import { mse, sigmoidCrossEntropy, softmaxCrossEntropy } from '../../src/engine/train/losses';
import { adam, momentum, sgd, type Optimizer } from '../../src/engine/train/optimizers';
import { l1, l2 } from '../../src/engine/train/regularization';
import { Trainer } from '../../src/engine/train/trainer';
import { useCpu } from './helpers';

beforeAll(useCpu);

async function steps(opt: Optimizer, w0: number[], grads: number[][]): Promise<number[]> {
  const w = tf.variable(tf.tensor1d(w0));
  // As the trainer hands them over: gradients of lossScale·L.
  for (const g of grads) tf.tidy(() => opt.apply([w], [tf.tensor1d(g.map((x) => x * opt.lossScale))]));
  const out = Array.from(await w.data());
  w.dispose();
  opt.dispose();
  return out;
}

const G = [[1, -2], [0.5, 0.5], [-1, 3]];

test('sgd: w − η·g, with η folded into the loss scale when η ≤ 1', async () => {
  expect(sgd(0.1).lossScale).toBe(0.1);
  expect(sgd(2).lossScale).toBe(1);
  expect(await steps(sgd(0.1), [1, 1], G)).toEqual([expect.closeTo(1 - 0.05, 6), expect.closeTo(1 - 0.15, 6)]);
  expect(await steps(sgd(2), [1, 1], G)).toEqual([expect.closeTo(1 - 1, 6), expect.closeTo(1 - 3, 6)]);
});

test('momentum: v ← μv + g, w ← w − ηv', async () => {
  const ref = [1, 1];
  const v = [0, 0];
  for (const g of G) for (let i = 0; i < 2; i++) { v[i] = 0.9 * v[i]! + g[i]!; ref[i]! -= 0.1 * v[i]!; }
  expect(await steps(momentum(0.1, 0.9), [1, 1], G)).toEqual(ref.map((r) => expect.closeTo(r, 5)));
});

test('adam: bias-corrected moments', async () => {
  const [b1, b2, eps, lr] = [0.9, 0.999, 1e-8, 0.01];
  const ref = [1, 1];
  const m = [0, 0];
  const v = [0, 0];
  G.forEach((g, t) => {
    for (let i = 0; i < 2; i++) {
      m[i] = b1 * m[i]! + (1 - b1) * g[i]!;
      v[i] = b2 * v[i]! + (1 - b2) * g[i]! ** 2;
      const mh = m[i]! / (1 - b1 ** (t + 1));
      const vh = v[i]! / (1 - b2 ** (t + 1));
      ref[i]! -= (lr * mh) / (Math.sqrt(vh) + eps);
    }
  });
  expect(await steps(adam(lr), [1, 1], G)).toEqual(ref.map((r) => expect.closeTo(r, 5)));
});

test('clip by value clips each entry; by global norm rescales all together by c / ctx.globalNorm', async () => {
  const gs = [tf.tensor1d([3, -4]), tf.tensor1d([0, 12])]; // global norm 13
  const ctx = { names: ['a', 'b'], scale: 1, globalNorm: tf.scalar(13) };
  const byValue = clipByValue(2)(gs, ctx);
  const byNorm = clipByGlobalNorm(6.5)(gs, ctx);
  const loose = clipByGlobalNorm(100)(gs, ctx);
  expect(Array.from(await byValue[0]!.data())).toEqual([2, -2]);
  expect(Array.from(await byValue[1]!.data())).toEqual([0, 2]);
  expect(Array.from(await byNorm[0]!.data())).toEqual([expect.closeTo(1.5, 5), expect.closeTo(-2, 5)]);
  expect(Array.from(await byNorm[1]!.data())).toEqual([0, expect.closeTo(6, 5)]);
  expect(Array.from(await loose[1]!.data())).toEqual([0, 12]);
  // The norm is the one the trainer hands over (computed once per step), not one of its own: given 26, it halves again.
  const told = { ...ctx, globalNorm: tf.scalar(26) };
  const byTold = clipByGlobalNorm(6.5)(gs, told);
  expect(Array.from(await byTold[1]!.data())).toEqual([0, expect.closeTo(3, 5)]);
  // Gradients of s·L: the same clipping, in units of s·g.
  const s = 0.25;
  const scaled = [tf.tensor1d([3 * s, -4 * s]), tf.tensor1d([0, 12 * s])];
  const sctx = { names: ['a', 'b'], scale: s, globalNorm: tf.scalar(13 * s) };
  const sByValue = clipByValue(2)(scaled, sctx);
  const sByNorm = clipByGlobalNorm(6.5)(scaled, sctx);
  expect(Array.from(await sByValue[0]!.data())).toEqual([2 * s, -2 * s]);
  expect(Array.from(await sByNorm[0]!.data())).toEqual([expect.closeTo(1.5 * s, 5), expect.closeTo(-2 * s, 5)]);
  tf.dispose([...gs, ...byValue, ...byNorm, ...loose, ctx.globalNorm, told.globalNorm, ...byTold, ...scaled, ...sByValue, ...sByNorm, sctx.globalNorm]);
});

/**
 * One linear unit ŷ = w·x + b, MSE, SGD with η = 0.1 (so the trainer hands
 * the transforms η·g): the gradient, its clipping and the update in float64.
 */
async function clippedStep(transforms: GradientTransform[]) {
  const [x, y, w0, b0, lr] = [[1, 2, 3], [1, -1, 2], 2, 0.5, 0.1];
  const model = new Sequential([new Dense({ name: 'output', inDim: 1, units: 1, activation: 'linear', init: { name: 'normal', gain: 1 } }, createRng(1))], 1, 1);
  const data: TabularDataset = { kind: 'tabular', name: 'line', task: 'regression', n: 3, inputDim: 1, outputDim: 1, x: Float32Array.from(x), y: Float32Array.from(y) };
  const trainer = new Trainer({ model, data, loss: 'mse', optimizer: sgd(lr), transforms });
  const [w, b] = ['output/W', 'output/b'].map((name) => trainer.registry.get(name).variable);
  w!.assign(tf.tensor2d([[w0]]));
  b!.assign(tf.tensor1d([b0]));
  const m = await trainer.trainStep();
  const after = [(await w!.data())[0]!, (await b!.data())[0]!];
  trainer.dispose();
  const r = x.map((xi, i) => w0 * xi + b0 - y[i]!);
  const g = [(2 / 3) * r.reduce((s, ri, i) => s + ri * x[i]!, 0), (2 / 3) * r.reduce((s, ri) => s + ri, 0)]; // [17.33, 7.67]
  return { m, after, g, step: (applied: number[]) => [w0 - lr * applied[0]!, b0 - lr * applied[1]!] };
}

const norm = (v: number[]) => Math.hypot(...v);

test('clipping in a training step: the norm each transform gets is that of its own input gradients', async () => {
  // Global norm alone: 18.95 capped to 5.
  const one = await clippedStep([clipByGlobalNorm(5)]);
  const capped = one.g.map((gi) => (gi * 5) / norm(one.g));
  expect(one.m.globalNorm / norm(one.g)).toBeCloseTo(1, 5);
  expect(one.m.appliedNorm! / 5).toBeCloseTo(1, 5);
  one.after.forEach((v, i) => expect(v).toBeCloseTo(one.step(capped)[i]!, 5));
  // By value first ([10, 7.67], norm 12.6), then by global norm: scaled by 5 / 12.6, not by 5 / 18.95.
  const two = await clippedStep([clipByValue(10), clipByGlobalNorm(5)]);
  const byValue = two.g.map((gi) => Math.max(-10, Math.min(10, gi)));
  const chained = byValue.map((gi) => (gi * 5) / norm(byValue));
  expect(two.m.appliedNorm! / 5).toBeCloseTo(1, 5);
  two.after.forEach((v, i) => expect(v).toBeCloseTo(two.step(chained)[i]!, 5));
  // A threshold above the norm leaves the gradient as it is.
  const loose = await clippedStep([clipByGlobalNorm(100)]);
  expect(loose.m.appliedNorm! / norm(loose.g)).toBeCloseTo(1, 5);
  loose.after.forEach((v, i) => expect(v).toBeCloseTo(loose.step(loose.g)[i]!, 5));
});

test('L1 / L2 penalties cover weights, not biases', async () => {
  const ps = [
    { name: 'W', role: 'weight' as const, tensor: tf.tensor1d([1, -2]) },
    { name: 'b', role: 'bias' as const, tensor: tf.tensor1d([10]) },
  ];
  const a = l2(0.5)(ps);
  const b = l1(0.1)(ps);
  expect((await a.data())[0]).toBeCloseTo(2.5, 6);
  expect((await b.data())[0]).toBeCloseTo(0.3, 6);
  tf.dispose([a, b, ...ps.map((p) => p.tensor)]);
});

test('losses: MSE, stable sigmoid CE (no overflow at large logits), softmax CE', async () => {
  const vals = await Promise.all([
    mse(tf.tensor1d([1, 3]), tf.tensor1d([0, 1])).data(),
    sigmoidCrossEntropy(tf.tensor1d([0, 200, -200]), tf.tensor1d([1, 1, 1])).data(),
    softmaxCrossEntropy(tf.tensor2d([[0, 0, Math.log(2)]]), tf.tensor2d([[0, 0, 1]])).data(),
  ]);
  expect(vals[0]![0]).toBeCloseTo(2.5, 6);
  expect(vals[1]![0]).toBeCloseTo((Math.log(2) + 0 + 200) / 3, 4);
  expect(vals[2]![0]).toBeCloseTo(-Math.log(0.5), 5);
});
