/**
 * Recurrent layers against a float64 reference in plain JS: backpropagation
 * through time by tfjs (the LSTM cell as one kernel on cpu and wasm, as tfjs
 * ops on the other backends) gives every parameter's gradient and ∂L/∂h_t,
 * ∂L/∂c_t for every t equal to central differences; the fused cell and the
 * composed one agree; nothing leaks.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import '../../src/engine/gradients';
import { Dense } from '../../src/engine/models/dense';
import { ParamRegistry } from '../../src/engine/models/registry';
import { Recurrent, timeProbe, type CellKind } from '../../src/engine/models/recurrent';
import { Sequential } from '../../src/engine/models/sequential';
import type { ForwardContext } from '../../src/engine/models/types';
import { experiments } from '../../src/engine/experiments/index';
import { defaults } from '../../src/engine/params';
import { createRng } from '../../src/engine/rng';
import { runSession, useCpu } from './helpers';
import { affineF64, centralDifferences, lossF64 } from './helpers-fd';

beforeAll(useCpu);
afterAll(() => tf.setBackend('cpu'));

const N = 3;
const T = 5;
const D = 2;
const H = 3;

const sig = (v: number) => 1 / (1 + Math.exp(-v));

/**
 * The model's forward pass in float64: x time-major [T·n, D]; params Wx, Wh, b (the
 * recurrent layer), W, b (the output); probes q_h[t], q_c[t] added where the engine adds them.
 */
function forwardF64(cell: CellKind, x: Float64Array, p: readonly Float64Array[], qh: readonly Float64Array[], qc: readonly Float64Array[]): Float64Array {
  const [wx, wh, b, wo, bo] = p as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  const k = cell === 'lstm' ? 4 : 1;
  let h = new Float64Array(N * H);
  let c = new Float64Array(N * H);
  for (let t = 0; t < T; t++) {
    const pre = affineF64(x.subarray(t * N * D, (t + 1) * N * D), wx, b, N, D, k * H);
    const rec = affineF64(h, wh, new Float64Array(k * H), N, H, k * H);
    const hn = new Float64Array(N * H);
    const cn = new Float64Array(N * H);
    for (let r = 0; r < N; r++) {
      for (let j = 0; j < H; j++) {
        const at = (g: number) => pre[r * k * H + g * H + j]! + (t ? rec[r * k * H + g * H + j]! : 0);
        const e = r * H + j;
        if (cell === 'rnn') hn[e] = Math.tanh(at(0)) + qh[t]![e]!;
        else {
          cn[e] = sig(at(1)) * c[e]! + sig(at(0)) * Math.tanh(at(2)) + qc[t]![e]!;
          hn[e] = sig(at(3)) * Math.tanh(cn[e]!) + qh[t]![e]!;
        }
      }
    }
    h = hn;
    c = cn;
  }
  return affineF64(h, wo, bo, N, H, 1);
}

function setup(cell: CellKind, composed: boolean) {
  const rng = createRng(7);
  // gain 1.5 and forget bias 0.5: gradients neither vanish nor saturate over 5 steps, so every entry is checked
  const rec = new Recurrent({ name: cell, cell, inDim: D, units: H, length: T, gain: 1.5, forgetBias: 0.5, composed }, rng);
  const out = new Dense({ name: 'output', inDim: H, units: 1, activation: 'linear', init: { name: 'xavier', gain: 1 }, kind: 'output' }, rng);
  const model = new Sequential([rec, out], D, 1);
  const x = Float64Array.from({ length: T * N * D }, () => rng.normal());
  const y = Float64Array.from({ length: N }, () => rng.normal());
  return { model, x, y };
}

/** Loss and gradients (parameters, then every probe) of one pass through the engine. */
async function engineGradients(cell: CellKind, composed: boolean) {
  const { model, x, y } = setup(cell, composed);
  const reg = ParamRegistry.fromModel(model);
  const params = reg.trainable();
  const specs = model.probes(N);
  const zeros = specs.map((s) => tf.zeros([...s.shape]));
  const kept: tf.Tensor[] = [];
  const constants = new Map<string, tf.Tensor>();
  const xt = tf.tensor2d(Float32Array.from(x), [T * N, D]);
  const yt = tf.tensor2d(Float32Array.from(y), [N, 1]);
  try {
    const { value, grads } = tf.valueAndGrads((...ts: tf.Tensor[]) => {
      const arg = new Map(params.map((p, i) => [p.name, ts[i]!]));
      const probe = new Map(specs.map((s, i) => [s.name, ts[params.length + i]!]));
      const ctx: ForwardContext = {
        param: (name) => arg.get(name)!,
        probe: (name, t) => (probe.has(name) ? tf.add(t, probe.get(name)!) : t),
        probeTensor: (name) => probe.get(name) ?? null,
        record: () => {},
        retain: (t) => {
          kept.push(tf.keep(t));
          return t;
        },
        constant: (key, make) => {
          if (!constants.has(key)) constants.set(key, tf.keep(make()));
          return constants.get(key)!;
        },
        isData: (t) => t === xt,
        training: true,
        setState: () => {},
        observe: () => {},
      };
      return tf.mean(tf.squaredDifference(model.forward(xt, ctx), yt)) as tf.Scalar;
    })([...params.map((p) => p.variable), ...zeros]);
    const out = {
      loss: (await value.data())[0]!,
      grads: await Promise.all(grads.map(async (g) => Float64Array.from(await g.data()))),
      names: [...params.map((p) => p.name), ...specs.map((s) => s.name)],
      params: await Promise.all(params.map(async (p) => Float64Array.from(await p.variable.data()))),
    };
    tf.dispose([value, ...grads]);
    return { ...out, x, y };
  } finally {
    tf.dispose([...kept, ...constants.values(), ...zeros, xt, yt]);
    reg.dispose();
  }
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string) {
  const scale = Math.max(...Array.from(expected, Math.abs));
  expect(scale, `${what}: a gradient that is all zeros checks nothing`).toBeGreaterThan(1e-4);
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i]! - expected[i]!), `${what}[${i}]`).toBeLessThan(2e-3 * scale + 1e-6);
}

