/**
 * Runs in phases (experiments/phases.ts, autoencoders.ts): greedy layer-wise pre-training hands
 * its weights to fine-tuning exactly; frozen layers do not move; a comparison run starts with
 * the last phase and lines up with it; nothing leaks, also when a session stops mid-phase.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { wave2d } from '../../src/engine/data';
import { autoencoderPhases } from '../../src/engine/experiments/autoencoders';
import { experiments } from '../../src/engine/experiments/index';
import { mlpRun } from '../../src/engine/experiments/mlp-run';
import { createSession } from '../../src/engine/experiments/run';
import type { Frame } from '../../src/engine/frame';
import { defaults } from '../../src/engine/params';
import { Dense } from '../../src/engine/models/dense';
import { Sequential } from '../../src/engine/models/sequential';
import { TiedDecoder } from '../../src/engine/models/tied-decoder';
import { createRng } from '../../src/engine/rng';
import { adam, sgd, type Optimizer } from '../../src/engine/train/optimizers';
import { Trainer } from '../../src/engine/train/trainer';
import { useCpu } from './helpers';
import { affineF64, centralDifferences, lossF64 } from './helpers-fd';

beforeAll(useCpu);

const DEPTH = 3;
const AE_STEPS = 20;

/** An optimiser that snapshots the values of the variables it updates: before its first update, and after each. */
function spy(inner: Optimizer) {
  const seen: { first?: Float32Array[]; last?: Float32Array[] } = {};
  const values = (vars: readonly tf.Variable[]) => vars.map((v) => v.dataSync().slice() as Float32Array);
  const optimizer: Optimizer = {
    name: inner.name,
    lossScale: inner.lossScale,
    spec: inner.spec,
    apply(vars, grads) {
      seen.first ??= values(vars);
      inner.apply(vars, grads);
      seen.last = values(vars);
    },
    dispose: () => inner.dispose(),
  };
  return { optimizer, seen };
}

/** Equal bit for bit (so −0 ≠ 0 and NaN payloads count). */
const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

/** A pre-trained run and a run from the same start, as the pretraining experiment plans them, with spies on every optimiser. */
function spiedSession(steps: number) {
  const autoencoders: ReturnType<typeof spy>['seen'][] = [];
  const fineTuning = spy(adam(0.01));
  const scratch = spy(adam(0.01));
  const shared = {
    data: (rng: Parameters<typeof wave2d>[0]) => wave2d(rng, 64),
    mlp: { depth: DEPTH, width: 8, activation: 'sigmoid', init: { name: 'normal', gain: 0.1 } },
    loss: 'mse',
    metrics: {},
  } as const;
  const session = createSession({ experiment: 'phases-test', seed: 3, steps }, [
    mlpRun({
      ...shared, name: 'pre', label: { en: 'pre', zh: 'pre' }, optimizer: fineTuning.optimizer,
      phases: (net, data) => ({
        before: autoencoderPhases(net, data, { steps: AE_STEPS, optimizer: () => {
          const s = spy(adam(0.01));
          autoencoders.push(s.seen);
          return s.optimizer;
        } }),
        phase: { name: 'finetune', label: { en: 'Fine-tuning', zh: '微调' } },
      }),
    }),
    mlpRun({ ...shared, name: 'scratch', label: { en: 'scratch', zh: 'scratch' }, optimizer: scratch.optimizer, start: DEPTH * AE_STEPS }),
  ]);
  return { session, autoencoders, fineTuning: fineTuning.seen, scratch: scratch.seen };
}

async function drain(session: { done: boolean; next(): Promise<Frame[]> }) {
  const frames: Frame[] = [];
  while (!session.done) frames.push(...(await session.next()));
  return frames;
}

test('an autoencoder with tied weights: ‖∂L/∂W‖ (W in the encoder and, transposed, in the decoder) and ‖∂L/∂c‖ equal float64 central differences', async () => {
  const [n, din, dh] = [6, 3, 4];
  const rng = createRng(7);
  const encoder = new Dense({ name: 'enc', inDim: din, units: dh, activation: 'sigmoid', init: { name: 'normal', gain: 0.8 } }, rng);
  const x = Float32Array.from({ length: n * din }, () => rng.normal());
  const data = { kind: 'tabular', name: 'x', task: 'regression', n, inputDim: din, outputDim: din, x, y: x } as const;
  const trainer = new Trainer({ model: new Sequential([encoder, new TiedDecoder('dec', encoder)], din, din), data, loss: 'mse', optimizer: sgd(0.1) });
  const c = Float64Array.from({ length: din }, () => 0.3 * rng.normal());
  trainer.registry.get('dec/c').variable.assign(tf.tensor1d(Float32Array.from(c)));
  const W = Float64Array.from(encoder.params[0]!.values);
  const b = Float64Array.from(encoder.params[1]!.values);
  const x64 = Float64Array.from(x);
  const L = () => {
    const h = affineF64(x64, W, b, n, din, dh).map((z) => 1 / (1 + Math.exp(-z)));
    // ĥ = h Wᵀ + c: Wᵀ row-major [dh, din]
    const Wt = new Float64Array(dh * din);
    for (let i = 0; i < din; i++) for (let j = 0; j < dh; j++) Wt[j * din + i] = W[i * dh + j]!;
    return lossF64('mse', affineF64(h, Wt, c, n, dh, din), x64, n, din);
  };
  const [gW, , gc] = centralDifferences([W, b, c], L);
  const frame = await trainer.trainStep();
  trainer.dispose();
  const norm = (g: Float64Array) => Math.hypot(...g);
  expect(frame.layers.map((l) => l.name)).toEqual(['enc', 'dec']);
  expect(frame.layers[0]!.gradNormW).toBeCloseTo(norm(gW!), 5);
  expect(frame.layers[1]!.gradNormB).toBeCloseTo(norm(gc!), 5);
  expect(frame.layers[1]!.gradNormW).toBe(0);
});

