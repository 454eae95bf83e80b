/**
 * What the three live chapters tell the reader their widgets show, one test
 * per sentence, at the default seed (1) unless the claim says otherwise.
 * Thresholds are the chapter's words ("about −7", "more than ten orders"),
 * not outputs copied from a run. Runs are kept short: a claim about step 0
 * trains one step.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { experiments } from '../../src/engine/experiments/index';
import type { Frame } from '../../src/engine/frame';
import { byRun, runFrames, runSession, useCpu } from './helpers';

beforeAll(useCpu);

const LN2 = Math.log(2);
const log10 = Math.log10;
const flow = experiments['gradient-flow'];
const saturation = experiments.saturation;
const explosion = experiments.explosion;

/** log10 of ‖∂L/∂W‖ per layer, input to output. */
const orders = (f: Frame) => f.layers.map((l) => log10(l.gradNormW));
/** r of eq-ratio: log10 of ‖∂L/∂W‖ of the first layer over the output layer's. */
const r = (f: Frame) => log10(f.layers[0]!.gradNormW / f.layers.at(-1)!.gradNormW);
/** ‖∂L/∂h‖ (a layer's output) per layer. */
const actGrads = (f: Frame) => f.layers.map((l) => l.gradNormAct!);
/** Geometric-mean factor of ‖∂L/∂h‖ per hidden layer, from the last hidden layer down to the first. */
function backwardFactor(f: Frame): number {
  const g = actGrads(f).slice(0, -1);
  return (g[0]! / g.at(-1)!) ** (1 / (g.length - 1));
}
/** Mean saturated share over the hidden layers that read another hidden layer (2 … L). */
const meanSaturated = (f: Frame) => {
  const s = f.layers.slice(1, -1).map((l) => l.act!.saturated);
  return s.reduce((a, b) => a + b, 0) / s.length;
};

/** Sigmoid + Xavier at depth 20, trained 80 steps: two claims read this one run. */
let deepSigmoid: Promise<Frame[]> | undefined;
const deepSigmoidFrames = () => (deepSigmoid ??= runFrames(flow, { depth: 20, compare: false }, { steps: 80 }));

