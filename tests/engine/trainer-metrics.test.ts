/** Metrics as plug-ins: one declared outside the engine shows in the frame with no edit of the trainer. */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, test } from 'vitest';
import { spirals } from '../../src/engine/data';
import { buildMlp } from '../../src/engine/models/mlp';
import { createRng } from '../../src/engine/rng';
import { perTensorRows, rows } from '../../src/engine/train/batched';
import { builtinMetrics, defineMetric } from '../../src/engine/train/metrics/index';
import { sgd } from '../../src/engine/train/optimizers';
import { Trainer, type TrainerConfig } from '../../src/engine/train/trainer';
import { useCpu } from './helpers';

beforeAll(useCpu);

// A new frame field, added where the metric is declared.
declare module '../../src/engine/frame' {
  interface LayerFrame {
    maxAbsW?: number;
  }
  interface StepMetrics {
    pass?: number;
  }
}

/** max |w| over each layer's weights after the update: one max per shape group, combined per layer in JS. */
const maxAbsW = defineMetric<'maxAbsW', true>({
  id: 'maxAbsW',
  fields: [{ per: 'layer', key: 'maxAbsW', label: { en: 'Largest |weight|', zh: '最大权重绝对值' } }],
  reads: ['weights'],
  pack: (t, _, out) => out.addRows('max', perTensorRows(t.params.map((p) => p.variable), (s) => tf.max(tf.abs(rows(s)), 1))),
  read: (v, _, ctx, frame) => {
    const max = v.array('max');
    ctx.layers.forEach((l, i) => (frame.layers[i]!.maxAbsW = Math.max(...l.weights.map((w) => max[ctx.params.findIndex((p) => p.name === w)]!))));
  },
  checked: (frame) => frame.layers.map((l) => l.maxAbsW!),
});

function trainer(plugins: TrainerConfig['plugins'] = [maxAbsW]) {
  const model = buildMlp({ inputDim: 2, outputDim: 1, depth: 2, width: 6, activation: 'tanh', init: { name: 'xavier', gain: 1 } }, createRng(9));
  return new Trainer({ model, data: spirals(createRng(3)), loss: 'sigmoid-ce', optimizer: sgd(0.5), plugins });
}

test('a plug-in from outside the engine fills its field when asked, from the weights after the update', async () => {
  const t = trainer();
  const plain = await t.trainStep();
  expect(plain.layers.every((l) => l.maxAbsW === undefined)).toBe(true);
  const m = await t.trainStep({ maxAbsW: true });
  for (const [i, layer] of t.model.layers.entries()) {
    const w = await t.registry.get(layer.weights[0]!).variable.data();
    expect(m.layers[i]!.maxAbsW).toBe(Math.max(...Array.from(w, Math.abs)));
  }
  expect(t.fields({ maxAbsW: true })).toContain('maxAbsW');
  expect(t.fields()).not.toContain('maxAbsW');
  t.dispose();
});

test('frame fields follow the options; an unknown option or a second metric of one id is an error', async () => {
  const t = trainer();
  expect(t.fields()).toEqual(['loss', 'globalNorm', 'accuracy', 'gradNormW', 'gradNormB']);
  expect(t.fields({ probes: true, histogram: { lo: -1, hi: 1, bins: 4 }, activations: false })).toEqual(['loss', 'globalNorm', 'accuracy', 'gradNormW', 'gradNormB', 'gradNormAct', 'histogram']);
  await expect(t.trainStep({ histgram: true })).rejects.toThrow(/unknown metric option histgram/);
  t.dispose();
  expect(() => trainer([maxAbsW, maxAbsW])).toThrow(/two metrics named maxAbsW/);
  // Every built-in metric labels its fields in both languages.
  for (const f of builtinMetrics.flatMap((m) => m.fields)) expect(f.label.en && f.label.zh, f.key).toBeTruthy();
});

test('a plug-in’s checked values send the step to the diagnosis, which reads its exact repack', async () => {
  const pass = (check: number) =>
    defineMetric<'pass', true>({
      id: 'pass',
      fields: [{ per: 'step', key: 'pass', label: { en: 'Pass', zh: '轮次' } }],
      reads: [],
      pack: (_, __, out) => out.add('v', tf.scalar(1)),
      packExact: (_, __, out) => out.add('v', tf.scalar(2)),
      read: (v, _, __, frame) => (frame.pass = v.scalar('v')),
      checked: () => [check],
    });
  for (const [check, expected] of [[0, 1], [Infinity, 2]] as const) {
    const t = trainer([pass(check)]);
    const m = await t.trainStep({ pass: true });
    expect(m.pass).toBe(expected);
    // Everything the step computed is finite: the diagnosis names nothing.
    expect(m.diverged).toBeUndefined();
    t.dispose();
  }
});
