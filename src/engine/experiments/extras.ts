/** Small derived numbers that several experiments put in `frame.extras` (see run.ts `Extras`). */
import type { Frame } from '../frame';

/** ‖∂L/∂W‖ of the first layer over that of the last (the output layer): ≪ 1 means vanishing towards the input. */
export function firstOverLast(frame: Frame): number {
  return frame.layers[0]!.gradNormW / frame.layers[frame.layers.length - 1]!.gradNormW;
}