describe('overview: gradient-flow', () => {
  test('overview item 1: at the defaults (depth 8) run A (sigmoid, Xavier) starts about six orders of magnitude down from last layer to first, run B (ReLU, He) within one', async () => {
    const frames = await runSession(flow, {}, { steps: 1 });
    const [a] = byRun(frames, 'a');
    const [b] = byRun(frames, 'b');
    expect(r(a!)).toBeLessThan(-5);
    expect(r(a!)).toBeGreaterThan(-7);
    expect(Math.abs(r(b!))).toBeLessThan(1);
  });

  test('overview item 2: at depth 20, sigmoid + Xavier, the bars fall by more than ten orders of magnitude, about as a straight line (every layer costs 0.3 to 1.3 orders)', async () => {
    const [f] = await runFrames(flow, { depth: 20, compare: false }, { steps: 1 });
    expect(r(f!)).toBeLessThan(-10);
    const o = orders(f!);
    for (let l = 1; l < o.length; l++) {
      expect(o[l]! - o[l - 1]!).toBeGreaterThan(0.3);
      expect(o[l]! - o[l - 1]!).toBeLessThan(1.3);
    }
  });

  test('overview item 2: at depth 20, sigmoid + Xavier, the loss settles at ln 2 and the first layer\'s gradient stays below 1e-12 (its updates are below float32 resolution)', async () => {
    const frames = await deepSigmoidFrames();
    for (const f of frames) expect(f.layers[0]!.gradNormW).toBeLessThan(1e-12);
    expect(Math.abs(frames.at(-1)!.loss - LN2)).toBeLessThan(1e-5);
  });

  test('overview item 3: at depth 20, sigmoid + Xavier, the output layer\'s gradient is exactly 0 from about step 70 on (default seed), because the output is the same for every input and the logit has reached 0', async () => {
    const frames = await deepSigmoidFrames();
    // The forward signal has vanished too: one logit for the whole batch, from the start.
    for (const f of frames) expect(f.layers.at(-1)!.act!.std).toBeLessThan(1e-7);
    const zeroAt = frames.findIndex((f) => f.layers.at(-1)!.gradNormW === 0);
    expect(zeroAt).toBeGreaterThanOrEqual(55);
    expect(zeroAt).toBeLessThan(80);
    for (const f of frames.slice(zeroAt)) {
      const out = f.layers.at(-1)!;
      expect(out.gradNormW).toBe(0);
      expect(out.gradNormB).toBe(0); // the errors ±1/2 cancel exactly: the mean error is 0
      expect(Math.abs(out.act!.mean)).toBeLessThan(1e-6); // logit ≈ 0, σ(logit) rounds to 1/2
      expect(out.gradNormAct!).toBeGreaterThan(0); // each example still has its error
      expect(f.layers[0]!.gradNormW).toBeGreaterThan(0); // layers that see different inputs keep a gradient
    }
    // "…and so do those of the last few hidden layers": the zeros are a block at the top, the first half keeps its gradients.
    const zeros = frames.at(-1)!.layers.map((l) => l.gradNormW === 0);
    const firstZero = zeros.indexOf(true);
    expect(zeros.slice(firstZero).every(Boolean)).toBe(true);
    expect(zeros.length - firstZero).toBeGreaterThanOrEqual(3);
    expect(firstZero).toBeGreaterThanOrEqual(13); // "from about the sixteenth layer on"
    expect(firstZero).toBeLessThanOrEqual(18);
  });

  test('overview item 2: at depth 20, ReLU + He (run B\'s defaults) has level bars (all layers within 1.5 orders) and its loss falls below 0.65 within 40 steps', async () => {
    // Run B's configuration trained as run A: the same seed gives the same draws.
    const b = await runFrames(flow, { depth: 20, activation: 'relu', init: 'he', compare: false }, { steps: 40 });
    const o = orders(b[0]!);
    expect(Math.max(...o) - Math.min(...o)).toBeLessThan(1.5);
    expect(b.at(-1)!.loss).toBeLessThan(0.65);
  });

  test('overview item 4: ReLU + He at gain 1.5, depth 20: every weight gradient at least three orders above run B\'s (gain 1) and level; the backward signal grows about 1.5× per layer; the loss passes 1e20 at step 1 and run A diverges by step 2 naming a layer, run B trains on', async () => {
    const frames = await runSession(flow, { depth: 20, activation: 'relu', init: 'he', gain: 1.5 }, { steps: 6 });
    const a = byRun(frames, 'a');
    const b = byRun(frames, 'b');
    const oa = orders(a[0]!);
    const ob = orders(b[0]!);
    oa.forEach((v, l) => expect(v - ob[l]!).toBeGreaterThan(3));
    expect(Math.max(...oa) - Math.min(...oa)).toBeLessThan(1.5);
    expect(backwardFactor(a[0]!)).toBeGreaterThan(1.3);
    expect(backwardFactor(a[0]!)).toBeLessThan(1.7);
    expect(a[1]!.loss).toBeGreaterThan(1e20);
    const div = a.at(-1)!.diverged!;
    expect(div.step).toBeLessThanOrEqual(2);
    expect(div.quantity).toBe('activation');
    expect(div.layerName ?? 'loss').toMatch(/^(dense\d+|output|loss)$/);
    expect(b).toHaveLength(6);
    for (const f of b) expect(Number.isFinite(f.loss)).toBe(true);
  });

  test('overview item 5: tanh + Xavier at gain 4, depth 20: about a third of the units saturated, yet the bars rise towards the input by two to three orders; ten steps later the first layers are saturated and their gradients vanish', async () => {
    const frames = await runFrames(flow, { depth: 20, activation: 'tanh', gain: 4, compare: false }, { steps: 11 });
    expect(meanSaturated(frames[0]!)).toBeGreaterThan(0.25);
    expect(meanSaturated(frames[0]!)).toBeLessThan(0.5);
    expect(r(frames[0]!)).toBeGreaterThan(2);
    expect(r(frames[0]!)).toBeLessThan(3.2);
    expect(frames[10]!.layers[0]!.act!.saturated).toBeGreaterThan(0.8);
    expect(r(frames[10]!)).toBeLessThan(-8);
  });
});

