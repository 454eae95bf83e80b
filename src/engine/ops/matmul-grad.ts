/**
 * The gradient of BatchMatMul (tf.matMul), replacing tfjs-core's.
 *
 * tfjs-core's gradient passes transpose flags to matMul (dA = dY·Bᵀ as
 * matMul(dY, B, false, true), dB = Aᵀ·dY as matMul(A, dY, true, false)).
 * The wasm backend runs a matMul with either flag set through a scalar
 * fallback loop instead of XNNPACK: measured in Node, [256×32]ᵀ·[256×32]
 * takes ~200 µs with a flag and ~35 µs as transpose + plain matMul. In a
 * training step those two products per dense layer were two thirds of the
 * time. So on wasm the operand is transposed explicitly; every other
 * backend keeps the flags, which cost nothing there (webgl/webgpu read
 * transposed in the shader; the cpu backend's loop handles both orders at
 * the same speed, while its transpose costs as much as the product).
 *
 * Same products, same shapes as tfjs-core's; only the summation order
 * inside the product may differ (float32 rounding).
 */
import { BatchMatMul, getBackend, matMul, transpose, type GradConfig, type NamedAttrMap, type Tensor } from '@tensorflow/tfjs-core';

/** Whether a matMul with a transpose flag is slow on the current backend (checked per call: the backend can change). */
function flagsAreSlow(): boolean {
  return getBackend() === 'wasm';
}

/** Swaps the last two axes (the batch axes, if any, stay in front). */
function swapInner(t: Tensor): Tensor {
  const r = t.rank;
  const perm = Array.from({ length: r }, (_, i) => (i < r - 2 ? i : 2 * r - 3 - i));
  return transpose(t, perm);
}

/** a·b with `ta` / `tb` meaning "use the transpose", without flags where flags are slow (wasm). */
export function product(a: Tensor, b: Tensor, ta: boolean, tb: boolean): Tensor {
  if (!flagsAreSlow() || (!ta && !tb)) return matMul(a, b, ta, tb);
  return matMul(ta ? swapInner(a) : a, tb ? swapInner(b) : b);
}

export const batchMatMulGradConfig: GradConfig = {
  kernelName: BatchMatMul,
  inputsToSave: ['a', 'b'],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[], attrs?: NamedAttrMap) => {
    const g = dy as Tensor;
    const [a, b] = saved as [Tensor, Tensor];
    const { transposeA, transposeB } = attrs as unknown as { transposeA: boolean; transposeB: boolean };
    // Y = op(A)·op(B); the four cases of tfjs-core's BatchMatMul_grad, written as products.
    if (!transposeA && !transposeB) return { a: () => product(g, b, false, true), b: () => product(a, g, true, false) };
    if (!transposeA && transposeB) return { a: () => product(g, b, false, false), b: () => product(g, a, true, false) };
    if (transposeA && !transposeB) return { a: () => product(b, g, false, true), b: () => product(a, g, false, false) };
    return { a: () => product(b, g, true, true), b: () => product(g, a, true, true) };
  },
};
