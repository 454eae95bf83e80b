/**
 * Dense network: inputDim → `depth` hidden layers of `width` → outputDim.
 * Hidden layers use the chosen activation; the output layer is linear (its
 * output is a logit or a regression value; the loss adds the squashing).
 * Layers are named dense1 … dense{depth}, then 'output'.
 */
import type { ActivationName } from '../activation-math';
import type { InitScheme } from '../init';
import type { Rng } from '../rng';
import { Dense } from './dense';
import { Sequential } from './sequential';

export interface MlpConfig {
  inputDim: number;
  outputDim: number;
  depth: number;
  width: number;
  activation: ActivationName;
  slope?: number;
  init: InitScheme;
  /** Init of the output layer; defaults to `init` (a widget may want the head fixed while the body varies). */
  outputInit?: InitScheme;
}

export function buildMlp(cfg: MlpConfig, rng: Rng): Sequential {
  const blocks: Dense[] = [];
  let inDim = cfg.inputDim;
  for (let i = 1; i <= cfg.depth; i++) {
    blocks.push(new Dense({ name: `dense${i}`, inDim, units: cfg.width, activation: cfg.activation, slope: cfg.slope, init: cfg.init }, rng));
    inDim = cfg.width;
  }
  blocks.push(new Dense({ name: 'output', inDim, units: cfg.outputDim, activation: 'linear', init: cfg.outputInit ?? cfg.init }, rng));
  return new Sequential(blocks, cfg.inputDim, cfg.outputDim);
}