describe('vanishing-gradients: saturation', () => {
  test('vanishing item 1: at the defaults (10 layers, σ_w = 1) r is about −3, a few percent of units are saturated on average and up to a fifth in one layer', async () => {
    const [f] = await runFrames(saturation, {}, { steps: 1 });
    expect(r(f!)).toBeGreaterThan(-4);
    expect(r(f!)).toBeLessThan(-2);
    expect(meanSaturated(f!)).toBeGreaterThan(0.01);
    expect(meanSaturated(f!)).toBeLessThan(0.15);
    const most = Math.max(...f!.layers.map((l) => l.act!.saturated));
    expect(most).toBeGreaterThan(0.15);
    expect(most).toBeLessThan(0.3);
  });

  test('vanishing item 2: at the Xavier scale σ_w = 0.18 no unit is saturated and r is about −7', async () => {
    const [f] = await runFrames(saturation, { sigma: 0.18 }, { steps: 1 });
    for (const l of f!.layers) expect(l.act!.saturated).toBe(0);
    expect(r(f!)).toBeGreaterThan(-8);
    expect(r(f!)).toBeLessThan(-6.5);
  });

  test('vanishing (eq-decay vs the widget): at σ_w = 0.18, depth 10, hidden layers 2…10 fall 0.5–0.75 orders each as eq-decay says; the ends add the rest (output → last hidden about 0.5, layer 2 → layer 1 between 1 and 2)', async () => {
    const [f] = await runFrames(saturation, { sigma: 0.18 }, { steps: 1 });
    const o = orders(f!);
    const L = o.length - 1; // index of the output layer
    const mid = (o[L - 1]! - o[1]!) / (L - 2);
    expect(mid).toBeGreaterThan(0.5);
    expect(mid).toBeLessThan(0.75);
    expect(o[L]! - o[L - 1]!).toBeGreaterThan(0.3);
    expect(o[L]! - o[L - 1]!).toBeLessThan(0.7);
    expect(o[1]! - o[0]!).toBeGreaterThan(1);
    expect(o[1]! - o[0]!).toBeLessThan(2);
  });

  test('vanishing item 3: at σ_w = 0.18, going from 10 to 20 layers moves r down by 0.5–0.75 orders per layer on average, to about −13', async () => {
    const [ten] = await runFrames(saturation, { sigma: 0.18 }, { steps: 1 });
    const [twenty] = await runFrames(saturation, { sigma: 0.18, depth: 20 }, { steps: 1 });
    const slope = (r(ten!) - r(twenty!)) / 10;
    expect(slope).toBeGreaterThan(0.5);
    expect(slope).toBeLessThan(0.75);
    expect(r(twenty!)).toBeLessThan(-12);
    expect(r(twenty!)).toBeGreaterThan(-14);
  });

  test('vanishing item 4: at σ_w = 3 and 5 most units are saturated, yet r rises to between −2 and 0', async () => {
    for (const sigma of [3, 5]) {
      const [f] = await runFrames(saturation, { sigma }, { steps: 1 });
      expect(meanSaturated(f!)).toBeGreaterThan(0.5);
      expect(r(f!)).toBeGreaterThan(-2);
      expect(r(f!)).toBeLessThan(0);
    }
  });

  test('vanishing item 6: trained at the defaults, the loss settles near ln 2 and r climbs above −1 within 25 steps because the output layer\'s gradient falls by two orders while the first layer\'s does not grow', async () => {
    const frames = await runFrames(saturation, {}, { steps: 25 });
    const [start, end] = [frames[0]!, frames.at(-1)!];
    expect(Math.abs(end.loss - LN2)).toBeLessThan(0.01);
    expect(r(end)).toBeGreaterThan(-1);
    expect(log10(start.layers.at(-1)!.gradNormW / end.layers.at(-1)!.gradNormW)).toBeGreaterThan(2);
    expect(end.layers[0]!.gradNormW / start.layers[0]!.gradNormW).toBeLessThan(3);
  });

  test('vanishing (depth-and-scale): at depth 20 the backward factor is still about 0.6 at four times the Xavier scale (σ_w = 0.71)', async () => {
    const [four] = await runFrames(saturation, { depth: 20, sigma: 0.71 }, { steps: 1 });
    expect(backwardFactor(four!)).toBeGreaterThan(0.45);
    expect(backwardFactor(four!)).toBeLessThan(0.75);
  });

  test('vanishing item 5: at depth 20 and σ_w = 1.9 (about eleven times Xavier) the backward factor is about 1, the bars of layers 2–20 are level within an order, about 40 % of units are saturated, and r is still about −2', async () => {
    const [f] = await runFrames(saturation, { depth: 20, sigma: 1.9 }, { steps: 1 });
    expect(backwardFactor(f!)).toBeGreaterThan(0.85);
    expect(backwardFactor(f!)).toBeLessThan(1.15);
    const hidden = orders(f!).slice(1, -1);
    expect(Math.max(...hidden) - Math.min(...hidden)).toBeLessThan(1);
    expect(meanSaturated(f!)).toBeGreaterThan(0.3);
    expect(meanSaturated(f!)).toBeLessThan(0.5);
    expect(r(f!)).toBeGreaterThan(-2.5);
    expect(r(f!)).toBeLessThan(-1.2);
  });
});

