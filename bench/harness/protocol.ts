/** Messages between the harness page (driven by scripts/bench.mjs) and bench/harness/worker.ts. */
import type { BackendName } from '../../src/runtime/protocol';

/**
 * What a subject steps: 'reference', the dense network of DESIGN.md (createReferenceWorkload /
 * bench/plain-mlp.ts), or 'recurrent', the LSTM of issue 9 (createRecurrentWorkload / bench/plain-lstm.ts).
 */
export type BenchWorkload = 'reference' | 'recurrent';

export type BenchSubject =
  | { kind: 'plain'; workload: BenchWorkload; variant: 'blocked' | 'simple'; seed: number }
  | { kind: 'tfjs'; workload: BenchWorkload; backend: BackendName; wasmPaths: Record<string, string>; seed: number };

export type ToBench =
  /** Build the workload (start the backend first); answers 'ready'. */
  | { type: 'init'; subject: BenchSubject }
  /**
   * Steps while fewer than `maxSteps` and under `maxMs`, and until both `minSteps` and `minMs`
   * are reached (always at least one step); answers 'samples'.
   */
  | { type: 'run'; maxSteps: number; maxMs: number; minSteps: number; minMs: number }
  /** Free the workload; answers 'disposed'. */
  | { type: 'dispose' };

export interface ReadyInfo {
  /** The backend that runs ('plain-js' / 'plain-js-simple' for the loops). */
  backend: string;
  /** WebGPU adapter (vendor architecture description) and whether it is a software one. */
  adapter?: string;
  software?: boolean;
  wasm?: { simd: boolean; threads: boolean };
  /** ms to import and start the backend and build the workload. */
  startMs: number;
  /** Whether the worker is cross-origin isolated: its clock then ticks in 5 µs, not 0.1 ms. */
  isolated: boolean;
}

export type FromBench =
  | ({ type: 'ready' } & ReadyInfo)
  | {
      type: 'samples';
      /** ms of each step, from its start until its gradient norms are back in JS. */
      samples: number[];
      /** Loss of the last step. */
      loss: number;
      /** Only in the answer that ran step 0: its loss and norms (reference: ‖∂L/∂W_l‖ per layer; recurrent: ‖∂L/∂h_t‖ per t). */
      first?: { loss: number; norms: number[] };
    }
  | { type: 'disposed'; tensors?: number }
  | { type: 'error'; message: string };
