/**
 * Greedy layer-wise pre-training as phases of a run (phases.ts), as in Bengio et al. (2007):
 * phase k trains hidden layer k as the encoder of an autoencoder, h_k = f(h_{k−1} W_k + b_k),
 * with a linear decoder of tied weights ĥ_{k−1} = h_k W_kᵀ + c_k (models/tied-decoder.ts), by
 * mean squared error on its own input h_{k−1}. The layers below are frozen: their outputs h_{k−1} are computed once, with the
 * weights the earlier phases left, and become the phase's data. The decoder is dropped at the
 * phase's end; the encoder's weights go to the network.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TabularDataset } from '../data';
import type { Label } from '../params';
import { Dense } from '../models/dense';
import { Sequential } from '../models/sequential';
import { TiedDecoder } from '../models/tied-decoder';
import type { Model } from '../models/types';
import type { Optimizer } from '../train/optimizers';
import type { Trainer } from '../train/trainer';
import type { PhasePlan } from './phases';

export interface AutoencoderOptions {
  /** Steps per layer. */
  steps: number;
  /** A fresh optimiser for each phase (its moments start at zero). */
  optimizer: () => Optimizer;
}

export const autoencoderLabel = (k: number): Label => ({ en: `Autoencoder ${k}`, zh: `自编码器 ${k}` });

/** One phase per hidden layer of `net` (plain dense layers only), in order. */
export function autoencoderPhases(net: Model, data: TabularDataset, opts: AutoencoderOptions): PhasePlan[] {
  const hidden = net.blocks.slice(0, -1);
  if (!hidden.every((b): b is Dense => b instanceof Dense && b.layers[0]!.kind === 'dense')) throw new Error('autoencoders: hidden layers must be plain dense layers');
  /** h_{k−1} of the phase beginning now: the data, then each layer's output in turn. */
  let input = data.x;
  const model = (i: number) => new Sequential([hidden[i]!, new TiedDecoder(`decoder${i + 1}`, hidden[i]!)], hidden[i]!.inDim, hidden[i]!.inDim);
  return hidden.map((encoder, i) => ({
    name: `ae${i + 1}`,
    label: autoencoderLabel(i + 1),
    steps: opts.steps,
    async begin(main: Trainer) {
      if (i > 0) input = await layerOutput(main, hidden[i - 1]!, input, data.n);
      const reconstruct: TabularDataset = {
        kind: 'tabular', name: `${data.name}-h${i}`, task: 'regression', n: data.n,
        inputDim: encoder.inDim, outputDim: encoder.inDim, x: input, y: input,
      };
      return { trainer: { model: model(i), data: reconstruct, loss: 'mse', optimizer: opts.optimizer() }, metrics: {} };
    },
    describe: () => ({ model: model(i), through: hidden.slice(0, i).map((d) => d.name), loss: 'mse', optimizer: opts.optimizer() }),
  }));
}

/** f(xW + b) of a dense layer over n rows, with the weights `main` holds now. */
async function layerOutput(main: Trainer, layer: Dense, x: Float32Array, n: number): Promise<Float32Array> {
  const info = layer.layers[0]!;
  const out = tf.tidy(() => {
    const w = main.registry.get(info.weights[0]!).variable;
    const b = main.registry.get(info.biases[0]!).variable;
    return layer.activation.apply(tf.add(tf.matMul(tf.tensor2d(x, [n, layer.inDim]), w), b));
  });
  try {
    return (await out.data()) as Float32Array;
  } finally {
    out.dispose();
  }
}