describe('exploding-gradients: explosion', () => {
  /** The defaults, 50 steps: run A (η 1) diverges on the way, run B (η 0.1) trains on. */
  let defaultsRun: Promise<Frame[]> | undefined;
  const defaultFrames = () => (defaultsRun ??= runSession(explosion, {}, { steps: 50 }));

  test('exploding item 1: at the defaults run A trains for about twenty steps (loss below 1 up to step 20), then its loss jumps above 50 at step 21 and past 1e20 at step 22, and at step 23 an activation in layer 2 overflows; the over-training chart holds more than 20 of its steps', async () => {
    const a = byRun(await defaultFrames(), 'a');
    expect(a).toHaveLength(24);
    expect(a.at(-1)!.diverged).toMatchObject({ step: 23, quantity: 'activation', layerName: 'dense2', value: 'inf' });
    for (const f of a.slice(0, 21)) expect(f.loss).toBeLessThan(1);
    expect(a[21]!.loss).toBeGreaterThan(50);
    expect(a[22]!.loss).toBeGreaterThan(1e20);
    // the step size it had reached: 0.7 at step 20 (warm-up 30 to 1)
    expect(a[20]!.extras!['lr']).toBeCloseTo(0.7, 6);
    // small bumps on the way, at steps 4–5 and 9
    expect(a[4]!.loss).toBeGreaterThan(a[3]!.loss);
    expect(a[5]!.loss).toBeGreaterThan(a[3]!.loss);
    expect(a[9]!.loss).toBeGreaterThan(a[8]!.loss);
    // the first hidden layer's backward signal: about 0.09 at step 20, 9 at step 21, 3e24 at step 22
    const first = a.map((f) => actGrads(f)[0]!);
    expect(first[20]).toBeGreaterThan(0.05);
    expect(first[20]).toBeLessThan(0.15);
    expect(first[21]).toBeGreaterThan(5);
    expect(first[21]).toBeLessThan(15);
    expect(first[22]).toBeGreaterThan(1e24);
    expect(first[22]).toBeLessThan(1e25);
    expect(a[20]!.loss).toBeGreaterThan(0.8);
    expect(a[21]!.loss).toBeLessThan(100);
  });

  test('exploding item 1: at run A\'s last finite step the bars climb about ×10 per layer towards the input (8 to 14), from ×1 or less at step 0', async () => {
    const a = byRun(await defaultFrames(), 'a');
    const growth = (f: Frame) => (actGrads(f)[0]! / actGrads(f).at(-1)!) ** (1 / (f.layers.length - 1));
    expect(growth(a[22]!)).toBeGreaterThan(8);
    expect(growth(a[22]!)).toBeLessThan(14);
    expect(growth(a[0]!)).toBeLessThan(1.05);
  });

  test('exploding item 1: run B (η 0.1, same start) trains on: a bump at step 20 (loss 0.83) that it recovers from, loss below 0.05 at step 200 and never non-finite', async () => {
    const b = await runFrames(explosion, {}, { steps: 200, run: 'b' });
    expect(b).toHaveLength(200);
    expect(b.every((f) => f.diverged === undefined)).toBe(true);
    expect(b[20]!.loss).toBeGreaterThan(0.75);
    expect(b[20]!.loss).toBeLessThan(0.9);
    expect(b.at(-1)!.loss).toBeLessThan(0.05);
  });

  test('exploding item 2: without the warm-up run A diverges at step 3; at η 0.3 it trains (loss below 0.1 by step 120)', async () => {
    const cold = await runFrames(explosion, { warmup: 0, compare: false }, { steps: 10 });
    expect(cold.at(-1)!.diverged!.step).toBe(3);
    const slow = await runFrames(explosion, { lr: 0.3, compare: false }, { steps: 120 });
    expect(slow).toHaveLength(120);
    expect(Math.min(...slow.map((f) => f.loss))).toBeLessThan(0.1);
  });

  test('exploding item 3: at scale 2 run A starts with a loss close to 1e6 (3e5 to 3e6) and ‖∂L/∂h‖ growing about ×1.9 per layer, and diverges at step 1 with an activation in layer 9; at 1.2 it diverges at step 3', async () => {
    const two = await runFrames(explosion, { scale: 2, compare: false }, { steps: 6 });
    expect(two[0]!.loss).toBeGreaterThan(3e5);
    expect(two[0]!.loss).toBeLessThan(3e6);
    expect(backwardFactor(two[0]!)).toBeGreaterThan(1.7);
    expect(backwardFactor(two[0]!)).toBeLessThan(2.1);
    expect(two.at(-1)!.diverged).toMatchObject({ step: 1, quantity: 'activation', layerName: 'dense9' });
    const near = await runFrames(explosion, { scale: 1.2, compare: false }, { steps: 6 });
    expect(near.at(-1)!.diverged!.step).toBe(3);
  });

  test('exploding item 1: for seven of the seeds 1 to 8 run A blows up between steps 11 and 27', async () => {
    let late = 0;
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const a = await runFrames(explosion, { compare: false }, { seed, steps: 40 });
      const d = a.at(-1)!.diverged;
      if (d && d.step >= 11 && d.step <= 27) late += 1;
    }
    expect(late).toBeGreaterThanOrEqual(7);
  });
});

