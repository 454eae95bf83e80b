/**
 * Batch norm and residual blocks against float64 references in plain JS:
 * gradients (every trainable parameter, the input and every probe) equal
 * central differences in training mode, the running statistics follow
 * PyTorch's update, evaluation uses them, and nothing leaks. On the cpu and
 * the wasm backend (whose products take other paths, ops/matmul-grad.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import '../../src/engine/gradients';
import { scalarActivation, type ActivationName } from '../../src/engine/activations';
import { Dense, type DenseOptions, type NormPlacement } from '../../src/engine/models/dense';
import { buildMlp } from '../../src/engine/models/mlp';
import { ParamRegistry } from '../../src/engine/models/registry';
import { Residual } from '../../src/engine/models/residual';
import { Sequential } from '../../src/engine/models/sequential';
import type { ForwardContext, Model } from '../../src/engine/models/types';
import { createRng, type Rng } from '../../src/engine/rng';
import { useCpu } from './helpers';
import { affineF64, centralDifferences, lossF64 } from './helpers-fd';

beforeAll(useCpu);
afterAll(() => tf.setBackend('cpu'));

const EPS = 1e-5;
const MOMENTUM = 0.1;

// ---- float64 reference -------------------------------------------------------------

/**
 * One float64 forward pass. Reads the trainable parameters in the registry's
 * order; adds `probes` where the model probes; in training, batch norm uses
 * the batch's statistics and pushes them onto `batchStats`, in evaluation it
 * takes `running` in order.
 */
class Ref {
  private next = 0;
  private nextRunning = 0;
  readonly batchStats: { mean: Float64Array; variance: Float64Array }[] = [];
  /** z per recorded layer, as ctx.record gets it. */
  readonly recorded = new Map<string, Float64Array>();

  constructor(
    readonly n: number,
    private readonly params: readonly Float64Array[],
    private readonly probes: ReadonlyMap<string, Float64Array>,
    private readonly running: readonly { mean: Float64Array; variance: Float64Array }[] | null = null,
  ) {}

  private take(): Float64Array {
    return this.params[this.next++]!;
  }

  probe(name: string, h: Float64Array): Float64Array {
    const p = this.probes.get(name);
    return p ? h.map((v, k) => v + p[k]!) : h;
  }

  /** Batch norm of h [n, d]: γ(h − μ)/√(σ² + ε) + β. */
  bn(h: Float64Array, d: number, gamma: Float64Array, beta: Float64Array): Float64Array {
    const n = this.n;
    let stats: { mean: Float64Array; variance: Float64Array };
    if (this.running) stats = this.running[this.nextRunning++]!;
    else {
      const mean = new Float64Array(d);
      const variance = new Float64Array(d);
      for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += h[i * d + j]! / n;
      for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) variance[j]! += (h[i * d + j]! - mean[j]!) ** 2 / n;
      stats = { mean, variance };
      this.batchStats.push(stats);
    }
    return h.map((v, k) => (gamma[k % d]! * (v - stats.mean[k % d]!)) / Math.sqrt(stats.variance[k % d]! + EPS) + beta[k % d]!);
  }

  /** A Dense (dense.ts) without its probe. */
  dense(name: string, h: Float64Array, din: number, dout: number, activation: ActivationName, norm?: NormPlacement): Float64Array {
    const [W, b] = [this.take(), this.take()];
    const gb = norm ? [this.take(), this.take()] as const : null;
    const affine = affineF64(h, W, b, this.n, din, dout);
    const z = norm === 'bn-before' ? this.bn(affine, dout, ...gb!) : affine;
    this.recorded.set(name, z);
    const a = z.map(scalarActivation(activation).f);
    return norm === 'bn-after' ? this.bn(a, dout, ...gb!) : a;
  }
}

// ---- the cases ---------------------------------------------------------------------

interface Case {
  name: string;
  inDim: number;
  outDim: number;
  build(rng: Rng): Model;
  ref(r: Ref, x: Float64Array): Float64Array;
}

const dense = (name: string, inDim: number, units: number, activation: ActivationName, rng: Rng, norm?: NormPlacement) =>
  new Dense({ name, inDim, units, activation, init: { name: 'xavier', gain: 1.5 }, norm } satisfies DenseOptions, rng);

