/**
 * Kernels of our own on the backends whose tensors are plain memory in this thread: cpu (a JS
 * array per tensor) and wasm (the module's heap). A kernel reads its inputs and writes its
 * outputs as Float32Arrays, and may call the backend's own kernels (its vectorised sigmoid on
 * wasm). Backends that keep data on the GPU (webgl, webgpu) get no such kernel: the ops that
 * use one fall back to tfjs ops there.
 */
import * as tf from '@tensorflow/tfjs-core';

/** One backend's tensors as Float32Arrays in this thread, and its own sigmoid kernel. */
export interface HostAccess {
  /** A view of t's data; on wasm valid until the next allocation (a heap growth moves the heap). */
  view(t: tf.TensorInfo): Float32Array;
  alloc(shape: readonly number[]): tf.TensorInfo;
  sigmoid(t: tf.TensorInfo): tf.TensorInfo;
  /** a·b by the backend's own BatchMatMul (XNNPACK on wasm, which caches b's packing by its data). */
  matMul(a: tf.TensorInfo, b: tf.TensorInfo): tf.TensorInfo;
  /** A 2-D tensor's transpose, by the backend's own Transpose. */
  transpose(t: tf.TensorInfo): tf.TensorInfo;
  free(t: tf.TensorInfo): void;
}

interface BackendLike {
  disposeData(id: tf.DataId, force?: boolean): boolean;
}
interface CpuLike extends BackendLike {
  data: { get(id: tf.DataId): { values: Float32Array } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo;
}
interface WasmLike extends BackendLike {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** One of the backend's registered kernels, run directly on its TensorInfos (no tape, no engine bookkeeping). */
function backendKernel(name: string, backendName: string, backend: unknown, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap = {}): tf.TensorInfo {
  return tf.getKernel(name, backendName)!.kernelFunc({ inputs, backend: backend as tf.KernelBackend, attrs }) as tf.TensorInfo;
}

/** HostAccess's calls of the backend's own kernels. */
const ownKernels = (name: string, backend: unknown) => ({
  sigmoid: (x: tf.TensorInfo) => backendKernel(tf.Sigmoid, name, backend, { x }),
  matMul: (a: tf.TensorInfo, b: tf.TensorInfo) =>
    backendKernel(tf.BatchMatMul, name, backend, { a, b }, { transposeA: false, transposeB: false } as unknown as tf.NamedAttrMap),
  transpose: (x: tf.TensorInfo) => backendKernel(tf.Transpose, name, backend, { x }, { perm: [1, 0] } as unknown as tf.NamedAttrMap),
});

export const hosts: Record<string, (backend: unknown) => HostAccess> = {
  cpu: (backend) => {
    const b = backend as CpuLike;
    return {
      view: (t) => b.data.get(t.dataId).values,
      alloc: (shape) => b.makeTensorInfo([...shape], 'float32', new Float32Array(size(shape))),
      ...ownKernels('cpu', backend),
      free: (t) => void b.disposeData(t.dataId, true),
    };
  },
  wasm: (backend) => {
    const b = backend as WasmLike;
    return {
      view: (t) => b.typedArrayFromHeap(t),
      alloc: (shape) => b.makeOutput([...shape], 'float32'),
      ...ownKernels('wasm', backend),
      free: (t) => void b.disposeData(t.dataId, true),
    };
  },
};

/** Allocates the outputs, then fills them from the inputs' views (taken after every allocation). */
export function compute(host: HostAccess, shapes: readonly number[][], inputs: readonly tf.TensorInfo[], fill: (ins: Float32Array[], outs: Float32Array[]) => void): tf.TensorInfo[] {
  const outs = shapes.map((s) => host.alloc(s));
  fill(inputs.map((t) => host.view(t)), outs.map((t) => host.view(t)));
  return outs;
}

