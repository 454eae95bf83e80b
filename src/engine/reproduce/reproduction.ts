/** An experiment at given values and seed, written down for another framework (spec.ts). */
import type { Experiment } from '../experiments/types';
import { sanitizeValues } from '../params';
import { REPRODUCTION_FORMAT, type Reproduction } from './spec';

export interface ReproductionOptions {
  seed: number;
  /** Steps of each run's own training (default: the experiment's). */
  steps?: number;
  /** The site's version, recorded in the script. */
  engine: string;
}

/** Builds the session (its weights and data drawn as the widget draws them), describes its runs, frees it. */
export function reproduction(experiment: Experiment, values: Record<string, unknown>, opts: ReproductionOptions): Reproduction {
  const v = sanitizeValues(experiment.params, values);
  const session = experiment.create(v, { seed: opts.seed, steps: opts.steps ?? experiment.steps });
  try {
    return { format: REPRODUCTION_FORMAT, experiment: experiment.id, title: experiment.title, values: v, seed: opts.seed, engine: opts.engine, runs: session.describe() };
  } finally {
    session.dispose();
  }
}