describe.each(['cpu', 'wasm'])('on %s', (backend) => {
  beforeAll(async () => {
    await tf.setBackend(backend);
    await tf.ready();
  });

  for (const [cell, composed] of [['rnn', false], ['rnn', true], ['lstm', false], ['lstm', true]] as const) {
    test(`${cell}${composed ? ' (cell as tfjs ops)' : ''}: every parameter's gradient and ∂L/∂h_t${cell === 'lstm' ? ', ∂L/∂c_t' : ''} for every t equal float64 central differences`, async () => {
      const before = tf.memory().numTensors;
      const e = await engineGradients(cell, composed);
      expect(tf.memory().numTensors).toBe(before);
      const qh = Array.from({ length: T }, () => new Float64Array(N * H));
      const qc = Array.from({ length: T }, () => new Float64Array(N * H));
      const loss = () => lossF64('mse', forwardF64(cell, e.x, e.params, qh, qc), e.y, N, 1);
      expect(e.loss).toBeCloseTo(loss(), 5);
      // Time probes only: the output layer's own probe is the Dense's business (blocks.test.ts).
      const timed = e.names.flatMap((name, i) => {
        const m = i >= e.params.length ? /\/([hc])(\d+)$/.exec(name) : null;
        return m ? [{ i, array: (m[1] === 'h' ? qh : qc)[Number(m[2]) - 1]! }] : [];
      });
      expect(timed.length).toBe(cell === 'lstm' ? 2 * T : T);
      expect(e.names).toContain(timeProbe(cell, 'h', T));
      const fd = centralDifferences([...e.params, ...timed.map((p) => p.array)], loss);
      const checked = [...e.params.map((_, i) => i), ...timed.map((p) => p.i)];
      fd.forEach((g, k) => expectClose(e.grads[checked[k]!]!, g, e.names[checked[k]!]!));
    });
  }

  test.each(['rnn', 'lstm'] as const)('%s after another layer: ∂L/∂x through the sequence kernel equals the cell as tfjs ops', async (cell) => {
    const gradX = async (composed: boolean) => {
      const rec = new Recurrent({ name: cell, cell, inDim: D, units: H, length: T, gain: 1.5, forgetBias: 0.5, composed }, createRng(7));
      const reg = ParamRegistry.fromModel(new Sequential([rec], D, H));
      const kept: tf.Tensor[] = [];
      const x = tf.tensor2d(Float32Array.from({ length: T * N * D }, (_, i) => Math.sin(i)), [T * N, D]);
      const ctx = {
        param: (name: string) => reg.get(name).variable,
        probe: (_: string, t: tf.Tensor) => t,
        probeTensor: () => null,
        record: () => {},
        retain: <U extends tf.Tensor>(t: U) => (kept.push(tf.keep(t)), t),
        constant: (_: string, make: () => tf.Tensor) => (kept.push(tf.keep(make())), kept.at(-1)!),
        isData: () => false,
        training: true,
        setState: () => {},
        observe: () => {},
      } as ForwardContext;
      const g = tf.grad((xv: tf.Tensor) => tf.sum(tf.square(rec.forward(xv, ctx))) as tf.Scalar)(x);
      const out = Float64Array.from(await g.data());
      tf.dispose([g, x, ...kept]);
      reg.dispose();
      return out;
    };
    const [fused, composed] = [await gradX(false), await gradX(true)];
    expectClose(fused, composed, `${cell} ∂L/∂x`);
  });
});

describe('the lstm experiment', () => {
  const frames = async (backend: string, steps: number, over: object = {}) => {
    await tf.setBackend(backend);
    await tf.ready();
    return runSession(experiments.lstm, { length: 10, ...over }, { seed: 3, steps });
  };

  test('four steps on wasm give the cpu backend’s frames, both runs: loss, accuracy, ‖∂L/∂h_t‖ and ‖∂L/∂c_t‖ for every t, the forget gate', async () => {
    const [cpu, wasm] = [await frames('cpu', 4), await frames('wasm', 4)];
    expect(wasm.map((f) => f.run)).toEqual(['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b']);
    const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(b)));
    cpu.forEach((c, i) => {
      const w = wasm[i]!;
      close(w.loss, c.loss);
      expect(w.accuracy).toBe(c.accuracy);
      expect(w.gradNormH!.length).toBe(10);
      w.gradNormH!.forEach((v, t) => close(v, c.gradNormH![t]!));
      if (c.run === 'b') {
        w.gradNormC!.forEach((v, t) => close(v, c.gradNormC![t]!));
        close(w.forgetGate!, c.forgetGate!);
      } else expect(w.gradNormC).toBeUndefined();
    });
  });

  test('a session frees every tensor, ten times over', async () => {
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) {
      const session = experiments.lstm.create({ ...defaults(experiments.lstm.params), length: 8 }, { seed: i, steps: 3 });
      while (!session.done) await session.next();
      session.dispose();
      expect(tf.memory().numTensors).toBe(before);
    }
  });
});
