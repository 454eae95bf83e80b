/** Sessions of named runs: comparisons declared once, shared seed and draws, per-run ends, shapes sent up front. */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { spirals } from '../../src/engine/data';
import { defineComparison } from '../../src/engine/experiments/compare';
import { experiments } from '../../src/engine/experiments/index';
import { mlpRun } from '../../src/engine/experiments/mlp-run';
import { createSession, type RunPlan } from '../../src/engine/experiments/run';
import type { Frame } from '../../src/engine/frame';
import { initStd } from '../../src/engine/init';
import { defaults, defineParams } from '../../src/engine/params';
import { sgd } from '../../src/engine/train/optimizers';
import { runFrames, runSession, useCpu } from './helpers';

beforeAll(useCpu);

describe('comparison params', () => {
  const base = defineParams({
    act: { kind: 'choice', options: [{ value: 'relu', label: { en: 'ReLU', zh: 'ReLU' } }, { value: 'elu', label: { en: 'ELU (exp.)', zh: 'ELU（指数）' }, short: { en: 'ELU', zh: 'ELU' } }], default: 'relu', label: { en: 'Activation', zh: '激活函数' } },
    gain: { kind: 'float', min: 0.5, max: 2, step: 0.5, default: 1, label: { en: 'Gain', zh: '增益' }, legend: { en: '×{v}', zh: '×{v}' } },
    depth: { kind: 'int', min: 1, max: 9, step: 1, default: 3, label: { en: 'Depth', zh: '深度' } },
  });
  const cmp = defineComparison(base, { compare: true, b: { act: 'elu', gain: 2 } });

  test('a switch and one twin per compared key: its spec, its own default and label, pointing back', () => {
    expect(Object.keys(cmp.params)).toEqual(['act', 'gain', 'depth', 'compare', 'act2', 'gain2']);
    expect(cmp.params.compare).toMatchObject({ kind: 'bool', default: true, label: { en: 'Compare with a second run', zh: '与第二组对比' } });
    expect(cmp.params.act2).toEqual({ ...base.act, default: 'elu', label: { en: 'Run B: Activation', zh: 'B 组：激活函数' }, compareOf: 'act' });
    expect(cmp.params.gain2).toMatchObject({ min: 0.5, max: 2, step: 0.5, default: 2, compareOf: 'gain' });
    expect(base).not.toHaveProperty('compare'); // the base declaration is left alone
  });

  test('split: A reads the keys, B their twins, the rest is shared; labels name the compared values', () => {
    const values = { ...defaults(cmp.params), depth: 5, gain2: 0.5 };
    expect(cmp.runs(values)).toEqual([
      { name: 'a', label: { en: 'A · ReLU · ×1', zh: 'A · ReLU · ×1' }, values: { act: 'relu', gain: 1, depth: 5 } },
      { name: 'b', label: { en: 'B · ELU · ×0.5', zh: 'B · ELU · ×0.5' }, values: { act: 'elu', gain: 0.5, depth: 5 } },
    ]);
    expect(cmp.runs({ ...values, compare: false }).map((r) => r.name)).toEqual(['a']);
  });

  test('the three experiments: what run B may change, and its defaults', () => {
    const twins = (id: keyof typeof experiments) =>
      Object.fromEntries(Object.entries(experiments[id].params).flatMap(([k, s]) => (s.compareOf ? [[k, [s.compareOf, s.default]]] : [])));
    expect(experiments['gradient-flow'].params.compare.default).toBe(true);
    expect(twins('gradient-flow')).toEqual({ activation2: ['activation', 'relu'], init2: ['init', 'he'], gain2: ['gain', 1] });
    expect(experiments.explosion.params.compare.default).toBe(true);
    expect(twins('explosion')).toEqual({ scale2: ['scale', 1], lr2: ['lr', 0.1] });
    expect(experiments.explosion.params.scale.default).toBe(1);
    expect(experiments.explosion.params.lr.default).toBe(1);
    expect(experiments.saturation.params.compare.default).toBe(false);
    expect(twins('saturation')).toEqual({ sigma2: ['sigma', 0.25] });
  });
});

