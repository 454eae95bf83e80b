/**
 * The batched statistics (train/stats.ts, train/histogram.ts) against the
 * plain per-tensor formulas they replace: same numbers, in the callers'
 * order, whatever the mix of shapes.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, test } from 'vitest';
import { getActivation, type ActivationName } from '../../src/engine/activations';
import { createRng } from '../../src/engine/rng';
import { histogramOf } from '../../src/engine/train/histogram';
import { Packer } from '../../src/engine/train/packer';
import { activationStatRows, activationStats, finiteFlags, robustNorms, squaredNormRows, squaredNorms } from '../../src/engine/train/stats';
import { useCpu } from './helpers';

beforeAll(useCpu);

const rng = createRng(11);
const randn = (shape: number[], scale = 1) => tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => scale * rng.normal()), shape);

test('squared and robust norms: one per tensor, in order, shapes interleaved', async () => {
  // W, b, W, b, … with a first and a last layer of their own shapes, as an MLP's gradients are.
  const ts = [randn([2, 5]), randn([5]), randn([5, 5]), randn([5]), randn([5, 5]), randn([5]), randn([5, 1]), randn([1]), randn([], 3)];
  const [sq, robust] = await Promise.all([squaredNorms(ts).data(), robustNorms(ts).data()]);
  const expected = await Promise.all(ts.map(async (t) => Array.from(await t.data()).reduce((s, v) => s + v * v, 0)));
  expect(sq).toHaveLength(ts.length);
  expected.forEach((e, i) => {
    expect(sq[i]! / e).toBeCloseTo(1, 5);
    expect(robust[i]! / Math.sqrt(e)).toBeCloseTo(1, 5);
  });
  tf.dispose(ts);
});

test('grouped rows packed as is come back in the callers\' order (Packer.addRows)', async () => {
  const ts = [randn([2, 5]), randn([5]), randn([5, 5]), randn([5]), randn([5, 5]), randn([5, 1])];
  const layers = (['sigmoid', 'relu', 'sigmoid'] as ActivationName[]).map((n, i) => {
    const z = randn([4, i === 1 ? 3 : 5], 3);
    return { act: getActivation(n), z, a: getActivation(n).apply(z) };
  });
  const packer = new Packer();
  packer.add('before', tf.tensor1d([7]));
  packer.addRows('sq', squaredNormRows(ts));
  packer.addRows('act', activationStatRows(layers));
  const packed = packer.pack();
  const v = packer.reader(await packed.data());
  expect(v.scalar('before')).toBe(7);
  expect(v.array('sq')).toEqual(Array.from(await squaredNorms(ts).data()));
  expect(v.rows('act', layers.length)).toEqual(await activationStats(layers).array());
  expect(() => v.view('sq')).toThrow(/grouped/);
  tf.dispose([packed, ...ts, ...layers.flatMap((l) => [l.z, l.a])]);
});

test('finite flags per tensor: [all finite, some NaN]', async () => {
  const ts = [tf.tensor1d([1, 2]), tf.tensor1d([1, Infinity]), tf.tensor2d([[NaN, Infinity]]), tf.tensor1d([NaN, 0]), tf.scalar(3)];
  expect(Array.from(await finiteFlags(ts).data())).toEqual([1, 0, 0, 0, 0, 1, 0, 1, 1, 0]);
  tf.dispose(ts);
});

/** The per-layer definitions of frame.ts's ActivationStats, written the direct way. */
async function directStats(name: ActivationName, z: tf.Tensor): Promise<number[]> {
  const act = getActivation(name);
  return tf.tidy(() => {
    const a = act.apply(z);
    const { mean, variance } = tf.moments(a);
    const flat = act.flat(z);
    const flatF = flat ? tf.cast(flat, 'float32') : tf.zerosLike(z);
    const saturated = act.saturates ? tf.mean(flatF) : tf.scalar(0);
    const dead = tf.mean(tf.min(flatF, 0));
    return tf.stack([mean, tf.sqrt(variance), saturated, dead]);
  }).array() as Promise<number[]>;
}

test('activation statistics of many layers at once equal the per-layer definitions', async () => {
  const names: ActivationName[] = ['sigmoid', 'relu', 'sigmoid', 'tanh', 'elu', 'leaky-relu', 'relu', 'linear'];
  const zs = names.map((n, i) => {
    const z = randn([64, i === names.length - 1 ? 1 : 6], 4);
    // A dead relu unit (column 0 ≤ 0 for every sample) and a fully saturated sigmoid unit.
    if (n === 'relu' || n === 'sigmoid') return tf.tidy(() => tf.concat([tf.neg(tf.add(tf.abs(tf.slice(z, [0, 0], [64, 1])), 8)), tf.slice(z, [0, 1], [64, 5])], 1));
    return z;
  });
  const layers = names.map((n, i) => ({ act: getActivation(n), z: zs[i]!, a: getActivation(n).apply(zs[i]!) }));
  const got = (await activationStats(layers).array()) as number[][];
  for (const [i, n] of names.entries()) {
    const want = await directStats(n, zs[i]!);
    want.forEach((w, j) => expect(got[i]![j]!, `${n} #${i} stat ${j}`).toBeCloseTo(w, 5));
  }
  expect(got[1]![3]).toBeGreaterThan(0); // the dead relu unit is seen
  tf.dispose([...zs, ...layers.map((l) => l.a)]);
});

test('a NaN in z: the exact pass counts it as not flat, like act.flat', async () => {
  const z = tf.tensor2d([[NaN, 7], [-8, 9]]);
  const layer = { act: getActivation('sigmoid'), z, a: getActivation('sigmoid').apply(z) };
  const [exact] = (await activationStats([layer], { exact: true }).array()) as number[][];
  expect(exact!.slice(2)).toEqual([0.75, 0.5]); // 3 of 4 entries flat; unit 1 flat for both samples
  const [fast] = (await activationStats([layer]).array()) as number[][];
  expect(fast![0]).toBeNaN(); // mean(a) is NaN: the trainer's diagnosis pass takes over
  tf.dispose([z, layer.a]);
});

test('histograms count like floor((z − lo)/w) + 1 in float32, clipped to [under, over]', async () => {
  const spec = { lo: -3, hi: 3, bins: 12 };
  const edges = Array.from({ length: 13 }, (_, i) => -3 + i * 0.5);
  const values = Float32Array.from([...edges, ...edges.map((e) => Math.fround(e - 1e-6)), -1e30, 1e30, -Infinity, Infinity, NaN, ...Array.from({ length: 500 }, () => 2.5 * rng.normal())]);
  // The tensor formula the JS loop reproduces (the engine's earlier implementation).
  const want = await tf.tidy(() => {
    const slot = tf.clipByValue(tf.add(tf.floor(tf.div(tf.sub(tf.tensor1d(values), spec.lo), (spec.hi - spec.lo) / spec.bins)), 1), 0, spec.bins + 1);
    return tf.bincount(tf.cast(slot, 'int32') as tf.Tensor1D, tf.tensor1d([], 'float32'), spec.bins + 2);
  }).data();
  const h = histogramOf(values, spec);
  expect([h.under, ...h.counts, h.over]).toEqual(Array.from(want));
  expect(h.under + h.counts.reduce((s, c) => s + c, 0) + h.over).toBe(values.length);
});
