import { describe, expect, test } from 'vitest';
import { experiments } from '../../src/engine/experiments/index';
import { coerceParams, defaults, defineParams, legendLabel, parseParam, SEED_PARAM, serializeParam, serializeParams, snapNumber, type ParamSpec } from '../../src/engine/params';

const specs = defineParams({
  depth: { kind: 'int', min: 1, max: 20, step: 1, default: 8, label: { en: 'Depth', zh: '深度' } },
  gain: { kind: 'float', min: 0.1, max: 4, step: 0.05, default: 1, label: { en: 'Gain', zh: '增益' } },
  lr: { kind: 'float', min: 0.0001, max: 1, step: 0.0001, default: 0.01, scale: 'log', label: { en: 'Learning rate', zh: '学习率' } },
  act: { kind: 'choice', options: [{ value: 'relu', label: { en: 'ReLU', zh: 'ReLU' } }, { value: 'tanh', label: { en: 'tanh', zh: 'tanh' } }], default: 'tanh', label: { en: 'Activation', zh: '激活函数' } },
  bn: { kind: 'bool', default: false, label: { en: 'Batch norm', zh: '批规范化' } },
});

describe('coerceParams', () => {
  test('no input → defaults, no notices', () => {
    expect(coerceParams(specs, {})).toEqual({ values: { depth: 8, gain: 1, lr: 0.01, act: 'tanh', bn: false }, notices: [] });
  });

  test('valid values pass through untouched', () => {
    const { values, notices } = coerceParams(specs, { depth: '12', gain: '2.35', lr: '0.0003', act: 'relu', bn: 'true' });
    expect(values).toEqual({ depth: 12, gain: 2.35, lr: 0.0003, act: 'relu', bn: true });
    expect(notices).toEqual([]);
  });

  test('out of range → clamped to the bound', () => {
    const { values, notices } = coerceParams(specs, { depth: '99', gain: '-3' });
    expect(values.depth).toBe(20);
    expect(values.gain).toBe(0.1);
    expect(notices).toEqual([
      { param: 'depth', raw: '99', kind: 'clamped', value: 20 },
      { param: 'gain', raw: '-3', kind: 'clamped', value: 0.1 },
    ]);
  });

  test('off the grid → snapped to step (no float noise), with a notice', () => {
    const { values, notices } = coerceParams(specs, { depth: '7.6', gain: '0.33', lr: '0.012345' });
    expect(values).toMatchObject({ depth: 8, gain: 0.35, lr: 0.0123 });
    expect(notices.map((n) => [n.param, n.kind, n.value])).toEqual([['depth', 'clamped', 8], ['gain', 'clamped', 0.35], ['lr', 'clamped', 0.0123]]);
    expect(snapNumber(specs.gain, 0.1 + 0.05 * 3)).toBe(0.25);
  });

  test('junk → default with an "invalid" notice', () => {
    const raw = { depth: 'abc', gain: '', lr: 'NaN', act: 'sigmoid', bn: 'maybe' };
    const { values, notices } = coerceParams(specs, raw);
    expect(values).toEqual(defaults(specs));
    expect(notices).toEqual([
      { param: 'depth', raw: 'abc', kind: 'invalid', value: 8 },
      { param: 'gain', raw: '', kind: 'invalid', value: 1 },
      { param: 'lr', raw: 'NaN', kind: 'invalid', value: 0.01 },
      { param: 'act', raw: 'sigmoid', kind: 'invalid', value: 'tanh' },
      { param: 'bn', raw: 'maybe', kind: 'invalid', value: false },
    ]);
  });

  test('Infinity is junk, not a clamp to max', () => {
    expect(coerceParams(specs, { depth: 'Infinity' }).notices[0]!.kind).toBe('invalid');
  });

  test('unknown keys (prototype names too) → "unknown", ignored', () => {
    const { values, notices } = coerceParams(specs, { colour: 'red', __proto__: '1', constructor: 'x' } as Record<string, string>);
    expect(values).toEqual(defaults(specs));
    expect(notices.map((n) => n.kind)).toEqual(notices.map(() => 'unknown'));
    expect(notices.map((n) => n.param)).toEqual(expect.arrayContaining(['colour', 'constructor']));
  });

  test('lenient spellings: case of choices, yes/no/1/0 for booleans, spaces', () => {
    const { values, notices } = coerceParams(specs, { act: 'ReLU', bn: ' 1 ', depth: ' 3 ' });
    expect(values).toMatchObject({ act: 'relu', bn: true, depth: 3 });
    expect(notices).toEqual([]);
  });

  test('never throws, whatever comes in', () => {
    const junk: unknown[] = [null, undefined, 42, {}, [], 'x', { depth: null }, { depth: 3 }, { depth: { toString: null } }, Object.create(null)];
    for (const j of junk) expect(() => coerceParams(specs, j as Record<string, string>)).not.toThrow();
    // Random strings against every declared parameter of every experiment.
    let seed = 1;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = ['', '-', '.', 'e', '1', '9', '0', 'x', ' ', 'Infinity', 'NaN', '1e309', '0x10', '½', '١'];
    for (const exp of Object.values(experiments)) {
      for (let i = 0; i < 200; i++) {
        const raw: Record<string, string> = {};
        for (const key of [...Object.keys(exp.params), 'zzz']) raw[key] = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
        const { values } = coerceParams(exp.params as Record<string, ParamSpec>, raw);
        for (const [key, spec] of Object.entries(exp.params as Record<string, ParamSpec>)) {
          const v = values[key];
          if (spec.kind === 'int' || spec.kind === 'float') {
            expect(Number.isFinite(v)).toBe(true);
            expect(v as number).toBeGreaterThanOrEqual(spec.min);
            expect(v as number).toBeLessThanOrEqual(spec.max);
          }
        }
      }
    }
  });
});