describe('run shapes', () => {
  test('gradient-flow at its defaults: two runs, their layers, widths, activations, series and parameter count', () => {
    const exp = experiments['gradient-flow'];
    const session = exp.create(defaults(exp.params), { seed: 4 });
    try {
      const [a, b] = session.runs;
      expect(session.runs).toHaveLength(2);
      expect(a!.label.en).toBe('A · Sigmoid · Xavier · gain 1');
      expect(b!.label.en).toBe('B · ReLU · He · gain 1');
      expect(b!.label.zh).toBe('B · ReLU · He · 增益 1');
      const hidden = (act: string) => Array.from({ length: 8 }, (_, i) => ({ name: `dense${i + 1}`, kind: 'dense', units: 32, activation: act }));
      expect(a!.layers).toEqual([...hidden('sigmoid'), { name: 'output', kind: 'output', units: 1, activation: 'linear' }]);
      expect(b!.layers).toEqual([...hidden('relu'), { name: 'output', kind: 'output', units: 1, activation: 'linear' }]);
      // 2 → 32 (×8) → 1, weights and biases.
      expect(a!.paramCount).toBe(2 * 32 + 32 + 7 * (32 * 32 + 32) + 32 + 1);
      expect(a).toMatchObject({ name: 'a', dataset: 'spirals', loss: 'sigmoid-ce', steps: exp.steps, seed: 4 });
      expect([...a!.series].sort()).toEqual(['accuracy', 'act', 'firstOverLast', 'globalNorm', 'gradNormAct', 'gradNormB', 'gradNormW', 'loss']);
    } finally {
      session.dispose();
    }
  });

  test('series are the fields the frames carry (a run in phases: the frames of its last phase)', async () => {
    for (const exp of Object.values(experiments)) {
      const session = exp.create(defaults(exp.params) as never, { seed: 1, steps: 1 });
      try {
        // Each run's first frame of its last phase (a run that starts late or pre-trains first comes later).
        const first = new Map<string, Frame>();
        const last = (name: string) => session.runs.find((r) => r.name === name)!.phases?.at(-1)?.name;
        while (first.size < session.runs.length && !session.done) {
          for (const f of await session.next()) if (!first.has(f.run) && f.phase === last(f.run)) first.set(f.run, f);
        }
        for (const shape of session.runs) {
          const f = first.get(shape.name)! as unknown as Record<string, unknown>;
          const layer = (f.layers as Record<string, unknown>[])[0]!;
          const carried = (field: string) => field in f || field in layer || field in ((f.extras as object | undefined) ?? {});
          for (const field of shape.series) expect(carried(field), `${exp.id} ${shape.name} ${field}`).toBe(true);
          for (const field of ['accuracy', 'gradNormAct', 'weightNorm', 'act', 'histogram']) {
            if (carried(field)) expect(shape.series, `${exp.id} ${field}`).toContain(field);
          }
        }
      } finally {
        session.dispose();
      }
    }
  });
});

describe('shared seed, data and draws', () => {
  test('gradient-flow with run B set equal to run A: identical frames, run by run', async () => {
    const frames = await runSession(experiments['gradient-flow'], { depth: 4, activation: 'tanh', init: 'xavier', gain: 1.5, activation2: 'tanh', init2: 'xavier', gain2: 1.5 }, { seed: 11, steps: 5 });
    const a = frames.filter((f) => f.run === 'a');
    const b = frames.filter((f) => f.run === 'b');
    expect(a.map((f) => f.step)).toEqual([0, 1, 2, 3, 4]);
    expect(b.map((f) => f.loss)).toEqual(a.map((f) => f.loss));
    const untagged = (fs: Frame[]) => fs.map(({ run: _run, ...rest }) => rest);
    expect(untagged(b)).toEqual(untagged(a));
    // The losses fall: this is training, not a frozen copy.
    expect(a[4]!.loss).toBeLessThan(a[0]!.loss);
  });

  test('runs differing in activation and init start from the same standard-normal draws and the same data', () => {
    const plan = (activation: 'sigmoid' | 'relu', init: 'xavier' | 'he'): RunPlan =>
      mlpRun({
        name: activation, label: { en: activation, zh: activation }, data: spirals,
        mlp: { depth: 3, width: 32, activation, init: { name: init, gain: 1 } },
        loss: 'sigmoid-ce', optimizer: sgd(0.1), metrics: {},
      })(5);
    const [a, b] = [plan('sigmoid', 'xavier'), plan('relu', 'he')];
    expect(b.trainer.data.x).toEqual(a.trainer.data.x);
    expect(b.trainer.data.y).toEqual(a.trainer.data.y);
    const weights = (p: RunPlan) => p.trainer.model.blocks.map((blk) => blk.params.find((d) => d.role === 'weight')!);
    const [wa, wb] = [weights(a), weights(b)];
    expect(wa).toHaveLength(4);
    for (const [l, w] of wa.entries()) {
      const [fanIn, fanOut] = w.shape as [number, number];
      // He / Xavier σ for this layer: every entry of run b's matrix is run a's times it (float32 rounding aside).
      const k = initStd({ name: 'he', gain: 1 }, fanIn, fanOut) / initStd({ name: 'xavier', gain: 1 }, fanIn, fanOut);
      expect(k).not.toBeCloseTo(1, 2);
      const v = wb[l]!.values;
      for (let i = 0; i < w.values.length; i++) expect(v[i]! / w.values[i]!).toBeCloseTo(k, 5);
    }
  });

  test('a different seed changes both runs', async () => {
    const one = await runSession(experiments['gradient-flow'], { depth: 2 }, { seed: 1, steps: 1 });
    const two = await runSession(experiments['gradient-flow'], { depth: 2 }, { seed: 2, steps: 1 });
    for (const i of [0, 1]) expect(two[i]!.loss).not.toBe(one[i]!.loss);
  });
});

