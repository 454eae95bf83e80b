/**
 * Weight regularization in a training step (chapter weight-regularization): the penalties'
 * gradients against float64 central differences, L1's proximal step against soft-thresholding,
 * and the metrics that show what a penalty does (penalty share, sparsity), and held-out data.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, test } from 'vitest';
import { holdOut, wave2d } from '../../src/engine/data';
import { Dense } from '../../src/engine/models/dense';
import { Sequential } from '../../src/engine/models/sequential';
import { createRng } from '../../src/engine/rng';
import { sgd } from '../../src/engine/train/optimizers';
import { l1, l1Proximal, l2, type Penalty, type Proximal } from '../../src/engine/train/regularization';
import { Trainer } from '../../src/engine/train/trainer';
import { useCpu } from './helpers';

beforeAll(useCpu);

const LR = 0.1;

/** One SGD step of a small tanh net on 16 points of wave2d: the weights before and after, and the frame. */
async function oneStep(opts: { penalties?: Penalty[]; proximal?: Proximal[]; sparsity?: number } = {}) {
  const rng = createRng(3);
  const data = wave2d(rng.fork(), 16);
  const w = rng.fork();
  const model = new Sequential([
    new Dense({ name: 'dense1', inDim: 2, units: 8, activation: 'tanh', init: { name: 'xavier', gain: 1 } }, w),
    new Dense({ name: 'output', inDim: 8, units: 1, activation: 'linear', init: { name: 'xavier', gain: 1 }, kind: 'output' }, w),
  ], 2, 1);
  const trainer = new Trainer({ model, data, loss: 'mse', optimizer: sgd(LR), penalties: opts.penalties, proximal: opts.proximal });
  const read = async () => Promise.all(trainer.registry.trainable().map(async (p) => ({ name: p.name, role: p.role, values: Float64Array.from(await p.variable.data()) })));
  const before = await read();
  const frame = await trainer.trainStep(opts.sparsity ? { sparsity: opts.sparsity, weightNorms: true } : {});
  const after = await read();
  trainer.dispose();
  return { before, after, frame };
}

/** −Δw / η: the gradient the step followed, per parameter. */
const followed = (s: Awaited<ReturnType<typeof oneStep>>) => s.before.map((p, i) => p.values.map((v, j) => (v - s.after[i]!.values[j]!) / LR));

/** ∂P/∂w by central differences of the penalty in float64. */
function penaltyFd(P: (w: Float64Array) => number, w: Float64Array): Float64Array {
  const h = 1e-6;
  return w.map((_, j) => {
    const up = Float64Array.from(w);
    const down = Float64Array.from(w);
    up[j]! += h;
    down[j]! -= h;
    return (P(up) - P(down)) / (2 * h);
  });
}

test.each([
  ['L2', l2(0.05), (w: Float64Array) => 0.05 * w.reduce((s, v) => s + v * v, 0)],
  ['L1', l1(0.05), (w: Float64Array) => 0.05 * w.reduce((s, v) => s + Math.abs(v), 0)],
] as const)('%s: the step follows ∂(L + P)/∂w, its ∂P/∂w equal to float64 central differences on weights and 0 on biases', async (_, pen, P) => {
  const [plain, penalised] = [followed(await oneStep()), followed(await oneStep({ penalties: [pen] }))];
  const { before } = await oneStep();
  before.forEach((p, i) => {
    const fd = p.role === 'weight' ? penaltyFd(P, p.values) : new Float64Array(p.values.length);
    // L1 is differentiable away from zero only: no weight here is within 1e-3 of it
    if (p.role === 'weight') expect(Math.min(...p.values.map(Math.abs))).toBeGreaterThan(1e-3);
    fd.forEach((g, j) => expect(penalised[i]![j]! - plain[i]![j]!, `${p.name}[${j}]`).toBeCloseTo(g, 4));
  });
});

test('L1 by its proximal step: the weights are soft-thresholded at ηλ after the data-loss step (exact zeros), biases only take that step; the penalty is still reported', async () => {
  const lambda = 2; // a threshold of 0.2: some of the Xavier-drawn weights fall below it
  const plain = await oneStep();
  const prox = await oneStep({ proximal: [l1Proximal(lambda, LR)] });
  const t = LR * lambda;
  let zeros = 0;
  plain.after.forEach((p, i) => {
    p.values.forEach((v, j) => {
      const expected = p.role === 'weight' ? Math.sign(v) * Math.max(Math.abs(v) - t, 0) : v;
      if (p.role === 'weight' && expected === 0) zeros++;
      expect(prox.after[i]!.values[j]!, `${p.name}[${j}]`).toBeCloseTo(expected, 6);
      if (expected === 0) expect(Math.abs(prox.after[i]!.values[j]!)).toBe(0);
    });
  });
  expect(zeros).toBeGreaterThan(0);
  const l1Before = prox.before.filter((p) => p.role === 'weight').reduce((s, p) => s + p.values.reduce((a, v) => a + Math.abs(v), 0), 0);
  expect(prox.frame.penalty!).toBeCloseTo(lambda * l1Before, 4);
  expect(prox.frame.loss).toBeCloseTo(plain.frame.loss, 6);
});

test('the penalty’s share of the total loss, and the share of weights below a threshold per layer and overall, as counted from the weights', async () => {
  const { frame, after } = await oneStep({ penalties: [l2(0.05)], sparsity: 0.3 });
  expect(frame.penaltyShare!).toBeCloseTo(frame.penalty! / (frame.loss + frame.penalty!), 6);
  expect(frame.penaltyShare!).toBeGreaterThan(0);
  const weights = after.filter((p) => p.role === 'weight');
  const small = (ps: typeof weights) => ps.reduce((s, p) => s + p.values.filter((v) => Math.abs(v) < 0.3).length, 0) / ps.reduce((s, p) => s + p.values.length, 0);
  expect(frame.layers[0]!.sparsity).toBeCloseTo(small(weights.filter((p) => p.name.startsWith('dense1'))), 6);
  expect(frame.layers[1]!.sparsity).toBeCloseTo(small(weights.filter((p) => p.name.startsWith('output'))), 6);
  expect(frame.overallSparsity!).toBeCloseTo(small(weights), 6);
  expect(frame.overallSparsity!).toBeGreaterThan(0);
  expect(frame.overallSparsity!).toBeLessThan(1);
});

test('holdOut: the last examples of one seeded draw become the validation set, the rest the training set', () => {
  const d = wave2d(createRng(5), 40);
  const { train, validation } = holdOut(d, 30);
  expect([train.n, validation.n]).toEqual([10, 30]);
  expect(Array.from(train.x)).toEqual(Array.from(d.x.subarray(0, 20)));
  expect(Array.from(validation.y)).toEqual(Array.from(d.y.subarray(10)));
  expect(validation.name).toBe('wave2d-validation');
  expect(() => holdOut(d, 40)).toThrow();
});
