/** Small derived numbers that several experiments put in `frame.extras` (see run.ts `Extras`). */
import type { Frame } from '../frame';

/** ‖∂L/∂W‖ of the first layer over that of the last (the output layer): ≪ 1 means vanishing towards the input. */
export function firstOverLast(frame: Frame): number {
  return frame.layers[0]!.gradNormW / frame.layers[frame.layers.length - 1]!.gradNormW;
}

/** Spread of the last hidden layer's activations over that of the first (std over batch and units): how the forward signal grows or shrinks with depth. */
export function stdLastOverFirst(frame: Frame): number {
  const hidden = frame.layers.slice(0, -1);
  return (hidden.at(-1)?.act?.std ?? NaN) / (hidden[0]?.act?.std ?? NaN);
}

/** ‖∂L/∂W‖ of the first hidden layer over that of the last hidden layer: r of the remedy chapters, both ends inside the body of the net. */
export function firstOverLastHidden(frame: Frame): number {
  const hidden = frame.layers.slice(0, -1);
  return (hidden[0]?.gradNormW ?? NaN) / (hidden.at(-1)?.gradNormW ?? NaN);
}

/** Share of hidden units flat for every sample of the batch (act.dead), over all hidden layers: dead ReLUs. */
export function deadShare(frame: Frame): number {
  const hidden = frame.layers.slice(0, -1);
  return hidden.reduce((sum, l) => sum + (l.act?.dead ?? NaN), 0) / hidden.length;
}
