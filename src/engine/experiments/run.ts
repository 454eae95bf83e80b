/**
 * An ExperimentRun over any Trainer: steps it on demand, one at a time,
 * turns its StepMetrics into Frames and stops after `steps` frames or at the
 * first divergence. Model-agnostic: MLP experiments build theirs in
 * mlp-run.ts; RNN/LSTM ones will build a different model and reuse this.
 */
import type { Frame } from '../frame';
import type { MetricOptions, Trainer } from '../train/trainer';
import type { ExperimentRun, RunInfo } from './types';

export interface RunConfig {
  experiment: string;
  steps: number;
  /** Metric options for every step, or per step (e.g. histograms every 5th). */
  metrics: MetricOptions | ((step: number) => MetricOptions);
  /** Adds experiment-specific numbers to each frame. */
  extras?: (frame: Frame) => Record<string, number> | undefined;
}

export function createRun(trainer: Trainer, info: RunInfo, cfg: RunConfig): ExperimentRun {
  let last: Frame | null = null;
  let done = cfg.steps <= 0;
  let disposed = false;
  // Steps share the weights, so calls to next() are queued, never interleaved.
  let queue: Promise<unknown> = Promise.resolve();
  let inFlight = 0;

  async function step(): Promise<Frame> {
    if (disposed) throw new Error(`${cfg.experiment}: run disposed`);
    if (done) {
      if (last) return last;
      throw new Error(`${cfg.experiment}: run has no steps`);
    }
    const opts = typeof cfg.metrics === 'function' ? cfg.metrics(trainer.step) : cfg.metrics;
    const m = await trainer.trainStep(opts);
    const frame: Frame = { experiment: cfg.experiment, ...m };
    const extras = cfg.extras?.(frame);
    if (extras) frame.extras = extras;
    last = frame;
    if (frame.diverged || trainer.step >= cfg.steps) done = true;
    return frame;
  }

  return {
    info,
    get done() {
      return done;
    },
    next() {
      inFlight++;
      const p = queue.then(step).finally(() => {
        inFlight--;
        if (disposed && inFlight === 0) trainer.dispose();
      });
      queue = p.catch(() => undefined);
      return p;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      // Idle: free now. Otherwise the last queued step frees on settling.
      if (inFlight === 0) trainer.dispose();
    },
  };
}
