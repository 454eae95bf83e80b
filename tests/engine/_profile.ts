/**
 * Kernel census of one training step (not a vitest test): which tfjs kernels
 * a step runs and how many, for the reference workload and each experiment
 * at its defaults (a session's step: one step of each of its runs). At these
 * sizes each kernel dispatch is a cost of its own.
 *
 *   npx tsx tests/engine/_profile.ts [--backend=wasm]
 */
import { args, engine, tf } from './_load-engine';

const { createReferenceWorkload, experiments, defaults } = engine;
const backend = args.get('backend') ?? 'wasm';
tf.env().set('IS_TEST', true);
await tf.setBackend(backend);
await tf.ready();

/** Kernels one step runs, by name and count (counts, not times: tf.profile's per-kernel times are too noisy at ~10 µs). */
async function census(name: string, step: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await step();
  const info = await tf.profile(async () => {
    await step();
    return [];
  });
  const counts = new Map<string, number>();
  for (const k of info.kernels) counts.set(k.name, (counts.get(k.name) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  console.log(`${name}: ${info.kernels.length} kernels`);
  console.log(`  ${sorted.map(([k, n]) => `${k}×${n}`).join(' ')}`);
}

const w = createReferenceWorkload({ seed: 1 });
await census('reference', () => w.step());
w.dispose();
for (const exp of Object.values(experiments)) {
  const make = () => exp.create(defaults(exp.params) as never, { seed: 1, steps: 1e9 });
  let session = make();
  // Census of a step that trains every run (a diverged run trains no more): a fresh session's step 0.
  await census(`${exp.id} ×${session.runs.length}`, async () => {
    session.dispose();
    session = make();
    return session.next();
  });
  session.dispose();
}