describe('serializeParam', () => {
  test('round-trips through parseParam', () => {
    for (const [key, v] of [['depth', 12], ['gain', 0.35], ['lr', 0.0003], ['act', 'relu'], ['bn', true]] as const) {
      const spec = specs[key] as ParamSpec;
      const text = serializeParam(spec, v);
      expect(parseParam(spec, text)).toEqual({ ok: true, value: v, adjusted: false });
    }
    expect(serializeParam(specs.gain, 0.1 + 0.2)).toBe('0.3');
  });

  test('serializeParams can leave defaults out (short URLs)', () => {
    expect(serializeParams(specs, { ...defaults(specs), depth: 3 }, { omitDefaults: true })).toEqual({ depth: '3' });
  });
});

describe.each(Object.values(experiments))('declared params of $id', (exp) => {
  test('defaults are valid, on the grid, labelled in both languages, and round-trip', () => {
    const all = exp.params as Record<string, ParamSpec>;
    for (const [key, spec] of Object.entries(all)) {
      expect(spec.label.en.length, key).toBeGreaterThan(0);
      expect(spec.label.zh.length, key).toBeGreaterThan(0);
      if (spec.kind === 'choice') {
        expect(spec.options.map((o) => o.value)).toContain(spec.default);
        for (const o of spec.options) expect(o.label.zh.length).toBeGreaterThan(0);
      }
      if (spec.kind === 'int' || spec.kind === 'float') {
        expect(spec.min).toBeLessThan(spec.max);
        expect(snapNumber(spec, spec.default)).toBe(spec.default);
      }
    }
    const { values, notices } = coerceParams(all, serializeParams(all, defaults(all)));
    expect(notices).toEqual([]);
    expect(values).toEqual(defaults(all));
  });

  test('each run-B twin mirrors a declared param (same kind, range, options), with its own label', () => {
    const all = exp.params as Record<string, ParamSpec>;
    for (const [key, twin] of Object.entries(all)) {
      if (!twin.compareOf) continue;
      const { default: _d, label: _l, compareOf: _c, ...shape } = twin;
      const { default: _d0, label: _l0, ...original } = all[twin.compareOf]!;
      expect(key).toBe(`${twin.compareOf}2`);
      expect(shape).toEqual(original);
      expect(twin.label.en).not.toBe(all[twin.compareOf]!.label.en);
      expect(all.compare?.kind).toBe('bool');
    }
  });
});

describe('legendLabel', () => {
  test('an option by its short name (else its label), a number through its legend (else its label), a switch by its label', () => {
    expect(legendLabel(specs.act, 'relu')).toEqual({ en: 'ReLU', zh: 'ReLU' });
    expect(legendLabel({ ...specs.act, options: [{ value: 'relu', label: { en: 'ReLU (rectifier)', zh: 'ReLU（整流）' }, short: { en: 'ReLU', zh: '整流' } }] }, 'relu')).toEqual({ en: 'ReLU', zh: '整流' });
    expect(legendLabel({ ...specs.gain, legend: { en: 'σ = {v}', zh: 'σ = {v}' } }, 0.35)).toEqual({ en: 'σ = 0.35', zh: 'σ = 0.35' });
    expect(legendLabel(specs.lr, 0.1 + 0.2)).toEqual({ en: 'Learning rate 0.3', zh: '学习率 0.3' });
    expect(legendLabel(specs.bn, true)).toEqual({ en: 'Batch norm', zh: '批规范化' });
    expect(legendLabel(specs.bn, false)).toEqual({ en: 'no Batch norm', zh: '无批规范化' });
  });
});

describe('SEED_PARAM', () => {
  test('whole numbers 0…999 999, default 1; out of range clamped, junk dropped', () => {
    const seed = { seed: SEED_PARAM };
    expect(coerceParams(seed, {}).values.seed).toBe(1);
    expect(coerceParams(seed, { seed: '999999' })).toEqual({ values: { seed: 999_999 }, notices: [] });
    expect(coerceParams(seed, { seed: '4294967295' }).notices).toEqual([{ param: 'seed', raw: '4294967295', kind: 'clamped', value: 999_999 }]);
    expect(coerceParams(seed, { seed: '-1' }).notices).toEqual([{ param: 'seed', raw: '-1', kind: 'clamped', value: 0 }]);
    expect(coerceParams(seed, { seed: '2.5' }).values.seed).toBe(3);
  });
});

describe('sanitizeValues (typed input, e.g. a worker message)', () => {
  test('keeps valid values, fixes wrong types and ranges, fills gaps, drops extras; never throws', async () => {
    const { sanitizeValues } = await import('../../src/engine/params');
    expect(sanitizeValues(specs, { depth: 12, gain: 9, lr: '0.1', act: 'relu', bn: 1, extra: true })).toEqual({ depth: 12, gain: 4, lr: 0.01, act: 'relu', bn: false });
    expect(sanitizeValues(specs, null)).toEqual(defaults(specs));
    expect(sanitizeValues(specs, { depth: 1e9 }).depth).toBe(20);
  });
});
