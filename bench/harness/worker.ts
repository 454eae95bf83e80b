/// <reference lib="webworker" />
/**
 * The benchmark's Web Worker (bundled by scripts/bench.mjs with esbuild): one
 * subject per worker, like the site's one training worker per page. A subject
 * is one workload — the engine's reference workload (dense, DESIGN.md) or its
 * recurrent reference workload (LSTM, issue 9) — either on one tfjs backend,
 * started by the site's own `startBackend` (src/runtime/backend.ts), or as the
 * plain-JS loops of the same network (bench/plain-mlp.ts, bench/plain-lstm.ts).
 * The page asks for steps in small batches, so the driver can interleave
 * subjects (paired timing, robust to a busy machine). Each step is timed from
 * its start until its gradient norms (per layer; per time step for the LSTM)
 * are back in JS (for tfjs: after `await data()`).
 */
import type { BenchSubject, FromBench, ReadyInfo, ToBench } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

interface Stepper {
  step(): Promise<ArrayLike<number>> | ArrayLike<number>;
  readonly loss: number;
  /** Tensors still allocated after disposing (tfjs only). */
  dispose(): number | undefined;
}

let stepper: Stepper | undefined;
let stepsDone = 0;

async function init(subject: BenchSubject): Promise<ReadyInfo> {
  const t0 = performance.now();
  if (subject.kind === 'plain') {
    const blocked = subject.variant !== 'simple';
    const net = subject.workload === 'recurrent'
      ? await (await import('../plain-lstm')).createPlainRecurrent({ seed: subject.seed, blocked })
      : (await import('../plain-mlp')).createPlainReference({ seed: subject.seed, blocked });
    stepper = { step: () => net.step(), get loss() { return net.loss; }, dispose: () => undefined };
    return { backend: subject.variant === 'simple' ? 'plain-js-simple' : 'plain-js', startMs: performance.now() - t0, isolated: self.crossOriginIsolated };
  }
  const tf = await import('@tensorflow/tfjs-core');
  const { probeWebGpu, startBackend } = await import('../../src/runtime/backend');
  const engine = await import('../../src/engine/index');
  const info: Partial<ReadyInfo> = {};
  if (subject.backend === 'webgpu') {
    const probe = await probeWebGpu();
    if (!probe.available) throw new Error('no WebGPU adapter');
    info.adapter = probe.name;
    info.software = probe.software;
  }
  // The harness page is cross-origin isolated for 5 µs timers (a non-isolated worker's clock ticks in
  // 0.1 ms); isolation would also let tfjs pick its multithreaded wasm, which the site, served
  // without COOP/COEP, never gets. So wasm stays single-threaded, as readers run it.
  if (subject.backend === 'wasm') {
    await import('@tensorflow/tfjs-backend-wasm'); // registers the flag; startBackend's import gets this same module
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  }
  const started = await startBackend(subject.backend, subject.wasmPaths);
  if (started.backend !== subject.backend) throw new Error(`${subject.backend} did not start (${started.notice?.reason ?? 'fell back'}; tfjs chose ${started.backend})`);
  if (subject.backend === 'wasm') {
    const env = tf.env();
    info.wasm = {
      simd: Boolean(await env.getAsync('WASM_HAS_SIMD_SUPPORT')),
      threads: Boolean(await env.getAsync('WASM_HAS_MULTITHREAD_SUPPORT')),
    };
  }
  const workload = subject.workload === 'recurrent' ? engine.createRecurrentWorkload({ seed: subject.seed }) : engine.createReferenceWorkload({ seed: subject.seed });
  stepper = {
    step: () => workload.step(),
    get loss() { return workload.loss; },
    dispose() {
      workload.dispose();
      return tf.memory().numTensors;
    },
  };
  return { ...info, backend: started.backend, startMs: performance.now() - t0, isolated: self.crossOriginIsolated };
}

async function run(msg: Extract<ToBench, { type: 'run' }>): Promise<FromBench> {
  if (!stepper) throw new Error('not initialised');
  const t0 = performance.now();
  const samples: number[] = [];
  let first: { loss: number; norms: number[] } | undefined;
  const more = () => {
    const n = samples.length;
    const elapsed = performance.now() - t0;
    if (n === 0) return true;
    return n < msg.maxSteps && elapsed < msg.maxMs && (n < msg.minSteps || elapsed < msg.minMs);
  };
  while (more()) {
    const s0 = performance.now();
    const norms = await stepper.step();
    samples.push(performance.now() - s0);
    if (stepsDone++ === 0) first = { loss: stepper.loss, norms: Array.from(norms) };
  }
  return { type: 'samples', samples, loss: stepper.loss, ...(first ? { first } : {}) };
}

async function handle(msg: ToBench): Promise<FromBench> {
  switch (msg.type) {
    case 'init':
      return { type: 'ready', ...(await init(msg.subject)) };
    case 'run':
      return run(msg);
    case 'dispose': {
      const tensors = stepper?.dispose();
      stepper = undefined;
      return { type: 'disposed', ...(tensors !== undefined ? { tensors } : {}) };
    }
  }
}

self.onmessage = (event: MessageEvent<ToBench>) => {
  handle(event.data).then(
    (reply) => self.postMessage(reply),
    (error: unknown) => self.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies FromBench),
  );
};
