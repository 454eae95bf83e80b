import { describe, expect, it } from 'vitest';
import { estimateTextWidth, formatExp, formatLogTick, formatNumber, formatPow10, formatTick, isPow10 } from './format.ts';

describe('formatNumber', () => {
  it('writes non-numbers without language text', () => {
    expect(formatNumber(NaN, 'en')).toBe('NaN');
    expect(formatNumber(Infinity, 'zh')).toBe('∞');
    expect(formatNumber(-Infinity, 'en')).toBe('−∞');
    expect(formatNumber(null, 'en')).toBe('—');
    expect(formatNumber(undefined, 'zh')).toBe('—');
    expect(formatNumber(0, 'en')).toBe('0');
  });
  it('uses exponent form for tiny and huge magnitudes', () => {
    expect(formatNumber(1.234567e-5, 'en')).toBe('1.235e-5');
    expect(formatNumber(3e-9, 'zh')).toBe('3e-9');
    expect(formatNumber(-2.5e-7, 'en')).toBe('-2.5e-7');
    expect(formatNumber(4.2e12, 'en')).toBe('4.2e12');
    expect(formatNumber(1e6, 'en')).toBe('1e6');
  });
  it('uses the locale decimal form in between, 4 significant digits', () => {
    expect(formatNumber(0.123456, 'en')).toBe('0.1235');
    expect(formatNumber(0.123456, 'zh')).toBe('0.1235');
    expect(formatNumber(0.001, 'en')).toBe('0.001');
    expect(formatNumber(12345.6, 'en')).toBe('12350');
    expect(formatNumber(12345.6, 'en', { grouping: true })).toBe('12,350');
    expect(formatNumber(42, 'zh', { digits: 8 })).toBe('42');
  });
  it('writes in between what Intl.NumberFormat writes for both languages', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let i = 0; i < 4000; i++) {
      const v = (random() < 0.3 ? -1 : 1) * 10 ** (-3 + 9 * random());
      if (Math.abs(v) >= 1e6) continue;
      const digits = [3, 4, 6, 8][i % 4]!;
      const grouping = i % 3 === 0;
      for (const [lang, tag] of [['en', 'en'], ['zh', 'zh-CN']] as const) {
        const intl = new Intl.NumberFormat(tag, { maximumSignificantDigits: digits, useGrouping: grouping }).format(v);
        expect(formatNumber(v, lang, { digits, grouping }), `${v} digits ${digits}`).toBe(intl);
      }
    }
  });
  it('formatExp trims trailing zeros', () => {
    expect(formatExp(1e-6)).toBe('1e-6');
    expect(formatExp(1.5e-6, 4)).toBe('1.5e-6');
  });
});

describe('ticks', () => {
  it('formats powers of ten with superscripts', () => {
    expect(formatPow10(-6)).toBe('10⁻⁶');
    expect(formatPow10(0)).toBe('10⁰');
    expect(formatPow10(12)).toBe('10¹²');
  });
  it('recognises powers of ten despite floating error', () => {
    expect(isPow10(1e-9)).toBe(true);
    expect(isPow10(Math.pow(10, -7))).toBe(true);
    expect(isPow10(2e-3)).toBe(false);
    expect(isPow10(0)).toBe(false);
  });
  it('log tick labels switch to 10ⁿ only on extreme axes', () => {
    expect(formatLogTick(1e-6, 'en', true)).toBe('10⁻⁶');
    expect(formatLogTick(0.1, 'en', false)).toBe('0.1');
    expect(formatLogTick(2e-6, 'en', true)).toBe('2×10⁻⁶');
    expect(formatLogTick(5e5, 'zh', true)).toBe('5×10⁵');
    expect(formatLogTick(500, 'en', false)).toBe('500');
  });
  it('linear ticks avoid float noise and group thousands', () => {
    expect(formatTick(0.1 + 0.2, 'en')).toBe('0.3');
    expect(formatTick(2000, 'en')).toBe('2,000');
    expect(formatTick(1e-15, 'en')).toBe('0');
  });
  it('estimates label widths', () => {
    expect(estimateTextWidth('10⁻⁶')).toBeLessThan(estimateTextWidth('1e-06'));
    expect(estimateTextWidth('层')).toBe(12);
  });
});
