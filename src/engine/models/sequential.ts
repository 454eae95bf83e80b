/** Blocks applied one after another; layers are numbered in forward order. */
import type * as tf from '@tensorflow/tfjs-core';
import type { Block, ForwardContext, LayerInfo, Model, ProbeSpec } from './types';

export class Sequential implements Model {
  readonly layers: readonly LayerInfo[];

  constructor(readonly blocks: readonly Block[], readonly inputDim: number, readonly outputDim: number) {
    this.layers = blocks.flatMap((b) => b.layers).map((l, index) => ({ ...l, index }));
  }

  probes(batchSize: number): ProbeSpec[] {
    return this.blocks.flatMap((b) => b.probes(batchSize));
  }

  forward(x: tf.Tensor, ctx: ForwardContext): tf.Tensor {
    let h = x;
    for (const block of this.blocks) h = block.forward(h, ctx);
    return h;
  }
}