/** dense1 (3 → 4, with batch norm) → output (4 → 2). */
const bnCase = (norm: NormPlacement, activation: ActivationName): Case => ({
  name: `batch norm ${norm === 'bn-before' ? 'before' : 'after'} ${activation}`,
  inDim: 3,
  outDim: 2,
  build: (rng) => new Sequential([dense('dense1', 3, 4, activation, rng, norm), dense('output', 4, 2, 'linear', rng)], 3, 2),
  ref: (r, x) => r.probe('output', r.dense('output', r.probe('dense1', r.dense('dense1', x, 3, 4, activation, norm)), 4, 2, 'linear')),
});

/** Residual around `acts.length` dense layers of width 3 (a middle width of 5) with branch scale α, then output (3 → 2). */
const residualCase = (acts: readonly ActivationName[], alpha: number): Case => {
  const widths = acts.length === 1 ? [3, 3] : [3, 5, 3];
  const names = acts.map((_, i) => `r${i + 1}`);
  return {
    name: `residual around ${acts.join(' → ')}, α = ${alpha}`,
    inDim: 3,
    outDim: 2,
    build: (rng) =>
      new Sequential([new Residual({ branch: acts.map((a, i) => dense(names[i]!, widths[i]!, widths[i + 1]!, a, rng)), scale: alpha }), dense('output', 3, 2, 'linear', rng)], 3, 2),
    ref: (r, x) => {
      let f = x;
      acts.forEach((a, i) => {
        f = r.dense(names[i]!, f, widths[i]!, widths[i + 1]!, a);
        if (i < acts.length - 1) f = r.probe(names[i]!, f);
      });
      const h = r.probe(names.at(-1)!, x.map((v, k) => v + alpha * f[k]!));
      return r.probe('output', r.dense('output', h, 3, 2, 'linear'));
    },
  };
};

/** buildMlp with batch norm in every hidden layer and a skip around dense2 → dense3. */
const builderCase = (norm: NormPlacement): Case => ({
  name: `buildMlp, depth 3, ${norm}, residual every 2, scale 0.5`,
  inDim: 3,
  outDim: 2,
  build: (rng) => buildMlp({ inputDim: 3, outputDim: 2, depth: 3, width: 4, activation: 'tanh', init: { name: 'xavier', gain: 1.5 }, norm, residual: { every: 2, scale: 0.5 } }, rng),
  ref: (r, x) => {
    const h1 = r.probe('dense1', r.dense('dense1', x, 3, 4, 'tanh', norm));
    const f = r.dense('dense3', r.probe('dense2', r.dense('dense2', h1, 4, 4, 'tanh', norm)), 4, 4, 'tanh', norm);
    const h3 = r.probe('dense3', h1.map((v, k) => v + 0.5 * f[k]!));
    return r.probe('output', r.dense('output', h3, 4, 2, 'linear'));
  },
});

const CASES: Case[] = [
  bnCase('bn-before', 'tanh'),
  bnCase('bn-before', 'sigmoid'),
  bnCase('bn-after', 'sigmoid'),
  bnCase('bn-after', 'elu'),
  residualCase(['tanh'], 0.5),
  residualCase(['elu', 'sigmoid'], 0.7),
  builderCase('bn-before'),
  builderCase('bn-after'),
];

// ---- the engine side -----------------------------------------------------------------

/**
 * A ForwardContext for one pass, as the trainer makes one: what blocks retain
 * and set as state is kept until `end()`, constants too. `args` are the
 * tensors of the pass (trainable parameters by name, probes by name).
 */