describe('initialization', () => {
  const init = experiments.initialization;
  /** Activation std of the last hidden layer over the first's (the readout and the bars' two ends). */
  const spread = (f: Frame) => f.extras!['stdLastOverFirst']!;
  const step0 = async (a: string, b: string, overrides = {}) => {
    const frames = await runSession(init, { init: a, init2: b, ...overrides } as never, { steps: 1 });
    return { a: byRun(frames, 'a')[0]!, b: byRun(frames, 'b')[0]! };
  };

  test('the widget starts from seed 2, and its depth-20 ReLU net from one draw of weights for both runs', () => {
    expect(init.seed).toBe(2);
  });

  test('try-it item 1: at the defaults (ReLU, depth 20), the activation std falls from layer 1 to layer 20 by about three orders of magnitude under Xavier (below 1e-2) and stays within [0.3, 3] under He; Xavier’s weight gradients are all about a thousand times smaller', async () => {
    const { a, b } = await step0('xavier', 'he');
    expect(spread(a)).toBeLessThan(1e-2);
    expect(spread(a)).toBeGreaterThan(1e-4);
    expect(spread(b)).toBeGreaterThan(0.3);
    expect(spread(b)).toBeLessThan(3);
    a.layers.forEach((l, i) => {
      const ratio = b.layers[i]!.gradNormW / l.gradNormW;
      expect(ratio).toBeGreaterThan(100);
    });
  });

  test('try-it item 1: every hidden layer’s std under He stays within a factor of 10 of layer 1’s, and under Xavier falls layer by layer (each of the last five below the first five)', async () => {
    const { a, b } = await step0('xavier', 'he');
    const sd = (f: Frame) => f.layers.slice(0, -1).map((l) => l.act!.std);
    for (const s of sd(b)) expect(Math.abs(log10(s / sd(b)[0]!))).toBeLessThan(1);
    const x = sd(a);
    expect(Math.max(...x.slice(-5))).toBeLessThan(Math.min(...x.slice(0, 5)));
  });

  test('try-it item 2: within 60 steps the He run’s loss falls below 0.68 while the Xavier run’s stays within 0.001 of ln 2', async () => {
    const frames = await runSession(init, {}, { steps: 60 });
    for (const f of byRun(frames, 'a')) expect(Math.abs(f.loss - LN2)).toBeLessThan(1e-3);
    expect(byRun(frames, 'b').at(-1)!.loss).toBeLessThan(0.68);
  }, 120_000);

  test('try-it item 3: N(0, 1) blows the spread up by more than 1e2 (about 1e11) and diverges at step 1; N(0, 0.01²) shrinks it below 1e-2 (about 1e-27)', async () => {
    const { a, b } = await step0('normal', 'small');
    expect(spread(a)).toBeGreaterThan(1e2);
    expect(log10(spread(a))).toBeGreaterThan(10);
    expect(spread(b)).toBeLessThan(1e-2);
    expect(log10(spread(b))).toBeLessThan(-25);
    // its loss starts above 1e11; at step 1 an activation overflows; N(0, 0.01²)'s first layers get gradients around 1e-30
    expect(a.loss).toBeGreaterThan(1e11);
    for (const l of b.layers.slice(0, 5)) expect(Math.abs(log10(l.gradNormW) + 30)).toBeLessThan(1.5);
    const frames = await runFrames(init, { init: 'normal', compare: false }, { steps: 5 });
    expect(frames.at(-1)!.diverged).toMatchObject({ step: 1, quantity: 'activation' });
  });

  test('try-it item 4: uniform and normal versions of a scheme agree: the spread stays within a factor of 3 of the normal one’s (He) and the same order (Xavier, about 1e-3)', async () => {
    const normal = await step0('xavier', 'he');
    const uniform = await step0('xavier-uniform', 'he-uniform');
    expect(Math.abs(log10(spread(uniform.b) / spread(normal.b)))).toBeLessThan(log10(3));
    expect(Math.abs(log10(spread(uniform.a) / spread(normal.a)))).toBeLessThan(1);
  });

  test('try-it item 5: PyTorch’s nn.Linear default shrinks the spread by more than six orders of magnitude at depth 20 with ReLU; orthogonal at gain 1 by about three, like Xavier', async () => {
    const { a, b } = await step0('torch-default', 'orthogonal');
    expect(spread(a)).toBeLessThan(1e-6);
    expect(spread(b)).toBeLessThan(1e-2);
    expect(spread(b)).toBeGreaterThan(1e-4);
  });

  test('try-it item 6: with tanh, Xavier and He keep the spread above 0.2 (He below 5); with the sigmoid both keep it above 1 while the gradient still vanishes (first / last below 1e-10)', async () => {
    const tanh = await step0('xavier', 'he', { activation: 'tanh' });
    expect(spread(tanh.a)).toBeGreaterThan(0.2);
    expect(spread(tanh.b)).toBeGreaterThan(0.2);
    expect(spread(tanh.b)).toBeLessThan(5);
    const sig = await step0('xavier', 'he', { activation: 'sigmoid' });
    for (const f of [sig.a, sig.b]) {
      expect(spread(f)).toBeGreaterThan(1);
      expect(f.extras!['firstOverLast']!).toBeLessThan(1e-10);
    }
  });

  test('the seed note: over seeds 1–8, He’s spread at depth 20 has a median between 0.3 and 1.5 and ranges over more than a factor of 10; Xavier’s stays below 1e-2 for every seed', async () => {
    const he: number[] = [];
    for (let seed = 1; seed <= 8; seed++) {
      const frames = await runSession(init, {}, { steps: 1, seed });
      he.push(spread(byRun(frames, 'b')[0]!));
      expect(spread(byRun(frames, 'a')[0]!)).toBeLessThan(1e-2);
    }
    he.sort((x, y) => x - y);
    const median = Math.sqrt(he[3]! * he[4]!);
    expect(median).toBeGreaterThan(0.3);
    expect(median).toBeLessThan(1.5);
    expect(he.at(-1)! / he[0]!).toBeGreaterThan(10);
  });
});

