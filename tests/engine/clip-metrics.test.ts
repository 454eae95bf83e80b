/**
 * Clipping's outputs against a direct computation in float64: the update the
 * optimiser receives, the norms before and after (frame.globalNorm,
 * frame.appliedNorm), the share of entries changed and the cosine between
 * the update and the raw gradient (metrics/clipping.ts), with SGD's loss
 * scaling (gradients arrive as η·g) and without it (momentum).
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { wave2d } from '../../src/engine/data';
import type { StepMetrics } from '../../src/engine/frame';
import { buildMlp } from '../../src/engine/models/mlp';
import { createRng } from '../../src/engine/rng';
import { clipByGlobalNorm, clipByValue, type GradientTransform } from '../../src/engine/train/clipping';
import { clipEffect } from '../../src/engine/train/metrics/clipping';
import { defineMetric } from '../../src/engine/train/metrics/index';
import { momentum, sgd, type Optimizer } from '../../src/engine/train/optimizers';
import { Trainer } from '../../src/engine/train/trainer';
import { useCpu } from './helpers';

beforeAll(useCpu);

/** Test-only plug-in: every raw gradient entry and every update entry of the step, in the step's readback. */
let seen: { g: number[]; u: number[]; scale: number } | null = null;
const raw = defineMetric<'rawGrads', true>({
  id: 'rawGrads',
  fields: [],
  reads: ['gradients', 'update'],
  pack: (t, _, out) => {
    out.add('g', tf.concat(t.grads.map((g) => tf.reshape(g, [-1]))));
    out.add('u', tf.concat(t.update!.map((u) => tf.reshape(u, [-1]))));
  },
  read: (v, _, ctx) => (seen = { g: v.array('g'), u: v.array('u'), scale: ctx.lossScale }),
});

const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
const norm = (a: number[]) => Math.sqrt(dot(a, a));

async function step(transform: GradientTransform, optimizer: Optimizer): Promise<{ m: StepMetrics; g: number[]; u: number[] }> {
  // Deep and a little above He's scale: gradients of a few units, some entries far above the rest.
  const model = buildMlp({ inputDim: 2, outputDim: 1, depth: 4, width: 8, activation: 'relu', init: { name: 'he', gain: 1.3 } }, createRng(5));
  const t = new Trainer({ model, data: wave2d(createRng(2), 64), loss: 'mse', optimizer, transforms: [transform], plugins: [clipEffect, raw] });
  seen = null;
  const m = await t.trainStep({ rawGrads: true });
  t.dispose();
  const { g, u, scale } = seen!;
  // Back in units of ∂L/∂θ.
  return { m, g: g.map((x) => x / scale), u: u.map((x) => x / scale) };
}

describe.each([
  ['SGD (loss scale η = 0.05)', () => sgd(0.05)],
  ['momentum (no loss scale)', () => momentum(0.05)],
])('with %s', (_, optimizer) => {
  test('by value: each entry clipped to ±c; share clipped and cosine (< 1) as computed in float64', async () => {
    const c = 0.05;
    const { m, g, u } = await step(clipByValue(c), optimizer());
    g.forEach((x, i) => expect(u[i]).toBeCloseTo(Math.min(c, Math.max(-c, x)), 6));
    const clipped = g.filter((x) => Math.abs(x) > c).length;
    expect(clipped).toBeGreaterThan(0);
    expect(clipped).toBeLessThan(g.length);
    expect(m.clippedShare).toBeCloseTo(clipped / g.length, 6);
    expect(m.globalNorm).toBeCloseTo(norm(g), 4);
    expect(m.appliedNorm).toBeCloseTo(norm(u), 4);
    const cos = dot(u, g) / (norm(u) * norm(g));
    expect(cos).toBeLessThan(0.99);
    expect(m.clipCosine).toBeCloseTo(cos, 5);
  });

  test('by global norm: every entry scaled by c/‖g‖, norm after = c, cosine 1, every nonzero entry changed', async () => {
    const c = 0.5;
    const { m, g, u } = await step(clipByGlobalNorm(c), optimizer());
    const gNorm = norm(g);
    expect(gNorm).toBeGreaterThan(2 * c);
    g.forEach((x, i) => expect(u[i]).toBeCloseTo((x * c) / gNorm, 6));
    expect(m.globalNorm).toBeCloseTo(gNorm, 4);
    expect(m.appliedNorm).toBeCloseTo(c, 5);
    expect(m.clippedShare).toBeCloseTo(g.filter((x) => x !== 0).length / g.length, 6);
    expect(m.clipCosine).toBeCloseTo(1, 6);
  });

  test('below the threshold nothing changes: share 0, cosine 1, norms equal', async () => {
    const { m, g, u } = await step(clipByGlobalNorm(1e6), optimizer());
    expect(u).toEqual(g);
    expect(m.clippedShare).toBe(0);
    expect(m.clipCosine).toBeCloseTo(1, 6);
    expect(m.appliedNorm).toBeCloseTo(m.globalNorm, 5);
  });
});
