/** Small derived numbers that several experiments put in `frame.extras`. */
import type { Frame } from '../frame';

/** ‖∂L/∂W‖ of the first layer over that of the last (the output layer): ≪ 1 means vanishing towards the input. */
export function firstOverLast(frame: Frame): Record<string, number> {
  const first = frame.layers[0]!.gradNormW;
  const last = frame.layers[frame.layers.length - 1]!.gradNormW;
  return { firstOverLast: first / last };
}
