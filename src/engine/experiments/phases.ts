/**
 * A run in phases (chapter 4: greedy layer-wise pre-training, then fine-tuning). Each earlier
 * phase trains a model view of its own: its own trainer, data, loss and target, with only the
 * blocks in its model trainable (whatever it reads of the rest comes in as data, computed
 * once when the phase begins). The run's own trainer, built when the session starts, is its
 * last phase; when an earlier phase ends, the parameters it shares with that trainer (same
 * name) are copied into it exactly, so the last phase starts from what the others learned.
 */
import type { Label } from '../params';
import type { ParamRegistry } from '../models/registry';
import type { Model } from '../models/types';
import type { LossName } from '../train/losses';
import type { Optimizer } from '../train/optimizers';
import type { MetricOptions, Trainer, TrainerConfig } from '../train/trainer';

export interface PhasePlan {
  /** Unique within the run: Frame.phase. */
  name: string;
  label: Label;
  /** Frames it yields (> 0). */
  steps: number;
  /**
   * Its trainer's settings, made when the phase begins, from `main`: the run's own trainer,
   * which holds what the phases before this one learned.
   */
  begin(main: Trainer): Promise<{ trainer: TrainerConfig; metrics: MetricOptions }>;
  /** What `begin` will make, for another framework (reproduce/): its model, data and training settings. */
  describe?(): PhaseDescription;
}

/** A phase as `begin` sets it up, before any weights are known: the data is the run's inputs through `through`. */
export interface PhaseDescription {
  model: Model;
  /** Names of dense blocks of the run's model, in order, whose outputs are the phase's inputs and targets. */
  through: string[];
  loss: LossName;
  optimizer: Optimizer;
}

/** The run's last phase, when the run names its phases (RunPlan.phase). */
export interface MainPhase {
  name: string;
  label: Label;
}

/**
 * Copies every parameter of `from` that `to` has by name into `to`: the variables then hold the
 * same data, bit for bit (a variable's assign takes the tensor's data as it is). Returns the names.
 */
export function copyShared(from: ParamRegistry, to: ParamRegistry): string[] {
  const shared = from.entries().filter((e) => to.has(e.name));
  for (const e of shared) to.get(e.name).variable.assign(e.variable);
  return shared.map((e) => e.name);
}
