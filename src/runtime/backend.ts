/**
 * Picks and starts one tfjs backend inside the worker, importing only that backend.
 * Order (DESIGN.md): a real WebGPU adapter → wasm (SIMD) → webgl → cpu. A software
 * adapter (SwiftShader, or one the browser marks as fallback) is ~60× slower than
 * wasm, so it is used only when `?backend=webgpu` asks for it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { BACKENDS, type BackendName, type BackendNotice } from './protocol';

interface GpuAdapterLike {
  isFallbackAdapter?: boolean;
  info?: { architecture?: string; description?: string; vendor?: string };
}

export interface WebGpuProbe {
  available: boolean;
  software: boolean;
  name: string;
}

/** Looks at the adapter the browser would give us, before any tfjs WebGPU code is fetched. */
export async function probeWebGpu(): Promise<WebGpuProbe> {
  const gpu = (globalThis.navigator as { gpu?: { requestAdapter(o?: object): Promise<GpuAdapterLike | null> } }).gpu;
  if (!gpu) return { available: false, software: false, name: '' };
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' }).catch(() => null);
  if (!adapter) return { available: false, software: false, name: '' };
  const info = adapter.info ?? {};
  const name = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ');
  const software = adapter.isFallbackAdapter === true || /swiftshader/i.test(`${info.architecture} ${info.description}`);
  return { available: true, software, name };
}

async function load(name: BackendName, wasmPaths: Record<string, string>): Promise<void> {
  switch (name) {
    case 'webgpu':
      await import('@tensorflow/tfjs-backend-webgpu');
      return;
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      wasm.setWasmPaths(wasmPaths);
      return;
    }
    case 'webgl':
      await import('@tensorflow/tfjs-backend-webgl');
      return;
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      return;
  }
}

/** tfjs falls back silently: trust only `tf.getBackend()` after `tf.ready()`. */
async function tryStart(name: BackendName, wasmPaths: Record<string, string>): Promise<boolean> {
  try {
    await load(name, wasmPaths);
    if (!(await tf.setBackend(name))) return false;
    await tf.ready();
    return tf.getBackend() === name;
  } catch {
    return false;
  }
}

export interface StartedBackend {
  backend: BackendName;
  notice?: BackendNotice;
  adapter?: string;
}

export async function startBackend(forced: BackendName | undefined, wasmPaths: Record<string, string>): Promise<StartedBackend> {
  const gpu = await probeWebGpu();
  let notice: BackendNotice | undefined;

  if (forced) {
    const blocked = forced === 'webgpu' && !gpu.available;
    if (!blocked && (await tryStart(forced, wasmPaths))) {
      return { backend: forced, ...(forced === 'webgpu' ? { adapter: gpu.name } : {}) };
    }
    notice = { requested: forced, reason: blocked ? 'no-adapter' : 'failed' };
  }

  for (const name of BACKENDS) {
    if (name === forced) continue;
    if (name === 'webgpu' && (!gpu.available || gpu.software)) continue;
    if (await tryStart(name, wasmPaths)) {
      return { backend: name, ...(notice ? { notice } : {}), ...(name === 'webgpu' ? { adapter: gpu.name } : {}) };
    }
  }
  throw new Error('no TensorFlow.js backend could start');
}
