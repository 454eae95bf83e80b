/** Initialisation schemes: each one's σ and bounds, the shared draws, orthogonality. */
import { expect, test } from 'vitest';
import { INIT_NAMES, initStd, initWeights, normalCdf, type InitName } from '../../src/engine/init';
import { createRng } from '../../src/engine/rng';

const std = (w: Float32Array) => Math.sqrt(w.reduce((s, v) => s + v * v, 0) / w.length);
const mean = (w: Float32Array) => w.reduce((s, v) => s + v, 0) / w.length;

test('Φ by erf agrees with tabulated values to 1e-7', () => {
  for (const [z, p] of [[0, 0.5], [1, 0.8413447461], [-1.959963985, 0.025], [3, 0.998650102]]) expect(Math.abs(normalCdf(z!) - p!)).toBeLessThan(1e-7);
});

test('every scheme draws weights of the σ it declares (200 × 100, within 3 %), centred', () => {
  for (const name of INIT_NAMES) {
    const w = initWeights(createRng(3), { name, gain: 1.5 }, 200, 100);
    expect(std(w) / initStd({ name, gain: 1.5 }, 200, 100), name).toBeGreaterThan(0.97);
    expect(std(w) / initStd({ name, gain: 1.5 }, 200, 100), name).toBeLessThan(1.03);
    expect(Math.abs(mean(w)) / std(w), name).toBeLessThan(0.03);
  }
});

test('the textbook σ: N(0, 1), N(0, 0.01²), Xavier, He and PyTorch’s nn.Linear default U(±1/√fan_in)', () => {
  const s = (name: InitName, fi: number, fo: number) => initStd({ name, gain: 1 }, fi, fo);
  expect(s('normal', 32, 32)).toBe(1);
  expect(s('small', 32, 32)).toBeCloseTo(0.01, 12);
  expect(s('xavier', 32, 32)).toBeCloseTo(Math.sqrt(1 / 32), 12);
  expect(s('he', 32, 32)).toBeCloseTo(Math.sqrt(2 / 32), 12);
  // PyTorch: kaiming_uniform_(a=√5) → bound = √(6/((1+a²)·fan_in)) = 1/√fan_in, so σ = 1/√(3·fan_in): not He
  expect(s('torch-default', 48, 32)).toBeCloseTo(1 / Math.sqrt(3 * 48), 12);
  expect(s('torch-default', 32, 32) / s('he', 32, 32)).toBeCloseTo(1 / Math.sqrt(6), 12);
});

test('uniform schemes stay inside ±a = ±σ√3 and fill it', () => {
  for (const [name, a] of [['xavier-uniform', Math.sqrt(6 / 96)], ['he-uniform', Math.sqrt(6 / 64)], ['torch-default', 1 / 8]] as const) {
    const w = initWeights(createRng(5), { name, gain: 1 }, 64, 32);
    const max = Math.max(...w.map(Math.abs));
    expect(max, name).toBeLessThanOrEqual(a * (1 + 1e-6));
    expect(max, name).toBeGreaterThan(0.99 * a);
  }
});

test('every scheme turns the same normal draws into weights: same seed, same signs (and the same order for normal and uniform)', () => {
  const he = initWeights(createRng(9), { name: 'he', gain: 1 }, 32, 32);
  const heU = initWeights(createRng(9), { name: 'he-uniform', gain: 1 }, 32, 32);
  const xavier = initWeights(createRng(9), { name: 'xavier', gain: 1 }, 32, 32);
  for (let i = 0; i < he.length; i++) {
    expect(Math.sign(heU[i]!)).toBe(Math.sign(he[i]!));
    expect(xavier[i]! / he[i]!).toBeCloseTo(Math.sqrt(32 / 64) / 1, 5);
  }
  const order = (w: Float32Array) => [...w.keys()].sort((i, j) => w[i]! - w[j]!);
  expect(order(heU)).toEqual(order(he));
});

test('orthogonal: WᵀW = gain²·I for a tall or square matrix, W Wᵀ = gain²·I for a wide one', () => {
  for (const [fi, fo] of [[32, 32], [48, 16], [2, 32]] as const) {
    const g = 1.3;
    const w = initWeights(createRng(11), { name: 'orthogonal', gain: g }, fi, fo);
    const tall = fi >= fo;
    const n = tall ? fo : fi;
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        let dot = 0;
        for (let k = 0; k < (tall ? fi : fo); k++) dot += tall ? w[k * fo + a]! * w[k * fo + b]! : w[a * fo + k]! * w[b * fo + k]!;
        expect(Math.abs(dot - (a === b ? g * g : 0))).toBeLessThan(1e-5);
      }
    }
  }
});
