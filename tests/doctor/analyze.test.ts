/** The analysis on logs built to show one thing each, and the words and links the page makes of it. */
import { expect, test } from 'vitest';
import { analyze, isBiasName, isProblem, MAX_CELLS } from '../../src/doctor/analyze';
import { csvHeader, csvLine, type LogRow, type MeasureKey } from '../../src/doctor/format';
import { createLogParser } from '../../src/doctor/parse';
import { REMEDIES, remedyHref } from '../../src/doctor/remedies';
import { checksText, verdict } from '../../src/doctor/report';
import { THRESHOLDS } from '../../src/doctor/thresholds';
import { defaults } from '../../src/engine/params';
import { doctorStrings } from '../../src/i18n/doctor-strings';

const th = defaults(THRESHOLDS);

function analyzeRows(rows: LogRow[], measures: MeasureKey[] = ['loss'], t = th) {
  const p = createLogParser();
  p.push([csvHeader(measures), ...rows.map((r) => csvLine(r, measures))].join('\n'));
  const r = p.end();
  expect(r.problems).toEqual([]);
  return analyze(r.log!, t);
}

/** `layers` weights (and a bias each, which is not compared) over `steps` steps; grad(layer, step). */
function log(layers: number, steps: number, grad: (l: number, s: number) => number, extra: (l: number, s: number) => Partial<LogRow> = () => ({})): LogRow[] {
  const rows: LogRow[] = [];
  for (let s = 0; s < steps; s++) {
    for (let l = 0; l < layers; l++) {
      rows.push({ step: s, name: `fc${l}.weight`, grad_norm: grad(l, s), ...(l === 0 ? { loss: 1 / (1 + s) } : {}), ...extra(l, s) });
      rows.push({ step: s, name: `fc${l}.bias`, grad_norm: 1e3 });
    }
  }
  return rows;
}

test('biases are told apart by name in PyTorch, Keras and tfjs spellings', () => {
  for (const n of ['fc1.bias', 'dense/bias', 'dense_Dense1/bias', 'bn1.beta', 'layer.b']) expect(isBiasName(n), n).toBe(true);
  for (const n of ['fc1.weight', 'dense/kernel', 'bn1.gamma', 'embedding']) expect(isBiasName(n), n).toBe(false);
});

test('vanishing: 10× per layer over 5 layers, first ÷ last = 1e-4 on every step; the biases (1e3) do not hide it', () => {
  const a = analyzeRows(log(5, 40, (l) => 10 ** (l - 4)));
  expect(a.findings.map((f) => f.kind)).toEqual(['vanishing']);
  expect(a.findings[0]).toMatchObject({ first: 'fc0.weight', last: 'fc4.weight', count: 40, of: 40, from: 0, to: 39, layers: ['fc0.weight', 'fc1.weight', 'fc2.weight'] });
  expect((a.findings[0] as { median: number }).median).toBeCloseTo(1e-4, 10);
  const [v] = verdict(a, doctorStrings.en, 'en');
  expect(v!.evidence[0]).toBe('‖∇fc0.weight‖ ÷ ‖∇fc4.weight‖ was below 0.01 on 40 of 40 steps (longest stretch: steps 0–39); median 1e-4.');
  // The same log with the line at 1e-5 is healthy, and says what it checked.
  const relaxed = analyzeRows(log(5, 40, (l) => 10 ** (l - 4)), ['loss'], { ...th, vanish: 1e-5 });
  expect(relaxed.findings).toEqual([]);
  expect(verdict(relaxed, doctorStrings.zh, 'zh')[0]!.title).toBe('没有梯度消失或梯度爆炸的迹象');
  expect(checksText(relaxed, { ...th, vanish: 1e-5 }, doctorStrings.en, 'en')[1]).toBe('First ÷ last weight (fc0.weight ÷ fc4.weight) stayed between 1e-4 and 1e-4 (median 1e-4); the lines are 1e-5 and 100000.');
});

