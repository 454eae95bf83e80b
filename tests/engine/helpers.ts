/** Shared test setup: the engine on the tfjs cpu backend, as the CLI runs it. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { Experiment, ExperimentRun } from '../../src/engine/experiments/types';
import type { Frame } from '../../src/engine/frame';
import { defaults, type ParamSpecs, type ParamValues } from '../../src/engine/params';

export async function useCpu(): Promise<void> {
  tf.env().set('IS_TEST', true); // no "install tfjs-node" banner
  await tf.setBackend('cpu');
  await tf.ready();
}

/** Runs `steps` frames (or until done) and disposes the run. */
export async function runFrames<S extends ParamSpecs>(exp: Experiment<S>, overrides: Partial<ParamValues<S>>, opts: { seed?: number; steps: number }): Promise<Frame[]> {
  const run: ExperimentRun = exp.create({ ...defaults(exp.params), ...overrides }, { seed: opts.seed ?? 1, steps: opts.steps });
  const frames: Frame[] = [];
  try {
    while (!run.done) frames.push(await run.next());
  } finally {
    run.dispose();
  }
  return frames;
}

export function firstOverLast(frame: Frame): number {
  return frame.layers[0]!.gradNormW / frame.layers[frame.layers.length - 1]!.gradNormW;
}