function passContext(reg: ParamRegistry, training: boolean) {
  const kept: tf.Tensor[] = [];
  const keep = <T extends tf.Tensor>(t: T): T => {
    kept.push(tf.keep(t));
    return t;
  };
  const constants = new Map<string, tf.Tensor>();
  const state = new Map<string, tf.Tensor>();
  const recorded = new Map<string, tf.Tensor>();
  const args = new Map<string, tf.Tensor>();
  const probes = new Map<string, tf.Tensor>();
  const ctx: ForwardContext = {
    param: (name) => args.get(name) ?? reg.get(name).variable,
    probe: (name, t) => (probes.has(name) ? tf.add(t, probes.get(name)!) : t),
    record: (layer, z) => void recorded.set(layer, keep(z)),
    retain: (t) => (t instanceof tf.Variable ? t : keep(t)), // parameters are the registry's to dispose
    constant: (key, make) => {
      if (!constants.has(key)) constants.set(key, tf.keep(make()));
      return constants.get(key)!;
    },
    isData: () => false, // so that ∂x is computed
    training,
    setState: (name, value) => {
      if (!training) throw new Error('setState outside training');
      state.set(name, keep(value));
    },
    observe: () => {},
    probeTensor: () => null,
  };
  return { ctx, args, probes, state, recorded, end: () => tf.dispose([...kept, ...constants.values()]) };
}

const mse = (pred: tf.Tensor, y: tf.Tensor) => tf.mean(tf.squaredDifference(pred, y)) as tf.Scalar;

interface Data {
  n: number;
  x: Float64Array;
  y: Float64Array;
}

function data(c: Case, n: number, seed: number, shift = 0): Data {
  const rng = createRng(seed);
  return {
    n,
    x: Float64Array.from({ length: n * c.inDim }, () => shift + 1.5 * rng.normal()),
    y: Float64Array.from({ length: n * c.outDim }, () => rng.normal()),
  };
}

/** Loss, gradients (input, trainable parameters, probes) and recorded z of one training pass; the running statistics it set are assigned. */
async function trainPass(model: Model, reg: ParamRegistry, c: Case, d: Data) {
  const { ctx, args, probes, state, recorded, end } = passContext(reg, true);
  const params = reg.trainable();
  const specs = model.probes(d.n);
  const x = tf.tensor2d(Float32Array.from(d.x), [d.n, c.inDim]);
  const y = tf.tensor2d(Float32Array.from(d.y), [d.n, c.outDim]);
  const zeros = specs.map((s) => tf.zeros([...s.shape]));
  try {
    const { value, grads } = tf.valueAndGrads((...ts: tf.Tensor[]) => {
      params.forEach((p, i) => args.set(p.name, ts[1 + i]!));
      specs.forEach((s, i) => probes.set(s.name, ts[1 + params.length + i]!));
      return mse(model.forward(ts[0]!, ctx), y);
    })([x, ...params.map((p) => p.variable), ...zeros]);
    for (const [name, v] of state) reg.get(name).variable.assign(v);
    const out = {
      loss: (await value.data())[0]!,
      grads: await Promise.all(grads.map(async (g) => Float64Array.from(await g.data()))),
      recorded: new Map(await Promise.all([...recorded].map(async ([k, z]) => [k, Float64Array.from(await z.data())] as const))),
      stateNames: [...state.keys()],
    };
    tf.dispose([value, ...grads]);
    return out;
  } finally {
    end();
    tf.dispose([x, y, ...zeros]);
  }
}

async function predict(model: Model, reg: ParamRegistry, c: Case, d: Data, training: boolean): Promise<Float64Array> {
  const { ctx, state, end } = passContext(reg, training);
  try {
    const pred = tf.tidy(() => model.forward(tf.tensor2d(Float32Array.from(d.x), [d.n, c.inDim]), ctx));
    const out = Float64Array.from(await pred.data());
    pred.dispose();
    if (!training) expect(state.size).toBe(0);
    return out;
  } finally {
    end();
  }
}

const read = (reg: ParamRegistry, names: readonly string[]) => Promise.all(names.map(async (n) => Float64Array.from(await reg.get(n).variable.data())));

/** max |a − e| within 1e-3 of e's largest entry (float32 against float64), plus a floor for entries that are 0 in exact arithmetic. */
function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string) {
  expect(actual.length, what).toBe(expected.length);
  const scale = Math.max(...Array.from(expected, Math.abs));
  const worst = Math.max(...Array.from(expected, (e, k) => Math.abs(actual[k]! - e)));
  expect(worst, `${what}: worst |Δ| ${worst} against max |g| ${scale}`).toBeLessThanOrEqual(1e-3 * scale + 1e-6);
}

// ---- tests -------------------------------------------------------------------------------

