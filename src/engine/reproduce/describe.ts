/** A run plan (experiments/run.ts) as a RunSpec: what another framework needs to train the same run. */
import type { Dataset } from '../data';
import type { RunPlan } from '../experiments/run';
import type { Model, ParamDecl } from '../models/types';
import { BatchOrder } from '../train/batches';
import type { DataSpec, ModelSpec, ParamOut, PhaseSpec, RunSpec } from './spec';

/** Bytes as base64, in chunks (String.fromCharCode takes a bounded number of arguments). */
function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Little-endian, as every platform the site runs on stores them (and runtime.py reads them). */
export const float32Base64 = (a: Float32Array): string => base64(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
const int32Base64 = (a: Int32Array): string => base64(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

export function describeModel(model: Model): ModelSpec {
  return {
    blocks: model.blocks.map((b) => {
      if (!b.describe) throw new Error(`block ${b.name} cannot be described for another framework`);
      return b.describe();
    }),
    params: model.blocks.flatMap((b) => b.params.map((p) => p.name)),
    layers: model.layers.map((l) => ({ name: l.name, weights: [...l.weights], biases: [...l.biases] })),
  };
}

/** The model's parameters as declared: their initial values (the decls are never written to). */
export function describeParams(model: Model, keep: (p: ParamDecl) => boolean = () => true): ParamOut[] {
  return model.blocks.flatMap((b) => b.params).filter(keep).map((p) => ({
    name: p.name, shape: [...p.shape], role: p.role, trainable: p.trainable ?? true, values: float32Base64(p.values),
  }));
}

export function describeData(d: Dataset): DataSpec {
  const x = float32Base64(d.x);
  const y = float32Base64(d.y);
  return d.kind === 'tabular'
    ? { kind: 'tabular', name: d.name, n: d.n, inputDim: d.inputDim, outputDim: d.outputDim, x, y }
    : { kind: 'sequence', name: d.name, n: d.n, length: d.length, features: d.features, outputDim: d.outputDim, x, y };
}

function unreproducible(what: string): never {
  throw new Error(`${what} has no spec: it cannot be reproduced in another framework`);
}

/** The run as planned, for `steps` steps of its own training (after its phases). */
export function describeRun(plan: RunPlan, steps: number): RunSpec {
  const t = plan.trainer;
  const size = t.batchSize ?? t.data.n;
  let batches: RunSpec['batches'];
  if (size !== t.data.n) {
    const order = new BatchOrder(t.data, size, t.shuffleSeed ?? 0);
    const indices = new Int32Array(steps * size);
    for (let s = 0; s < steps; s++) indices.set(order.indices(s), s * size);
    batches = { size, indices: int32Base64(indices) };
  }
  const names = new Set(t.model.blocks.flatMap((b) => b.params.map((p) => p.name)));
  const phases = (plan.before ?? []).map((p): PhaseSpec => {
    const d = p.describe?.() ?? unreproducible(`phase ${p.name}`);
    d.optimizer.dispose();
    return {
      name: p.name, steps: p.steps, model: describeModel(d.model), params: describeParams(d.model, (q) => !names.has(q.name)),
      through: d.through, loss: d.loss, optimizer: d.optimizer.spec,
    };
  });
  return {
    name: plan.name,
    label: plan.label,
    start: plan.start ?? 0,
    steps,
    ...(plan.phase ? { phase: plan.phase.name } : {}),
    phases,
    model: describeModel(t.model),
    params: describeParams(t.model),
    data: describeData(t.data),
    ...(batches ? { batches } : {}),
    loss: t.loss,
    ...(typeof plan.metrics.tolerance === 'number' ? { tolerance: plan.metrics.tolerance } : {}),
    optimizer: t.optimizer.spec,
    transforms: (t.transforms ?? []).map((x) => x.spec ?? unreproducible('a gradient transform')),
    penalties: (t.penalties ?? []).map((x) => x.spec ?? unreproducible('a penalty')),
    proximal: (t.proximal ?? []).map((x) => x.spec ?? unreproducible('a proximal step')),
    ...(plan.evaluate ? { evaluate: plan.evaluate } : {}),
    ...(plan.validate ? { validate: { every: plan.validate.every, data: describeData(plan.validate.data) } } : {}),
  };
}
