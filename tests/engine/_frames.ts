/**
 * Dumps frames of every experiment (several parameter sets; every run of each session) as JSON lines,
 * for comparing two versions of the engine number by number (not a vitest
 * test). Run once per version, in separate processes, and diff the outputs:
 *
 *   npx tsx tests/engine/_frames.ts --backend=wasm [--engine=/other/src/engine] > frames.jsonl
 */
import { args, engine, tf } from './_load-engine';

const { experiments, defaults, frameToJson, createReferenceWorkload } = engine;

tf.env().set('IS_TEST', true);
await tf.setBackend(args.get('backend') ?? 'cpu');
await tf.ready();
const steps = Number(args.get('steps') ?? 12);

const cases: [string, Record<string, unknown>][] = [
  ['gradient-flow', {}],
  ['gradient-flow', { activation: 'tanh', depth: 4 }],
  ['gradient-flow', { activation: 'relu', init: 'he' }],
  ['gradient-flow', { activation: 'leaky-relu', depth: 3 }],
  ['gradient-flow', { activation: 'elu', gain: 3 }],
  ['saturation', {}],
  ['saturation', { activation: 'tanh', sigma: 3 }],
  ['explosion', {}],
  ['explosion', { scale: 1 }],
  ['explosion', { scale: 1.4, depth: 20 }],
];
for (const [id, over] of cases) {
  const exp = experiments[id as keyof typeof experiments] as unknown as (typeof experiments)['gradient-flow'];
  const session = exp.create({ ...defaults(exp.params), ...over } as never, { seed: 3, steps });
  while (!session.done) {
    // flat(): an engine from before sessions (--engine) answers one frame, not a list.
    for (const frame of [await session.next()].flat()) console.log(JSON.stringify({ case: `${id} ${JSON.stringify(over)}`, frame: JSON.parse(frameToJson(frame)) }));
  }
  session.dispose();
}
const w = createReferenceWorkload({ seed: 2 });
for (let i = 0; i < steps; i++) console.log(JSON.stringify({ case: 'reference', frame: { step: i, norms: await w.step(), loss: w.loss } }));
w.dispose();
