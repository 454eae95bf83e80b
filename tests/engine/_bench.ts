/**
 * Engine timing in Node (not a vitest test: the leading underscore keeps it
 * out of `tests/**\/*.test.ts`). Median ms/step after warm-up for the
 * DESIGN.md reference workload and every experiment at its defaults, on the
 * tfjs wasm and cpu backends, plus a plain-JS Float32Array implementation of
 * the reference network (the yardstick of the "wasm ≤ ½ plain JS" budget).
 *
 *   npx tsx tests/engine/_bench.ts [--backends=wasm,cpu] [--steps=200] [--only=reference,plain-js,gradient-flow,…]
 *                                  [--engine=/path/to/another/src/engine]   (e.g. an older checkout, for before/after)
 *
 * The machine this runs on may be shared: compare versions by alternating
 * runs (one process each: gradient registrations are global) and taking the
 * lowest median of each.
 *
 * An experiment's step is one step of its session at the defaults: one
 * training step of each of its runs, with the experiment's metrics (the
 * name column says how many runs). Sessions run past their default `steps`
 * and are re-created, untimed, when any run ends or diverges, so every timed
 * step trains every run.
 */
import { args, engine, tf } from './_load-engine';

const { createReferenceWorkload, REFERENCE, experiments, defaults, wave2d, createRng, initWeights } = engine;
const backends = (args.get('backends') ?? 'wasm,cpu').split(',');
const STEPS = Number(args.get('steps') ?? 200);
const WARMUP = 30;
const only = args.get('only')?.split(',');
const want = (name: string) => !only || only.includes(name);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/** Median wall-clock and CPU (user + system) ms per step; CPU time is the steadier one on a shared machine. */
async function time(step: () => Promise<unknown>, steps = STEPS, untimed?: () => void): Promise<{ wall: number; cpu: number }> {
  for (let i = 0; i < WARMUP; i++) {
    untimed?.();
    await step();
  }
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < steps; i++) {
    untimed?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await step();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

/**
 * The reference network in plain JS over Float32Array, written with care
 * (no allocation per step, row-major loops in cache order): forward with
 * sigmoid, MSE, backprop, per-layer ‖∂L/∂W‖, SGD.
 */
function plainJsReference() {
  const rng = createRng(1);
  const data = wave2d(rng.fork(), REFERENCE.batch);
  const wr = rng.fork();
  const dims = [2, ...Array.from({ length: REFERENCE.layers - 1 }, () => REFERENCE.width), 1];
  const L = dims.length - 1;
  const n = data.n;
  const W = dims.slice(0, -1).map((din, l) => initWeights(wr, { name: 'xavier', gain: 1 }, din, dims[l + 1]!));
  const b = dims.slice(1).map((d) => new Float32Array(d));
  const A = dims.map((d) => new Float32Array(n * d)); // A[0] = x, A[l+1] = f(z_l)
  A[0]!.set(data.x);
  const dA = dims.map((d) => new Float32Array(n * d));
  const gW = W.map((w) => new Float32Array(w.length));
  const gb = b.map((v) => new Float32Array(v.length));
  const norms = new Array<number>(L).fill(0);
  const lr = REFERENCE.lr;
  return () => {
    for (let l = 0; l < L; l++) {
      const din = dims[l]!, dout = dims[l + 1]!, x = A[l]!, y = A[l + 1]!, w = W[l]!, bias = b[l]!;
      const last = l === L - 1;
      for (let i = 0; i < n; i++) {
        const yo = i * dout;
        for (let j = 0; j < dout; j++) y[yo + j] = bias[j]!;
        for (let k = 0; k < din; k++) {
          const xv = x[i * din + k]!, wo = k * dout;
          for (let j = 0; j < dout; j++) y[yo + j]! += xv * w[wo + j]!;
        }
        if (!last) for (let j = 0; j < dout; j++) y[yo + j] = 1 / (1 + Math.exp(-y[yo + j]!));
      }
    }
    const out = A[L]!, dOut = dA[L]!, t = data.y;
    let loss = 0;
    for (let i = 0; i < out.length; i++) {
      const d = out[i]! - t[i]!;
      loss += d * d;
      dOut[i] = (2 * d) / out.length;
    }
    for (let l = L - 1; l >= 0; l--) {
      const din = dims[l]!, dout = dims[l + 1]!, x = A[l]!, dy = dA[l + 1]!, w = W[l]!, g = gW[l]!, gbl = gb[l]!, dx = dA[l]!;
      if (l < L - 1) { const y = A[l + 1]!; for (let i = 0; i < dy.length; i++) dy[i]! *= y[i]! * (1 - y[i]!); } // σ′ = a(1 − a)
      g.fill(0);
      gbl.fill(0);
      for (let i = 0; i < n; i++) {
        const yo = i * dout;
        for (let j = 0; j < dout; j++) gbl[j]! += dy[yo + j]!;
        for (let k = 0; k < din; k++) {
          const xv = x[i * din + k]!, wo = k * dout;
          for (let j = 0; j < dout; j++) g[wo + j]! += xv * dy[yo + j]!;
        }
      }
      if (l > 0) {
        for (let i = 0; i < n; i++) {
          const yo = i * dout;
          for (let k = 0; k < din; k++) {
            let s = 0;
            const wo = k * dout;
            for (let j = 0; j < dout; j++) s += w[wo + j]! * dy[yo + j]!;
            dx[i * din + k] = s;
          }
        }
      }
      let sq = 0;
      for (let k = 0; k < g.length; k++) { sq += g[k]! * g[k]!; w[k]! -= lr * g[k]!; }
      for (let k = 0; k < gbl.length; k++) b[l]![k]! -= lr * gbl[k]!;
      norms[l] = Math.sqrt(sq);
    }
    return { loss: loss / out.length, norms };
  };
}

const rows: string[] = [];
const report = (backend: string, name: string, t: { wall: number; cpu: number }) => {
  const line = `${backend.padEnd(8)} ${name.padEnd(16)} ${t.wall.toFixed(3).padStart(8)} ms/step wall ${t.cpu.toFixed(3).padStart(8)} ms/step cpu`;
  rows.push(line);
  console.log(line);
};

tf.env().set('IS_TEST', true);
if (want('plain-js')) {
  const step = plainJsReference();
  report('js', 'plain-js', await time(async () => step(), STEPS * 2));
}

for (const backend of backends) {
  if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} did not start`);
  await tf.ready();
  if (want('reference')) {
    const w = createReferenceWorkload({ seed: 1 });
    report(backend, 'reference', await time(() => w.step()));
    w.dispose();
  }
  for (const exp of Object.values(experiments)) {
    if (!want(exp.id)) continue;
    const make = () => exp.create(defaults(exp.params) as never, { seed: 1, steps: 1e9 });
    let session = make();
    const renew = () => {
      if (session.runs.every((r) => session.state(r.name) === 'training')) return;
      session.dispose();
      session = make();
    };
    report(backend, `${exp.id} ×${session.runs.length}`, await time(() => session.next(), STEPS, renew));
    session.dispose();
  }
  console.log(`${backend}: ${tf.memory().numTensors} tensors alive after disposing`);
}
