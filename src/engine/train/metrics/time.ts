/**
 * Metrics of recurrent layers, over time: ‖∂L/∂h_t‖ (and ‖∂L/∂c_t‖) for every
 * time step t, as a series, from the probes a recurrent layer puts on each
 * state (models/recurrent.ts); and the LSTM's mean forget gate, from the
 * gate values the layer hands over through ForwardContext.observe.
 */
import { forgetGateMean, LSTM_GATES } from '../../ops/lstm-cell';
import type { Label } from '../../params';
import { defineMetric } from './types';

/**
 * A series over time, one norm per time step t = 1…T, from the probes on state `state`
 * (the squares the trainer packs for every probe, put in time order), as frame field `key`.
 */
function stateSeries<const Id extends string>(id: Id, key: 'gradNormH' | 'gradNormC', state: 'h' | 'c', label: Label) {
  return defineMetric<Id, true>({
    id,
    fields: [{ per: 'step', key, label }],
    reads: ['probeGradients'],
    pack: () => {},
    read: (_v, _, ctx, frame) => {
      const out: number[] = [];
      ctx.probes.forEach((p, k) => {
        if (p.time !== undefined && p.state === state) out[p.time - 1] = Math.sqrt(ctx.probeSq[k]!);
      });
      frame[key] = out;
    },
    checked: (frame) => frame[key]!,
  });
}

/** ‖∂L/∂h_t‖, t = 1…T. */
export const timeGrads = stateSeries('timeGrads', 'gradNormH', 'h', { en: 'Gradient at each time step ‖∂L/∂h_t‖', zh: '各时间步的梯度 ‖∂L/∂h_t‖' });

/** The LSTM's ‖∂L/∂c_t‖, t = 1…T. */
export const cellGrads = stateSeries('cellGrads', 'gradNormC', 'c', { en: 'Cell-state gradient ‖∂L/∂c_t‖', zh: '细胞状态的梯度 ‖∂L/∂c_t‖' });

/** The mean forget gate, as the LSTM layer observed it (absent for other models: an error, not a silent 0). */
export const forgetGate = defineMetric<'forgetGate', true>({
  id: 'forgetGate',
  fields: [{ per: 'step', key: 'forgetGate', label: { en: 'Mean forget gate f_t', zh: '遗忘门的平均值 f_t' } }],
  reads: ['observed'],
  pack: (t, _, out) => {
    const gates = t.observed.get(LSTM_GATES);
    if (!gates) throw new Error('forgetGate: the model observed no LSTM gates (only an LSTM layer does)');
    out.add('mean', forgetGateMean(gates));
  },
  read: (v, _, _ctx, frame) => (frame.forgetGate = v.scalar('mean')),
});
