/**
 * The decoder of an autoencoder with tied weights (experiments/autoencoders.ts):
 * x̂ = h·Wᵀ + c, W the encoder's own weight matrix, c a bias of the decoder's. With W in
 * both directions the encoder cannot shrink its code and leave the decoder to scale it back
 * up: reconstructing the input takes weights that carry the signal through the layer.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TiedDecoderSpec } from '../reproduce/spec';
import type { Dense } from './dense';
import type { Block, ForwardContext, LayerInfo, ParamDecl, ProbeSpec } from './types';

export class TiedDecoder implements Block {
  readonly name: string;
  readonly params: readonly ParamDecl[];
  readonly layers: readonly Omit<LayerInfo, 'index'>[];
  private readonly weight: string;
  private readonly bias: string;

  constructor(name: string, encoder: Dense) {
    this.name = name;
    this.weight = encoder.layers[0]!.weights[0]!;
    this.bias = `${name}/c`;
    this.params = [{ name: this.bias, shape: [encoder.inDim], values: new Float32Array(encoder.inDim), role: 'bias', layer: name }];
    this.layers = [{ name, units: encoder.inDim, activation: 'linear', weights: [], biases: [this.bias], kind: 'output' }];
  }

  probes(): ProbeSpec[] {
    return [];
  }

  describe(): TiedDecoderSpec {
    return { type: 'tied-decoder', name: this.name, weight: this.weight, bias: this.bias };
  }

  forward(h: tf.Tensor, ctx: ForwardContext): tf.Tensor {
    return tf.add(tf.matMul(h, ctx.param(this.weight), false, true), ctx.param(this.bias));
  }
}
