/** A dense layer z = xW + b, a = f(z): one Block, one reporting layer, one probe on a. */
import * as tf from '@tensorflow/tfjs-core';
import { getActivation, type Activation, type ActivationName } from '../activations';
import { initWeights, type InitScheme } from '../init';
import type { Rng } from '../rng';
import { affine } from '../ops/affine';
import type { Block, ForwardContext, LayerInfo, ParamDecl, ProbeSpec } from './types';

export interface DenseOptions {
  name: string;
  inDim: number;
  units: number;
  activation: ActivationName;
  /** Leaky ReLU's negative slope. */
  slope?: number;
  init: InitScheme;
}

export class Dense implements Block {
  readonly name: string;
  readonly params: readonly ParamDecl[];
  readonly layers: readonly Omit<LayerInfo, 'index'>[];
  readonly activation: Activation;
  private readonly units: number;
  private readonly wName: string;
  private readonly bName: string;

  constructor(opts: DenseOptions, rng: Rng) {
    this.name = opts.name;
    this.units = opts.units;
    this.activation = getActivation(opts.activation, { slope: opts.slope });
    this.wName = `${opts.name}/W`;
    this.bName = `${opts.name}/b`;
    this.params = [
      { name: this.wName, shape: [opts.inDim, opts.units], values: initWeights(rng, opts.init, opts.inDim, opts.units), role: 'weight', layer: opts.name },
      { name: this.bName, shape: [opts.units], values: new Float32Array(opts.units), role: 'bias', layer: opts.name },
    ];
    this.layers = [{ name: opts.name, units: opts.units, activation: opts.activation, ...(opts.slope !== undefined ? { slope: opts.slope } : {}), weights: [this.wName], biases: [this.bName] }];
  }

  probes(batchSize: number): ProbeSpec[] {
    return [{ name: this.name, shape: [batchSize, this.units], layer: this.name }];
  }

  forward(x: tf.Tensor, ctx: ForwardContext): tf.Tensor {
    // The activation is applied apart (not fused into the product): z itself is a metric (histograms, saturation).
    const isData = ctx.isData(x);
    const z = affine(x as tf.Tensor2D, ctx.param(this.wName) as tf.Tensor2D, ctx.param(this.bName) as tf.Tensor1D, {
      xIsData: isData,
      ...(isData ? { dataT: ctx.constant(`transposed:${x.id}`, () => tf.transpose(x)) as tf.Tensor2D } : {}),
      retain: ctx.retain,
      ones: ctx.constant(`ones:${x.shape[0]}`, () => tf.ones([1, x.shape[0]!])) as tf.Tensor2D,
    });
    const a = this.activation.apply(z, ctx.retain);
    ctx.record(this.name, z, a);
    return ctx.probe(this.name, a);
  }
}
