/**
 * A widget's default session as its figures are built: the experiment at its declared
 * defaults and seed, run to its last step in Node on whatever tfjs backend the caller set
 * (the build uses cpu, as `npm run experiment` does).
 */
import { getExperiment } from '../engine/experiments/index';
import type { RunShape } from '../engine/experiments/types';
import type { Frame } from '../engine/frame';
import { defaults, SEED_PARAM } from '../engine/params';

export interface SessionRecord {
  readonly widget: string;
  readonly seed: number;
  readonly runs: readonly RunShape[];
  /** every run's frames in the order the session yielded them */
  readonly frames: readonly Frame[];
  /** the last step any run drew */
  readonly lastStep: number;
}

export function defaultConfig(widget: string) {
  const exp = getExperiment(widget);
  if (!exp) throw new Error(`unknown experiment "${widget}"`);
  return { exp, values: defaults(exp.params), seed: exp.seed ?? SEED_PARAM.default, steps: exp.steps };
}

export async function recordSession(widget: string): Promise<SessionRecord> {
  const { exp, values, seed, steps } = defaultConfig(widget);
  const session = exp.create(values as never, { seed, steps });
  try {
    const frames: Frame[] = [];
    while (!session.done) frames.push(...(await session.next()));
    return { widget, seed, runs: [...session.runs], frames, lastStep: Math.max(-1, ...frames.map((f) => f.step)) };
  } finally {
    session.dispose();
  }
}

/** Frames by run, oldest first: what a view draws. */
export function framesByRun(rec: SessionRecord): Map<string, Frame[]> {
  const byRun = new Map<string, Frame[]>(rec.runs.map((r) => [r.name, []]));
  for (const f of rec.frames) byRun.get(f.run)?.push(f);
  return byRun;
}

/** How each run ended: its last step, and whether it diverged (the run list's words for it). */
export function runOutcomes(rec: SessionRecord) {
  return rec.runs.map((r) => {
    const own = rec.frames.filter((f) => f.run === r.name);
    return { name: r.name, label: r.label, status: own.some((f) => f.diverged) ? ('diverged' as const) : ('done' as const), step: Math.max(-1, ...own.map((f) => f.step)) };
  });
}
