/**
 * Reproduce in PyTorch: for every widget, the generated script (runtime.py with the experiment's
 * description) trains the first steps of the session with PyTorch, and its per-step numbers must
 * match the engine's: loss, gradient norm over all parameters, each layer's ‖∂L/∂W‖ and ‖∂L/∂b‖,
 * and where the widget has them the penalty, the clipped update's norm, ‖∂L/∂h_t‖ and ‖∂L/∂c_t‖,
 * the evaluation and held-out losses, the accuracy.
 *
 * Tolerance. The script runs in float32, as the widget does; the engine's CPU backend (the one
 * compared here) sums in float64, PyTorch's in float32, in other orders. A run's first step has
 * the same weights and data on both sides and agrees to RTOL.first: the worst case is a 20-layer
 * ReLU net at Xavier scale, whose early layers' gradients are sums that nearly cancel — there
 * float32 PyTorch is 4e-3 from the engine, which agrees with float64 PyTorch to 1e-6. Each update
 * feeds the rounding back, and a 20-layer sigmoid net with batch norm at lr 0.1 is chaotic: at
 * its fourth step float32 and float64 PyTorch differ by 1e-3 in the loss, the engine by 10 % in
 * the global norm from either. So STEPS steps are compared, later ones to RTOL.later; most
 * widgets agree to 1e-5 throughout (the test prints the worst difference of each).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPython } from '../../scripts/find-python';
import { pytorchScript, runtimeSource } from '../../scripts/pytorch-script';
import { EXPERIMENT_IDS, getExperiment } from '../../src/engine/experiments/index';
import { frameFromJson, type Frame } from '../../src/engine/frame';
import { defaults, sanitizeValues } from '../../src/engine/params';
import { useCpu } from '../engine/helpers';

/** |engine − torch| ≤ rtol·max(|engine|, |torch|) + ATOL, rtol by step. */
const RTOL = { first: 1e-2, later: 3e-2 };
const ATOL = 1e-30;
/** Session steps compared per widget. */
const STEPS = 3;
/** Pre-training compares its phases and the start of fine-tuning: 2 layers × 25 steps, then a few. */
const OVERRIDES: Record<string, { values: Record<string, unknown>; steps: number }> = {
  pretraining: { values: { depth: 2, aeSteps: 25 }, steps: 54 },
};

const python = findPython();
let dir = '';
beforeAll(async () => {
  await useCpu();
  dir = mkdtempSync(join(tmpdir(), 'gc-pytorch-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runPython(file: string, steps: number): Promise<Frame[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(python!, [file, '--json', '--steps', String(steps)]);
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out.trim().split('\n').map(frameFromJson)) : reject(new Error(`${file} exited ${code}: ${err}`))));
  });
}

/** The numbers both sides report, by name, for one frame. */
function numbers(f: Frame): Map<string, number> {
  const m = new Map<string, number>([['loss', f.loss], ['globalNorm', f.globalNorm]]);
  const put = (k: string, v: number | undefined) => v !== undefined && m.set(k, v);
  put('penalty', f.penalty);
  put('appliedNorm', f.appliedNorm);
  put('eval.loss', f.eval?.loss);
  put('validation.loss', f.validation?.loss);
  f.gradNormH?.forEach((v, t) => m.set(`gradNormH[${t + 1}]`, v));
  f.gradNormC?.forEach((v, t) => m.set(`gradNormC[${t + 1}]`, v));
  for (const l of f.layers) {
    m.set(`${l.name}.gradNormW`, l.gradNormW);
    m.set(`${l.name}.gradNormB`, l.gradNormB);
  }
  return m;
}

const key = (f: Frame) => `${f.run}@${f.step}`;

describe('Reproduce in PyTorch: the generated script matches the engine', () => {
  it('has a Python with torch and numpy (Debian: apt-get install python3-torch python3-numpy)', () => {
    expect(python).not.toBeNull();
  });

  for (const id of EXPERIMENT_IDS) {
    it(id, async () => {
      const exp = getExperiment(id)!;
      const { values: overrides, steps } = OVERRIDES[id] ?? { values: {}, steps: STEPS };
      const values = sanitizeValues(exp.params, { ...defaults(exp.params), ...overrides });
      const seed = exp.seed ?? 1;
      const file = join(dir, `${id}.py`);
      writeFileSync(file, pytorchScript(exp, values, { seed }, runtimeSource()));
      const torchFrames = runPython(file, steps);

      const session = exp.create(values, { seed, steps: exp.steps });
      const engine: Frame[] = [];
      try {
        for (let s = 0; s < steps && !session.done; s++) engine.push(...(await session.next()));
      } finally {
        session.dispose();
      }
      const theirs = new Map((await torchFrames).map((f) => [key(f), f]));
      expect([...theirs.keys()].sort()).toEqual(engine.map(key).sort());

      const worst = { rel: 0, where: '' };
      const first = new Map<string, number>();
      for (const f of engine) if (!first.has(f.run)) first.set(f.run, f.step);
      for (const mine of engine) {
        const rtol = first.get(mine.run) === mine.step ? RTOL.first : RTOL.later;
        const other = theirs.get(key(mine))!;
        expect(!!other.diverged, `${key(mine)} diverged`).toBe(!!mine.diverged);
        if (mine.diverged) continue;
        expect(other.phase).toBe(mine.phase);
        const a = numbers(mine);
        const b = numbers(other);
        expect([...b.keys()].sort(), key(mine)).toEqual([...a.keys()].sort());
        for (const [name, x] of a) {
          const y = b.get(name)!;
          const scale = Math.max(Math.abs(x), Math.abs(y));
          const rel = Math.abs(x - y) / (scale || 1);
          if (rel > worst.rel) Object.assign(worst, { rel, where: `${key(mine)} ${name}: engine ${x}, torch ${y}` });
          expect(Math.abs(x - y), `${key(mine)} ${name}: engine ${x}, torch ${y}`).toBeLessThanOrEqual(rtol * scale + ATOL);
        }
        if (mine.accuracy !== undefined) expect(Math.abs(other.accuracy! - mine.accuracy), `${key(mine)} accuracy`).toBeLessThanOrEqual(1 / 64);
      }
      console.log(`${id}: ${engine.length} frames, worst relative difference ${worst.rel.toExponential(2)} (${worst.where})`);
    });
  }
});
