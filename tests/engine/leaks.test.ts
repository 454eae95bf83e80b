/** No tensor outlives a step, and none outlives a disposed session. */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, test } from 'vitest';
import { wave2d } from '../../src/engine/data';
import { experiments } from '../../src/engine/experiments/index';
import { buildMlp } from '../../src/engine/models/mlp';
import { defaults } from '../../src/engine/params';
import { createReferenceWorkload } from '../../src/engine/reference-workload';
import { createRng } from '../../src/engine/rng';
import { clipByGlobalNorm, clipByValue } from '../../src/engine/train/clipping';
import { adam, momentum } from '../../src/engine/train/optimizers';
import { l1, l2 } from '../../src/engine/train/regularization';
import { Trainer } from '../../src/engine/train/trainer';
import { useCpu } from './helpers';

beforeAll(useCpu);

test('250 steps of two runs with every metric on: tensor count flat while running, back to baseline after dispose', async () => {
  const baseline = tf.memory().numTensors;
  const exp = experiments.saturation;
  const session = exp.create({ ...defaults(exp.params), depth: 2, compare: true }, { seed: 1, steps: 250 });
  let afterFirst = 0;
  let steps = 0;
  while (!session.done) {
    const [a] = await session.next();
    steps++;
    if (a!.step === 1) afterFirst = tf.memory().numTensors;
    if (a!.step === 249) expect(tf.memory().numTensors).toBe(afterFirst);
  }
  expect(steps).toBe(250);
  session.dispose();
  expect(tf.memory().numTensors).toBe(baseline);
});

test('a session with a diverging run frees everything too (the diagnosis pass included)', async () => {
  const baseline = tf.memory().numTensors;
  const session = experiments.explosion.create(defaults(experiments.explosion.params), { seed: 1, steps: 30 });
  while (!session.done) await session.next();
  expect(session.state('a')).toBe('diverged');
  session.dispose();
  session.dispose(); // twice is fine
  expect(tf.memory().numTensors).toBe(baseline);
});

test('the clipping session (three runs, one of them diverging, the clipping metrics on): flat while running, freed on dispose', async () => {
  const baseline = tf.memory().numTensors;
  const session = experiments.clipping.create(defaults(experiments.clipping.params), { seed: 1, steps: 30 });
  let afterFirst = 0;
  while (!session.done) {
    const frames = await session.next();
    if (frames[0]!.step === 1) afterFirst = tf.memory().numTensors;
    // after the unclipped run stopped, two runs' tensors fewer, never more
    if (frames[0]!.step > 1) expect(tf.memory().numTensors).toBeLessThanOrEqual(afterFirst);
  }
  expect(session.state('none')).toBe('diverged');
  session.dispose();
  expect(tf.memory().numTensors).toBe(baseline);
});

test('optimiser slots, clipping and penalties are freed', async () => {
  const baseline = tf.memory().numTensors;
  for (const optimizer of [adam(0.01), momentum(0.01)]) {
    const model = buildMlp({ inputDim: 2, outputDim: 1, depth: 2, width: 8, activation: 'elu', init: { name: 'he', gain: 1 } }, createRng(1));
    const trainer = new Trainer({
      model, data: wave2d(createRng(2), 64), loss: 'mse', optimizer,
      transforms: [clipByValue(0.5), clipByGlobalNorm(1)], penalties: [l2(1e-3), l1(1e-4)],
      metrics: { activations: true, probes: true, weightNorms: true, histogram: { lo: -3, hi: 3, bins: 12 } },
    });
    for (let i = 0; i < 30; i++) await trainer.trainStep();
    trainer.dispose();
  }
  expect(tf.memory().numTensors).toBe(baseline);
});

test('disposing with steps queued or in flight: they settle (finish or reject), then every run is freed', async () => {
  const baseline = tf.memory().numTensors;
  const session = experiments['gradient-flow'].create({ ...defaults(experiments['gradient-flow'].params), depth: 2 }, { seed: 1 });
  expect(session.runs).toHaveLength(2);
  await session.next();
  const first = session.next();
  const second = session.next(); // queued behind it
  // One microtask: the first call's step starts (its tidy runs, then it awaits the readback), so it is in flight.
  await Promise.resolve();
  session.dispose();
  // Nothing is freed under a step still running.
  expect(tf.memory().numTensors).toBeGreaterThan(baseline);
  const settled = await Promise.allSettled([first, second]);
  expect(settled[0]).toMatchObject({ status: 'fulfilled', value: [{ run: 'a', step: 1 }, { run: 'b', step: 1 }] });
  expect(settled[1]).toMatchObject({ status: 'rejected', reason: expect.objectContaining({ message: expect.stringMatching(/disposed/) }) });
  expect(tf.memory().numTensors).toBe(baseline);
  session.dispose(); // twice is fine
  await expect(session.next()).rejects.toThrow(/disposed/);
  expect(tf.memory().numTensors).toBe(baseline);
});

test('reference workload: ten norms per step, no leak', async () => {
  const baseline = tf.memory().numTensors;
  const w = createReferenceWorkload({ seed: 3 });
  let norms: number[] = [];
  for (let i = 0; i < 5; i++) norms = await w.step();
  expect(norms).toHaveLength(10);
  expect(norms.every((n) => Number.isFinite(n) && n > 0)).toBe(true);
  expect(norms[0]! / norms[9]!).toBeLessThan(1e-2); // sigmoid, Xavier: vanishing
  expect(Number.isFinite(w.loss)).toBe(true);
  w.dispose();
  expect(tf.memory().numTensors).toBe(baseline);
});