describe.each(['cpu', 'wasm'] as const)('on %s', (backend) => {
  beforeAll(async () => {
    await tf.setBackend(backend);
    await tf.ready();
    expect(tf.getBackend()).toBe(backend);
  });

  test.each(CASES)('$name: gradients of every trainable parameter, the input and every probe equal float64 central differences (training mode)', async (c) => {
    const model = c.build(createRng(7));
    const reg = ParamRegistry.fromModel(model);
    try {
      const d = data(c, 8, 11);
      const params = await read(reg, reg.trainable().map((p) => p.name));
      const probes = new Map(model.probes(d.n).map((s) => [s.name, new Float64Array(s.shape.reduce((a, b) => a * b))]));
      const x = Float64Array.from(d.x);
      const L = () => lossF64('mse', c.ref(new Ref(d.n, params, probes), x), d.y, d.n, c.outDim);
      const expected = centralDifferences([x, ...params, ...probes.values()], L);
      const ref = new Ref(d.n, params, probes);
      c.ref(ref, x);

      const got = await trainPass(model, reg, c, d);
      expect(got.loss).toBeCloseTo(L(), 5);
      const names = ['input', ...reg.trainable().map((p) => p.name), ...[...probes.keys()].map((p) => `probe ${p}`)];
      expect(got.grads.length).toBe(names.length);
      got.grads.forEach((g, k) => expectClose(g, expected[k]!, names[k]!));
      // z as recorded: after batch norm when it comes before the activation.
      expect([...got.recorded.keys()].sort()).toEqual([...ref.recorded.keys()].sort());
      for (const [layer, z] of ref.recorded) expectClose(got.recorded.get(layer)!, z, `z of ${layer}`);
    } finally {
      reg.dispose();
    }
  });

  test.each(CASES.filter((c) => c.name.includes('batch norm') || c.name.includes('buildMlp')))(
    '$name: running statistics follow PyTorch (momentum 0.1, unbiased variance); evaluation uses them',
    async (c) => {
      const model = c.build(createRng(7));
      const reg = ParamRegistry.fromModel(model);
      try {
        const state = reg.entries().filter((e) => !e.trainable).map((e) => e.name);
        const params = await read(reg, reg.trainable().map((p) => p.name));
        const n = 6;
        const noProbes = new Map<string, Float64Array>();
        // Each BN's running (mean, var), starting as PyTorch's (0, 1).
        let running: { mean: Float64Array; variance: Float64Array }[] = [];
        for (let pass = 0; pass < 3; pass++) {
          const d = data(c, n, 20 + pass, pass); // batches with different means
          const got = await trainPass(model, reg, c, d);
          expect(got.stateNames.sort()).toEqual([...state].sort());
          const ref = new Ref(n, params, noProbes);
          c.ref(ref, d.x);
          if (!running.length) running = ref.batchStats.map((s) => ({ mean: new Float64Array(s.mean.length), variance: new Float64Array(s.mean.length).fill(1) }));
          running = running.map((r, k) => ({
            mean: r.mean.map((m, j) => (1 - MOMENTUM) * m + MOMENTUM * ref.batchStats[k]!.mean[j]!),
            variance: r.variance.map((v, j) => (1 - MOMENTUM) * v + (MOMENTUM * ref.batchStats[k]!.variance[j]! * n) / (n - 1)),
          }));
        }
        const stored = await read(reg, state); // '<layer>/bn/mean', '<layer>/bn/var' per BN, in order
        running.forEach((r, k) => {
          expectClose(stored[2 * k]!, r.mean, state[2 * k]!);
          expectClose(stored[2 * k + 1]!, r.variance, state[2 * k + 1]!);
        });

        const d = data(c, n, 30, -0.5);
        const evalPred = await predict(model, reg, c, d, false);
        expectClose(evalPred, c.ref(new Ref(n, params, noProbes, running), d.x), 'evaluation output');
        const trainPred = await predict(model, reg, c, d, true);
        expectClose(trainPred, c.ref(new Ref(n, params, noProbes), d.x), 'training output');
        expect(Math.max(...evalPred.map((v, k) => Math.abs(v - trainPred[k]!)))).toBeGreaterThan(0.05);
      } finally {
        reg.dispose();
      }
    },
  );

  test('no tensor leaks: training and evaluation passes leave the tensor count flat', async () => {
    const c = builderCase('bn-before');
    const before = tf.memory().numTensors;
    const model = c.build(createRng(7));
    const reg = ParamRegistry.fromModel(model);
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) {
      await trainPass(model, reg, c, data(c, 8, i));
      await predict(model, reg, c, data(c, 8, i), false);
      counts.push(tf.memory().numTensors);
    }
    reg.dispose();
    expect(new Set(counts).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('building', () => {
  const names = (m: Model) => m.blocks.flatMap((b) => b.params.map((p) => p.name));

  test('the default MLP is a plain stack of Dense blocks: names, order, kinds', () => {
    const m = buildMlp({ inputDim: 2, outputDim: 1, depth: 3, width: 4, activation: 'tanh', init: { name: 'xavier', gain: 1 } }, createRng(1));
    expect(m.blocks.every((b) => b instanceof Dense)).toBe(true);
    expect(names(m)).toEqual(['dense1/W', 'dense1/b', 'dense2/W', 'dense2/b', 'dense3/W', 'dense3/b', 'output/W', 'output/b']);
    expect(m.layers.map((l) => [l.name, l.kind, l.weights, l.biases])).toEqual([
      ['dense1', 'dense', ['dense1/W'], ['dense1/b']],
      ['dense2', 'dense', ['dense2/W'], ['dense2/b']],
      ['dense3', 'dense', ['dense3/W'], ['dense3/b']],
      ['output', 'output', ['output/W'], ['output/b']],
    ]);
  });

  test('batch norm and residual options: γ with the weights, β with the biases, skips grouped from dense2, the same initial weights', async () => {
    const cfg = { inputDim: 2, outputDim: 1, depth: 4, width: 4, activation: 'tanh', init: { name: 'xavier', gain: 1 } } as const;
    const m = buildMlp({ ...cfg, norm: 'bn-after', residual: { every: 2, scale: 0.3 } }, createRng(1));
    expect(m.blocks.map((b) => b.constructor.name)).toEqual(['Dense', 'Residual', 'Residual', 'Dense']);
    expect(m.blocks.map((b) => b.name)).toEqual(['dense1', 'dense2+dense3', 'dense4', 'output']);
    expect(m.layers.map((l) => [l.name, l.kind])).toEqual([['dense1', 'batchnorm'], ['dense2', 'residual'], ['dense3', 'residual'], ['dense4', 'residual'], ['output', 'output']]);
    expect(m.layers[1]).toMatchObject({ weights: ['dense2/W', 'dense2/bn/gamma'], biases: ['dense2/b', 'dense2/bn/beta'] });
    expect(names(m).slice(0, 6)).toEqual(['dense1/W', 'dense1/b', 'dense1/bn/gamma', 'dense1/bn/beta', 'dense1/bn/mean', 'dense1/bn/var']);
    const state = m.blocks.flatMap((b) => b.params.filter((p) => p.trainable === false));
    expect(state.map((p) => [p.role, p.values[0]])).toEqual(Array.from({ length: 4 }, () => [['state', 0], ['state', 1]]).flat());
    // The remedy changes the architecture, not the draw: the same W in both.
    const plain = buildMlp(cfg, createRng(1));
    const w = (mm: Model, name: string) => mm.blocks.flatMap((b) => b.params).find((p) => p.name === name)!.values;
    for (const name of ['dense1/W', 'dense3/W', 'output/W']) expect(w(m, name)).toEqual(w(plain, name));
  });

  test('a residual branch whose output is not as wide as its input is refused, naming the layers', () => {
    const rng = createRng(1);
    expect(() => new Residual({ branch: [dense('r1', 3, 4, 'tanh', rng)] })).toThrow('residual r1: the identity skip needs the branch\'s output as wide as its input, got 3 → 4');
    expect(() => new Residual({ branch: [dense('r1', 3, 5, 'tanh', rng), dense('r2', 4, 3, 'tanh', rng)] })).toThrow('r2 takes 4 inputs, r1 gives 5');
    expect(() => new Residual({ branch: [] })).toThrow('one or two dense layers');
  });
});
