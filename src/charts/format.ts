/**
 * Number formatting for tick labels and data tables. No language text here:
 * only digits and signs, written the same in both of the site's languages.
 */

import type { Lang } from '../i18n/locales.ts';

/** The site's language type, under the name the charts' callers know. */
export type { Lang as Locale };

/**
 * `v` with at most `digits` significant digits in plain decimal form, trailing zeros dropped,
 * optionally with thousands commas: what Intl.NumberFormat writes for both of the site's
 * languages (format.test.ts checks it against Intl), without the ~40 ms the first
 * Intl.NumberFormat of a page spends loading locale data on a slow machine — a long task in
 * the middle of a widget starting. For SMALL ≤ |v| < LARGE, where String() writes no exponent.
 */
function decimal(v: number, digits: number, grouping: boolean): string {
  const plain = String(Number(v.toPrecision(digits)));
  if (!grouping) return plain;
  const dot = plain.indexOf('.');
  const int = dot < 0 ? plain : plain.slice(0, dot);
  return int.replace(/\B(?=(\d{3})+$)/g, ',') + (dot < 0 ? '' : plain.slice(dot));
}

/** Text for values that are not finite numbers (the same in both languages). */
const NON_FINITE_TEXT = { nan: 'NaN', posInf: '∞', negInf: '−∞', missing: '—' } as const;

/** Magnitudes outside [SMALL, LARGE) are written in exponent form. */
export const SMALL = 1e-3;
export const LARGE = 1e6;

function trimMantissa(m: string): string {
  return m.includes('.') ? m.replace(/\.?0+$/, '') : m;
}

/** `1.23e-5`, `2e7`: exponent form with `digits` significant digits, trailing zeros dropped. */
export function formatExp(v: number, digits = 3): string {
  const [m, e] = v.toExponential(Math.max(0, digits - 1)).split('e');
  return `${trimMantissa(m ?? '')}e${Number(e)}`;
}

export interface FormatOptions {
  /** significant digits (default 4) */
  digits?: number;
  /** thousands separators (default false: tables stay machine-readable) */
  grouping?: boolean;
}

/**
 * A value for a data table or tooltip: `NaN`, `∞`, `−∞`, `—` (missing) for
 * non-numbers; exponent form for tiny/huge magnitudes; otherwise decimal form with
 * `digits` significant digits. `locale` is the reader's language: both of the site's
 * write numbers alike today.
 */
export function formatNumber(
  v: number | null | undefined,
  locale: Lang,
  { digits = 4, grouping = false }: FormatOptions = {},
): string {
  if (v === null || v === undefined) return NON_FINITE_TEXT.missing;
  if (Number.isNaN(v)) return NON_FINITE_TEXT.nan;
  if (v === Infinity) return NON_FINITE_TEXT.posInf;
  if (v === -Infinity) return NON_FINITE_TEXT.negInf;
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < SMALL || a >= LARGE) return formatExp(v, digits);
  return decimal(v, digits, grouping);
}

/** A share as a percentage, whole by default (one decimal below 1 %, so a small share never reads 0 %); '—' when not finite. */
export const formatPercent = (x: number, digits = x > 0 && x < 0.01 ? 1 : 0) => (Number.isFinite(x) ? `${(100 * x).toFixed(digits)}%` : '—');

/** Linear-axis tick label: grouped digits, exponent form for extremes. */
export function formatTick(v: number, locale: Lang): string {
  if (Math.abs(v) < 1e-12) return '0';
  return formatNumber(v, locale, { digits: 6, grouping: true });
}

const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴',
  '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻',
};

/** `10⁻⁶` for exponent -6. */
export function formatPow10(exponent: number): string {
  const e = String(Math.round(exponent));
  let s = '10';
  for (const ch of e) s += SUPERSCRIPT[ch] ?? ch;
  return s;
}

/** True when `v` is (within floating error) an integer power of ten. */
export function isPow10(v: number): boolean {
  if (!(v > 0) || !Number.isFinite(v)) return false;
  const e = Math.log10(v);
  return Math.abs(e - Math.round(e)) < 1e-9;
}

/**
 * Log-axis tick label. With `pow` (used when the axis spans extreme
 * magnitudes) decades read `10⁻⁶` and the 2× / 5× ticks between them
 * `5×10⁵`, in the same notation; all ticks of a tame axis use {@link formatTick}.
 */
export function formatLogTick(v: number, locale: Lang, pow: boolean): string {
  if (pow && isPow10(v)) return formatPow10(Math.log10(v));
  if (pow && v > 0 && Number.isFinite(v)) {
    const e = Math.floor(Math.log10(v) + 1e-9);
    const m = v / Math.pow(10, e);
    if (Math.abs(m - Math.round(m)) < 1e-9 && m >= 2 && m <= 9) return `${Math.round(m)}×${formatPow10(e)}`;
  }
  return formatTick(v, locale);
}

/** Pixels between x tick labels: the widest end label plus a gap (≥ 56). */
export function xTickSpacing(domain: readonly [number, number], locale: Lang, fontPx = 12): number {
  const w = Math.max(...domain.map((v) => estimateTextWidth(formatTick(v, locale), fontPx)));
  return Math.max(56, w + 28);
}

/** Half the width of the last x tick label: what must stay free right of the plot. */
export function xOverhang(domain: readonly [number, number], locale: Lang, fontPx = 12): number {
  return Math.ceil(estimateTextWidth(formatTick(domain[1], locale), fontPx) / 2) + 2;
}

/** Rough rendered width of a label in px (digits ≈ 0.6 em); used to size margins. */
export function estimateTextWidth(text: string, fontPx = 12): number {
  let w = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0x2e80) w += 1.0; // CJK: full width
    else if ('⁰¹²³⁴⁵⁶⁷⁸⁹⁻'.includes(ch)) w += 0.42;
    else if (ch === '.' || ch === ',' || ch === '1' || ch === 'i' || ch === 'l') w += 0.38;
    else w += 0.6;
  }
  return Math.ceil(w * fontPx);
}