describe('residual-connections', () => {
  const res = experiments.residual;
  /** r: the first hidden layer's ‖∂L/∂W‖ over the last hidden layer's. */
  const rh = (f: Frame) => f.extras!['firstOverLastHidden']!;
  const step0 = async (overrides = {}) => {
    const frames = await runSession(res, overrides as never, { steps: 1 });
    return { a: byRun(frames, 'a')[0]!, b: byRun(frames, 'b')[0]! };
  };

  test('try-it item 1: at the defaults (sigmoid, depth 32, α = 1/√L) the plain run’s r is below 1e-6 (about 1e-20) and the residual run’s above 1e-2 (about 0.1); the residual run’s 32 hidden bars lie within a factor of 20', async () => {
    const { a, b } = await step0();
    expect(rh(a)).toBeLessThan(1e-6);
    expect(Math.abs(log10(rh(a)) + 20)).toBeLessThan(1.5);
    expect(rh(b)).toBeGreaterThan(1e-2);
    expect(rh(b)).toBeLessThan(1);
    const hidden = b.layers.slice(0, -1).map((l) => l.gradNormW);
    expect(hidden).toHaveLength(32);
    expect(Math.max(...hidden) / Math.min(...hidden)).toBeLessThan(20);
  });

  test('try-it item 2: within 50 steps the residual run’s loss falls below 0.689 (its r above 10 by step 9) while the plain run’s settles within 0.001 of ln 2 and stays', async () => {
    const frames = await runSession(res, {}, { steps: 50 });
    for (const f of byRun(frames, 'a')) expect(Math.abs(f.loss - LN2)).toBeLessThan(1e-2);
    const plain = byRun(frames, 'a').map((f) => Math.abs(f.loss - LN2));
    const settled = plain.findIndex((d) => d < 1e-3);
    expect(settled).toBeGreaterThan(0);
    for (const d of plain.slice(settled)) expect(d).toBeLessThan(1e-3);
    expect(byRun(frames, 'b').at(-1)!.loss).toBeLessThan(0.689);
    // and the residual run's r passes 10 within ten steps: the first layer, without a skip, now gets the largest gradient
    expect(rh(byRun(frames, 'b')[9]!)).toBeGreaterThan(10);
  }, 180_000);

  test('try-it item 3: at α = 1 the residual run’s r drops below 1e-2 (about 0.008), its loss at step 0 is above 3, and more than half of the last hidden layer is saturated', async () => {
    const { b } = await step0({ scale: 'one' });
    expect(rh(b)).toBeLessThan(1e-2);
    expect(rh(b)).toBeGreaterThan(1e-3);
    expect(b.loss).toBeGreaterThan(3);
    expect(b.layers.at(-2)!.act!.saturated).toBeGreaterThan(0.5);
  });

  test('try-it item 4: at depth 64 the plain run’s first-layer gradient is exactly 0 and the residual run’s r stays above 0.01; at depth 8 the plain run already loses more than five orders', async () => {
    const deep = await step0({ depth: 64 });
    expect(deep.a.layers[0]!.gradNormW).toBe(0);
    expect(rh(deep.b)).toBeGreaterThan(1e-2);
    const shallow = await step0({ depth: 8 });
    expect(rh(shallow.a)).toBeLessThan(1e-5);
  });

  test('try-it item 5: with tanh even the plain run keeps r within a factor of 3 of 1 at step 0', async () => {
    const { a } = await step0({ activation: 'tanh' });
    expect(Math.abs(log10(rh(a)))).toBeLessThan(log10(3));
  });
});