describe('pre-training, then fine-tuning', () => {
  test('fine-tuning starts from the autoencoders’ encoders bit for bit; each layer stays as its phase left it; the output layer as drawn', async () => {
    const { session, autoencoders, fineTuning, scratch } = spiedSession(2);
    try {
      await drain(session);
    } finally {
      session.dispose();
    }
    expect(autoencoders).toHaveLength(DEPTH);
    // The main trainer's variables in registry order: dense1/W, dense1/b, …, output/W, output/b.
    const start = fineTuning.first!;
    const initial = scratch.first!;
    for (const [k, ae] of autoencoders.entries()) {
      // An autoencoder updates its encoder's W and b, then its decoder's bias c.
      const [w, b] = ae.last!;
      expect(bits(start[2 * k]!), `dense${k + 1}/W`).toEqual(bits(w!));
      expect(bits(start[2 * k + 1]!), `dense${k + 1}/b`).toEqual(bits(b!));
      // It started from the run's random draw (the scratch run's start) and moved.
      expect(bits(ae.first![0]!), `dense${k + 1}/W at its phase's start`).toEqual(bits(initial[2 * k]!));
      expect(bits(w!)).not.toEqual(bits(initial[2 * k]!));
      expect(ae.last).toHaveLength(3);
    }
    expect(bits(start[2 * DEPTH]!), 'output/W').toEqual(bits(initial[2 * DEPTH]!));
    expect(bits(start[2 * DEPTH + 1]!), 'output/b').toEqual(bits(initial[2 * DEPTH + 1]!));
  });

  test('frames: phases in order on the session’s steps; the comparison run starts with fine-tuning, step for step', async () => {
    const steps = 5;
    const { session } = spiedSession(steps);
    let frames: Frame[];
    try {
      const [pre, scratch] = session.runs;
      expect(pre!.phases!.map((p) => [p.name, p.start, p.steps])).toEqual([
        ...Array.from({ length: DEPTH }, (_, k) => [`ae${k + 1}`, k * AE_STEPS, AE_STEPS]),
        ['finetune', DEPTH * AE_STEPS, steps],
      ]);
      expect(pre!.steps).toBe(DEPTH * AE_STEPS + steps);
      expect(scratch).toMatchObject({ start: DEPTH * AE_STEPS, steps });
      expect(scratch!.phases).toBeUndefined();
      frames = await drain(session);
    } finally {
      session.dispose();
    }
    const pre = frames.filter((f) => f.run === 'pre');
    const scratch = frames.filter((f) => f.run === 'scratch');
    expect(pre.map((f) => f.step)).toEqual(Array.from({ length: DEPTH * AE_STEPS + steps }, (_, i) => i));
    expect(pre.map((f) => f.phase)).toEqual([...Array.from({ length: DEPTH }, (_, k) => Array(AE_STEPS).fill(`ae${k + 1}`)).flat(), ...Array(steps).fill('finetune')]);
    expect(scratch.map((f) => f.step)).toEqual(pre.filter((f) => f.phase === 'finetune').map((f) => f.step));
    // An autoencoder's frame describes its own two layers (encoder, tied decoder); fine-tuning's the network's.
    expect(pre[0]!.layers.map((l) => l.name)).toEqual(['dense1', 'decoder1']);
    expect(pre.at(-1)!.layers.map((l) => l.name)).toEqual(['dense1', 'dense2', 'dense3', 'output']);
    // Every autoencoder learns: its reconstruction loss ends below where it began.
    for (let k = 0; k < DEPTH; k++) {
      const phase = pre.filter((f) => f.phase === `ae${k + 1}`);
      expect(phase.at(-1)!.loss, `ae${k + 1}`).toBeLessThan(phase[0]!.loss);
    }
  });

  test('no tensor outlives the session, whether it ends or is disposed in the middle of a phase', async () => {
    const baseline = tf.memory().numTensors;
    const whole = spiedSession(3).session;
    await drain(whole);
    whole.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
    const half = spiedSession(3).session;
    for (let i = 0; i < AE_STEPS + 5; i++) await half.next();
    half.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  test('the pretraining experiment with no autoencoder steps is two identical runs that start together', async () => {
    const exp = experiments.pretraining;
    const session = exp.create({ ...defaults(exp.params), depth: 3, aeSteps: 0 }, { seed: 1, steps: 3 });
    let frames: Frame[];
    try {
      expect(session.runs.map((r) => [r.start, r.phases])).toEqual([[undefined, undefined], [undefined, undefined]]);
      frames = await drain(session);
    } finally {
      session.dispose();
    }
    const a = frames.filter((f) => f.run === 'pretrained');
    const b = frames.filter((f) => f.run === 'scratch');
    expect(a.map((f) => f.loss)).toEqual(b.map((f) => f.loss));
    expect(a.map((f) => f.step)).toEqual([0, 1, 2]);
  });
});
