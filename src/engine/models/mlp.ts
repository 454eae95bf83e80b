/**
 * Dense network: inputDim → `depth` hidden layers of `width` → outputDim.
 * Hidden layers use the chosen activation; the output layer is linear (its
 * output is a logit or a regression value; the loss adds the squashing).
 * Layers are named dense1 … dense{depth}, then 'output'.
 *
 * Options: batch norm in every hidden layer (`norm`), and identity skips
 * (`residual`) around groups of `every` hidden layers from dense2 on
 * (dense1 changes the width); when the layers do not divide evenly the last
 * group is shorter. Without them the network is a plain MLP.
 */
import type { ActivationName, ActivationShape } from '../activation-math';
import type { InitScheme } from '../init';
import type { Rng } from '../rng';
import { Dense, type NormPlacement } from './dense';
import { Residual } from './residual';
import { Sequential } from './sequential';
import type { Block } from './types';

export interface MlpConfig {
  inputDim: number;
  outputDim: number;
  depth: number;
  width: number;
  activation: ActivationName;
  /** Leaky ReLU's slope k, ELU's α. */
  shape?: ActivationShape;
  init: InitScheme;
  /** Init of the output layer; defaults to `init` (a widget may want the head fixed while the body varies). */
  outputInit?: InitScheme;
  /** Batch norm in every hidden layer, on z or on a (dense.ts); 'none' by default. */
  norm?: 'none' | NormPlacement;
  /** h + scale·F(h) around every `every` hidden layers after dense1 (residual.ts); scale 1 by default. */
  residual?: { every: 1 | 2; scale?: number };
}

export function buildMlp(cfg: MlpConfig, rng: Rng): Sequential {
  const norm = cfg.norm === 'none' ? undefined : cfg.norm;
  // Made in forward order: each draws its initial weights from rng in turn.
  const hidden = Array.from(
    { length: cfg.depth },
    (_, k) => new Dense({ name: `dense${k + 1}`, inDim: k ? cfg.width : cfg.inputDim, units: cfg.width, activation: cfg.activation, shape: cfg.shape, init: cfg.init, norm }, rng),
  );
  const output = new Dense({ name: 'output', inDim: cfg.depth ? cfg.width : cfg.inputDim, units: cfg.outputDim, activation: 'linear', init: cfg.outputInit ?? cfg.init, kind: 'output' }, rng);
  const res = cfg.residual;
  const body: Block[] = res ? [...hidden.slice(0, 1), ...groups(hidden.slice(1), res.every).map((branch) => new Residual({ branch, scale: res.scale }))] : hidden;
  return new Sequential([...body, output], cfg.inputDim, cfg.outputDim);
}

/** xs in consecutive groups of `size` (the last may be shorter). */
function groups<T>(xs: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(xs.length / size) }, (_, k) => xs.slice(k * size, (k + 1) * size));
}
