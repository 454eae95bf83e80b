/**
 * A dense layer, one Block, one reporting layer, one probe on its output:
 *
 *   z = xW + b  →  [batch norm]  →  a = f(z)  →  [batch norm]  →  probe
 *
 * each a step of its own (steps.ts). With `norm: 'bn-before'` the batch norm
 * works on z and the layer records the normalised z (what f sees); with
 * 'bn-after' it works on a, and the layer records z and a before it.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { DEFAULT_ELU_ALPHA, DEFAULT_LEAKY_SLOPE, getActivation, type Activation, type ActivationName, type ActivationShape } from '../activations';
import { initWeights, type InitScheme } from '../init';
import type { Rng } from '../rng';
import type { DenseSpec } from '../reproduce/spec';
import { BatchNorm } from './batchnorm';
import { activate, linear } from './steps';
import type { Block, ForwardContext, LayerInfo, LayerKind, ParamDecl, ProbeSpec } from './types';

/** Where a dense layer's batch norm sits: on z (before the activation) or on a (after it). */
export type NormPlacement = 'bn-before' | 'bn-after';

export interface DenseOptions {
  name: string;
  inDim: number;
  units: number;
  activation: ActivationName;
  /** Leaky ReLU's slope k, ELU's α. */
  shape?: ActivationShape;
  init: InitScheme;
  /** Batch norm (parameters '<name>/bn/…', see batchnorm.ts); none by default. */
  norm?: NormPlacement;
  /** What charts call the layer; 'batchnorm' with a norm, 'dense' otherwise, by default. */
  kind?: LayerKind;
}

export class Dense implements Block {
  readonly name: string;
  readonly inDim: number;
  readonly units: number;
  readonly params: readonly ParamDecl[];
  readonly layers: readonly Omit<LayerInfo, 'index'>[];
  readonly activation: Activation;
  private readonly wName: string;
  private readonly bName: string;
  private readonly norm: { placement: NormPlacement; bn: BatchNorm } | null;

  constructor(opts: DenseOptions, rng: Rng) {
    this.name = opts.name;
    this.inDim = opts.inDim;
    this.units = opts.units;
    this.activation = getActivation(opts.activation, opts.shape);
    this.wName = `${opts.name}/W`;
    this.bName = `${opts.name}/b`;
    const bn = opts.norm ? new BatchNorm({ name: `${opts.name}/bn`, units: opts.units, layer: opts.name }) : null;
    this.norm = bn && { placement: opts.norm!, bn };
    this.params = [
      { name: this.wName, shape: [opts.inDim, opts.units], values: initWeights(rng, opts.init, opts.inDim, opts.units), role: 'weight', layer: opts.name },
      { name: this.bName, shape: [opts.units], values: new Float32Array(opts.units), role: 'bias', layer: opts.name },
      ...(bn?.params ?? []),
    ];
    this.layers = [{
      name: opts.name,
      units: opts.units,
      activation: opts.activation,
      ...(opts.shape ? { shape: opts.shape } : {}),
      weights: bn ? [this.wName, bn.scale] : [this.wName],
      biases: bn ? [this.bName, bn.shift] : [this.bName],
      kind: opts.kind ?? (bn ? 'batchnorm' : 'dense'),
    }];
  }

  probes(batchSize: number): ProbeSpec[] {
    return [{ name: this.name, shape: [batchSize, this.units], layer: this.name }];
  }

  forward(x: tf.Tensor, ctx: ForwardContext): tf.Tensor {
    return ctx.probe(this.name, this.apply(x, ctx));
  }

  describe(): DenseSpec {
    const activation = this.activation.name;
    const shape = this.layers[0]!.shape;
    return {
      type: 'dense', name: this.name, weight: this.wName, bias: this.bName, activation,
      ...(activation === 'leaky-relu' ? { slope: shape?.slope ?? DEFAULT_LEAKY_SLOPE } : {}),
      ...(activation === 'elu' ? { alpha: shape?.alpha ?? DEFAULT_ELU_ALPHA } : {}),
      ...(this.norm ? { norm: { placement: this.norm.placement, ...this.norm.bn.describe() } } : {}),
    };
  }

  /** The layer's output before its probe (a residual block probes its sum instead). */
  apply(x: tf.Tensor, ctx: ForwardContext): tf.Tensor {
    const norm = this.norm;
    const affine = linear(ctx, x, ctx.param(this.wName), ctx.param(this.bName));
    const z = norm?.placement === 'bn-before' ? norm.bn.forward(affine, ctx) : affine;
    const a = activate(ctx, this.activation, z);
    ctx.record(this.name, z, a);
    return norm?.placement === 'bn-after' ? norm.bn.forward(a, ctx) : a;
  }
}
