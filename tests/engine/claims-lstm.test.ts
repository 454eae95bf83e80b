/**
 * What the chapter "lstm" tells the reader its widget shows, one test per item of its list, at
 * the default seed (1) and settings (T = 50), over the widget's 1 000 steps, trained on wasm (the
 * backend most readers' browsers run, and the one the chapter names). Accuracy as the widget
 * draws it: the mean over the last 20 steps' batches.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { firstOverLastStep } from '../../src/engine/experiments/lstm';
import { experiments } from '../../src/engine/experiments/index';
import type { Frame } from '../../src/engine/frame';
import { byRun, runSession, useCpu } from './helpers';

beforeAll(async () => {
  await useCpu();
  await tf.setBackend('wasm');
});
afterAll(() => tf.setBackend('cpu'));

let session: Promise<Frame[]> | undefined;
const trained = async () => {
  const frames = await (session ??= runSession(experiments.lstm, {}, { steps: 1000 }));
  return { rnn: byRun(frames, 'a'), lstm: byRun(frames, 'b') };
};

const ratio = (f: Frame) => firstOverLastStep(f);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** The widget's accuracy: each step's mean with the 19 before it. */
const smoothed = (run: Frame[]) => run.map((_, i) => {
  const w = run.slice(Math.max(0, i - 19), i + 1);
  return w.reduce((s, f) => s + f.accuracy!, 0) / w.length;
});
const firstStep = (run: Frame[], ok: (f: Frame, i: number) => boolean) => run.findIndex(ok);
/** Within 5 % of the stated value, as the chapter rounds it to two digits. */
const about = (x: number, stated: number) => expect(Math.abs(x / stated - 1)).toBeLessThan(0.05);

describe('lstm', () => {
  test('item 1: at step 0 the ratio ‖∂L/∂h₁‖ ÷ ‖∂L/∂h_T‖ is 0.021 for the RNN, 0.049 for the LSTM', async () => {
    const { rnn, lstm } = await trained();
    expect(rnn).toHaveLength(1000);
    expect(lstm).toHaveLength(1000);
    about(ratio(rnn[0]!), 0.021);
    about(ratio(lstm[0]!), 0.049);
  }, 900_000);

  test('item 2: within ten steps both collapse — step 10: 2e-10 and 6e-5; medians over steps 10–399: 3e-8 and 7e-6; loss near 1/6, accuracy at chance', async () => {
    const { rnn, lstm } = await trained();
    expect(Number(ratio(rnn[10]!).toExponential(0))).toBe(2e-10);
    expect(Number(ratio(lstm[10]!).toExponential(0))).toBe(6e-5);
    expect(Number(median(rnn.slice(10, 400).map(ratio)).toExponential(0))).toBe(3e-8);
    expect(Number(median(lstm.slice(10, 400).map(ratio)).toExponential(0))).toBe(7e-6);
    for (const run of [rnn, lstm]) {
      expect(median(run.slice(10, 400).map((f) => f.loss))).toBeGreaterThan(0.14);
      expect(median(run.slice(10, 400).map((f) => f.loss))).toBeLessThan(0.19);
      expect(Math.max(...smoothed(run).slice(20, 400))).toBeLessThan(0.15);
    }
  }, 900_000);

  test('item 3: the LSTM’s ratio stays above 1e-3 from step 465 (median 0.17 over the last 100 steps); loss below 1/12 at 486, below 0.01 at 523; accuracy past 30 % at 536, 80 % at 742, 93 % at the end', async () => {
    const { lstm } = await trained();
    const r = lstm.map(ratio);
    expect(firstStep(lstm, (_, i) => r.slice(i).every((x) => x > 1e-3))).toBe(465);
    expect(median(r.slice(900)).toFixed(2)).toBe('0.17');
    expect(firstStep(lstm, (f) => f.loss < 1 / 12)).toBe(486);
    expect(firstStep(lstm, (f) => f.loss < 0.01)).toBe(523);
    const acc = smoothed(lstm);
    expect(acc.findIndex((a) => a > 0.3)).toBe(536);
    expect(acc.findIndex((a) => a > 0.8)).toBe(742);
    expect(Math.round(100 * acc.at(-1)!)).toBe(93);
  }, 900_000);

  test('item 4: the RNN’s loss never goes below 0.097; over its last 100 steps its accuracy stays between 5 % and 10 % (chance 7.8 %), and its ratio jumps between about 1e-7 and 1e-1: median 3e-5, more than three orders of magnitude below the LSTM’s, nine steps in ten below 1e-2', async () => {
    const { rnn, lstm } = await trained();
    const lowest = Math.min(...rnn.map((f) => f.loss));
    expect(lowest).toBeGreaterThanOrEqual(0.097);
    expect(lowest).toBeLessThan(0.098);
    const late = smoothed(rnn).slice(900);
    expect(Math.min(...late)).toBeGreaterThanOrEqual(0.05);
    expect(Math.max(...late)).toBeLessThanOrEqual(0.1);
    const ratios = rnn.slice(900).map(ratio);
    // "about": each end within a factor of three of its power of ten
    expect(Math.round(Math.log10(Math.min(...ratios)))).toBe(-7);
    expect(Math.round(Math.log10(Math.max(...ratios)))).toBe(-1);
    const m = median(ratios);
    expect(m.toExponential(0)).toBe('3e-5');
    expect(median(lstm.slice(900).map(ratio)) / m).toBeGreaterThan(1e3);
    expect(ratios.filter((r) => r < 1e-2).length).toBeGreaterThanOrEqual(90);
  }, 900_000);

  test('item 5: the mean forget gate falls from 0.73 at step 0 to 0.66 at the end', async () => {
    const { lstm } = await trained();
    expect(lstm[0]!.forgetGate!.toFixed(2)).toBe('0.73');
    expect(lstm.at(-1)!.forgetGate!.toFixed(2)).toBe('0.66');
  }, 900_000);
});
