/** One sample log (src/doctor/samples.ts): its experiment trained in Node, run a written in the doctor's CSV. */
import { getExperiment } from '../engine/experiments/index';
import { coerceParams, SEED_PARAM } from '../engine/params';
import { doctorWriter } from './from-frames';
import { SAMPLES } from './samples';

export async function recordSample(id: string): Promise<string> {
  const sample = SAMPLES.find((s) => s.id === id);
  const exp = sample && getExperiment(sample.widget);
  if (!sample || !exp) throw new Error(`unknown doctor sample "${id}"`);
  const { values, notices } = coerceParams(exp.params, sample.values);
  if (notices.length) throw new Error(`doctor sample "${id}": ${JSON.stringify(notices)}`);
  const session = exp.create(values as never, { seed: exp.seed ?? SEED_PARAM.default, steps: sample.steps });
  const write = doctorWriter('csv');
  const flags = Object.entries(sample.values).map(([k, v]) => `--${k}=${v}`).join(' ');
  const lines: string[] = [`# npm run experiment -- ${sample.widget} ${flags} --steps=${sample.steps} --doctor`];
  try {
    while (session.state('a') === 'training') for (const f of await session.next()) if (f.run === 'a') lines.push(...write(f));
  } finally {
    session.dispose();
  }
  return lines.join('\n') + '\n';
}
