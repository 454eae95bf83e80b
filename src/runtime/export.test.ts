import { describe, expect, it } from 'vitest';
import { frameFromJson, type Frame } from '../engine/frame';
import { flattenFrame, framesToCsv, framesToJson, type ExportMeta } from './export';

const frame = (run: string, step: number, extra: Partial<Frame> = {}): Frame => ({
  experiment: 'x', run, step, loss: 0.5 / (step + 1), globalNorm: 2, layers: [
    { name: 'dense1', gradNormW: 1e-8, gradNormB: 0, act: { mean: 0.5, std: 0.1, saturated: 0, dead: 0 }, histogram: { lo: -1, hi: 1, counts: [1, 2], under: 0, over: 0 } },
    { name: 'output', gradNormW: 3, gradNormB: 1 },
  ],
  ...extra,
});

describe('taking a widget’s numbers away', () => {
  it('flattens a frame: dotted paths, layers by name, arrays by 1-based index, histograms left to the JSON', () => {
    const f = flattenFrame(frame('a', 3, { phase: 'finetune', gradNormH: [1, 0.5], extras: { r: 1e-7 }, validation: { loss: 0.2 } }));
    expect(f).toMatchObject({
      run: 'a', step: 3, phase: 'finetune', loss: 0.125, 'gradNormH.1': 1, 'gradNormH.2': 0.5, 'extras.r': 1e-7, 'validation.loss': 0.2,
      'dense1.gradNormW': 1e-8, 'dense1.act.mean': 0.5, 'output.gradNormB': 1,
    });
    expect(Object.keys(f).some((k) => k.includes('histogram') || k.includes('experiment'))).toBe(false);
  });

  it('writes every frame of every run as a CSV row, a missing number as an empty cell, NaN and ∞ as words', () => {
    const frames = new Map([['a', [frame('a', 0), frame('a', 1, { loss: NaN, diverged: { step: 1, quantity: 'loss', layer: null, layerName: null, value: 'nan' } })]], ['b', [frame('b', 0, { loss: Infinity })]]]);
    const [header, ...rows] = framesToCsv(frames).trimEnd().split('\n').map((l) => l.split(','));
    expect(header!.slice(0, 3)).toEqual(['run', 'step', 'loss']);
    expect(rows).toHaveLength(3);
    const col = (name: string) => rows.map((r) => r[header!.indexOf(name)]);
    expect(col('run')).toEqual(['a', 'a', 'b']);
    expect(col('loss')).toEqual(['0.5', 'NaN', 'Infinity']);
    expect(col('diverged.quantity')).toEqual(['', 'loss', '']);
    expect(col('dense1.gradNormW').map(Number)).toEqual([1e-8, 1e-8, 1e-8]);
  });

  it('writes the frames by run with their provenance as JSON that reads back, non-finite numbers included', () => {
    const meta: ExportMeta = { widget: 'x', title: 'X', chapter: 'c', lang: 'en', url: 'http://h/en/c/?x.seed=2#widget-x', params: { depth: 3 }, seed: 2, backend: 'wasm', version: '0.1.0', date: '2026-12-02T12:00:00.000Z' };
    const text = framesToJson(meta, [], new Map([['a', [frame('a', 0, { loss: NaN })]]]));
    const back = JSON.parse(text, (k, v) => (k === 'frames' ? Object.fromEntries(Object.entries(v as Record<string, unknown[]>).map(([run, list]) => [run, list.map((f) => frameFromJson(JSON.stringify(f)))])) : v)) as { frames: Record<string, Frame[]> } & ExportMeta;
    expect(back).toMatchObject({ ...meta, runs: [] });
    expect(back.frames['a']![0]!.loss).toBeNaN();
    expect(back.frames['a']![0]!.layers[0]!.gradNormW).toBe(1e-8);
  });
});