test('exploding: the weights’ gradients ×2 a step, then Infinity at step 30 in fc2; growth, spikes and the first non-finite value', () => {
  const a = analyzeRows(log(4, 40, (l, s) => (s >= 30 && l >= 2 ? Infinity : s >= 31 ? NaN : 2 ** s)));
  const kinds = a.findings.map((f) => f.kind);
  expect(kinds).toContain('nonfinite');
  expect(kinds).toContain('growth');
  expect(a.findings.find((f) => f.kind === 'nonfinite')).toMatchObject({ step: 30, quantity: 'gradient', layer: 'fc2.weight', value: 'inf' });
  const growth = a.findings.find((f) => f.kind === 'growth') as { factor: number };
  expect(growth.factor).toBeGreaterThan(1e4);
});

test('a loss that goes NaN before any gradient is named as the loss; activations come before both', () => {
  const loss = analyzeRows(log(3, 10, () => 1, (l, s) => (l === 0 && s === 6 ? { loss: NaN } : {})));
  expect(loss.findings[0]).toMatchObject({ kind: 'nonfinite', step: 6, quantity: 'loss', layer: null, value: 'nan' });
  const act = analyzeRows(log(3, 10, (l, s) => (s === 6 ? NaN : 1), (l, s) => ({ act_mean: s === 6 && l === 1 ? Infinity : 0.5 })), ['loss', 'act_mean']);
  expect(act.findings[0]).toMatchObject({ kind: 'nonfinite', step: 6, quantity: 'activation', layer: 'fc1.weight', column: 'act_mean' });
});

test('one spike is a note, not a problem: the verdict stays healthy and names it', () => {
  const a = analyzeRows(log(3, 60, (_, s) => (s === 40 ? 1e5 : 1)));
  expect(a.findings.map((f) => [f.kind, isProblem(f)])).toEqual([['spikes', false]]);
  const v = verdict(a, doctorStrings.en, 'en');
  expect(v.map((f) => f.kind)).toEqual(['healthy', 'spikes']);
  expect(v[1]!.evidence[0]).toMatch(/largest: step 40 \(× 100\)/);
});

test('dead layers (exact zeros to the end), saturation and dead units from the activation statistics', () => {
  const a = analyzeRows(
    log(3, 40, (l, s) => (l === 1 && s >= 25 ? 0 : 1), (l) => ({ act_saturated: l === 0 ? 0.9 : 0.1, act_dead: l === 2 ? 0.7 : 0 })),
    ['loss', 'act_saturated', 'act_dead'],
  );
  expect(a.findings.find((f) => f.kind === 'dead-layers')).toMatchObject({ layers: [{ name: 'fc1.weight', from: 25, steps: 15 }] });
  expect(a.findings.find((f) => f.kind === 'saturation')).toMatchObject({ layers: [{ name: 'fc0.weight', share: expect.closeTo(0.9, 12) }], from: 30 });
  expect(a.findings.find((f) => f.kind === 'dead-units')).toMatchObject({ layers: [{ name: 'fc2.weight', share: expect.closeTo(0.7, 12) }] });
});

test('a remedy opens its widget at the log’s depth, clamped to the widget’s range, other settings kept to the point', () => {
  const [explains] = REMEDIES.vanishing;
  expect(remedyHref(explains!, '/en/vanishing-gradients/', 12).href).toBe('/en/vanishing-gradients/?saturation.depth=12#widget-saturation');
  expect(remedyHref(explains!, '/en/vanishing-gradients/', 40).values['depth']).toBe(20);
  const dead = REMEDIES.dead[0]!;
  expect(remedyHref(dead, '/en/activation-functions/', 9).href).toBe('/en/activation-functions/?activation.depth=9#widget-activation');
});

test('the charts get at most MAX_CELLS heatmap cells: 1 000 names × 200 steps come in columns of several steps', () => {
  const a = analyzeRows(log(500, 200, () => 1));
  expect(a.charts.rows.length).toBe(1000);
  expect(a.charts.grad.length).toBeLessThanOrEqual(MAX_CELLS);
  expect(a.charts.stride).toBe(14);
  expect(a.charts.x.length).toBe(15);
});