describe('session life', () => {
  test('frames come in run order, one per training run; done when every run has stopped', async () => {
    const exp = experiments.saturation;
    const session = exp.create({ ...defaults(exp.params), depth: 2, compare: true }, { seed: 1, steps: 3 });
    try {
      for (let step = 0; step < 3; step++) {
        expect(session.done).toBe(false);
        expect((await session.next()).map((f) => [f.run, f.step])).toEqual([['a', step], ['b', step]]);
      }
      expect([session.state('a'), session.state('b'), session.done]).toEqual(['done', 'done', true]);
      expect(await session.next()).toEqual([]);
      expect(() => session.state('c')).toThrow(/no run "c"/);
    } finally {
      session.dispose();
    }
  });

  test('runFrames picks one run and stops with it', async () => {
    const b = await runFrames(experiments.explosion, {}, { seed: 1, steps: 4, run: 'b' });
    expect(b.map((f) => [f.run, f.step])).toEqual([['b', 0], ['b', 1], ['b', 2], ['b', 3]]);
    const a = await runFrames(experiments.explosion, {}, { seed: 1, steps: 40 });
    expect(a.every((f) => f.run === 'a')).toBe(true);
    expect(a.at(-1)!.diverged).toBeDefined();
  });

  test('a run that cannot be built frees the runs built before it; two runs may not share a name', () => {
    const baseline = tf.memory().numTensors;
    const ok = mlpRun({
      name: 'a', label: { en: 'A', zh: 'A' }, data: spirals,
      mlp: { depth: 1, width: 4, activation: 'tanh', init: { name: 'xavier', gain: 1 } },
      loss: 'sigmoid-ce', optimizer: sgd(0.1), metrics: {},
    });
    const cfg = { experiment: 'test', seed: 1, steps: 2 };
    expect(() => createSession(cfg, [ok, () => { throw new Error('no such block'); }])).toThrow(/no such block/);
    expect(() => createSession(cfg, [ok, ok])).toThrow(/two runs named "a"/);
    expect(tf.memory().numTensors).toBe(baseline);
  });
  test('evaluation passes: before every k-th step, at the frame\'s weights; equal to the training loss without batch norm, apart from it with batch norm at the start, and they change nothing', async () => {
    const run = (norm: 'none' | 'bn-before', evaluate?: { every: number }) =>
      mlpRun({
        name: 'a', label: { en: 'A', zh: 'A' }, data: spirals,
        mlp: { depth: 3, width: 8, activation: 'sigmoid', init: { name: 'xavier', gain: 1 }, norm },
        loss: 'sigmoid-ce', optimizer: sgd(0.5), metrics: {}, ...(evaluate ? { evaluate } : {}),
      });
    const frames = async (norm: 'none' | 'bn-before', evaluate?: { every: number }) => {
      const session = createSession({ experiment: 'test', seed: 3, steps: 7 }, [run(norm, evaluate)]);
      const out = [];
      try {
        while (!session.done) out.push(...(await session.next()));
      } finally {
        session.dispose();
      }
      return out;
    };
    const plain = await frames('none', { every: 3 });
    expect(plain.map((f) => f.eval !== undefined)).toEqual([true, false, false, true, false, false, true]);
    for (const f of plain.filter((f) => f.eval)) {
      expect(Math.abs(f.eval!.loss - f.loss)).toBeLessThan(1e-6);
      expect(f.eval!.accuracy).toBe(f.accuracy);
    }
    const bn = await frames('bn-before', { every: 1 });
    // running statistics start at mean 0, variance 1, not the batch's: evaluation mode sees another network
    expect(Math.abs(bn[0]!.eval!.loss - bn[0]!.loss)).toBeGreaterThan(1e-3);
    const without = await frames('bn-before');
    expect(without.map((f) => f.loss)).toEqual(bn.map((f) => f.loss));
  });
});
