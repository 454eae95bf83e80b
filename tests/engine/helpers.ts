/** Shared test setup: the engine on the tfjs cpu backend, as the CLI runs it. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { Experiment } from '../../src/engine/experiments/types';
import type { Frame } from '../../src/engine/frame';
import { defaults, type ParamSpecs, type ParamValues } from '../../src/engine/params';

export async function useCpu(): Promise<void> {
  tf.env().set('IS_TEST', true); // no "install tfjs-node" banner
  await tf.setBackend('cpu');
  await tf.ready();
}

interface RunOpts {
  seed?: number;
  /** Steps each run goes at most. */
  steps: number;
}

/**
 * Trains a session until `until` says stop, then disposes it; returns every
 * frame, in the order the session gave them (run by run within a step).
 */
async function collect<S extends ParamSpecs>(exp: Experiment<S>, overrides: Partial<ParamValues<S>>, opts: RunOpts, until?: string): Promise<Frame[]> {
  const session = exp.create({ ...defaults(exp.params), ...overrides }, { seed: opts.seed ?? exp.seed ?? 1, steps: opts.steps });
  const frames: Frame[] = [];
  try {
    while (until === undefined ? !session.done : session.state(until) === 'training') frames.push(...(await session.next()));
  } finally {
    session.dispose();
  }
  return frames;
}

/** Every frame of every run of the session, until all runs end. */
export function runSession<S extends ParamSpecs>(exp: Experiment<S>, overrides: Partial<ParamValues<S>>, opts: RunOpts): Promise<Frame[]> {
  return collect(exp, overrides, opts);
}

/** The frames of one run (default 'a'), until it ends (`steps` frames or its divergence). */
export async function runFrames<S extends ParamSpecs>(exp: Experiment<S>, overrides: Partial<ParamValues<S>>, opts: RunOpts & { run?: string }): Promise<Frame[]> {
  const run = opts.run ?? 'a';
  return (await collect(exp, overrides, opts, run)).filter((f) => f.run === run);
}

/** The frames of one run of a session's frames. */
export const byRun = (frames: Frame[], run: string) => frames.filter((f) => f.run === run);
