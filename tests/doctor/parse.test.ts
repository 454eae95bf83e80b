/** Bad input: each problem named with its line; the rows that parse are kept. */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { createLogParser, parseNumber, type ParseResult } from '../../src/doctor/parse';
import { problemText } from '../../src/doctor/report';
import { doctorStrings } from '../../src/i18n/doctor-strings';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');

/** Parsed in pieces of `size` characters, as the worker feeds a file's stream. */
function parse(text: string, size = 7): ParseResult {
  const p = createLogParser();
  for (let i = 0; i < text.length; i += size) p.push(text.slice(i, i + size));
  return p.end();
}

const summary = (r: ParseResult) => r.problems.map((p) => [p.line, p.kind]);

test('CSV: a bad value, a short row, a negative step, no name, no value: each with its line; three rows kept', () => {
  const r = parse(fixture('bad-values.csv'));
  expect(summary(r)).toEqual([[3, 'not-a-number'], [6, 'field-count'], [7, 'bad-step'], [8, 'missing-value'], [9, 'no-values']]);
  expect(r.problemCount).toBe(5);
  expect(r.log!.rows).toBe(3);
  expect(r.log!.names).toEqual(['fc1.weight', 'fc3.weight']);
  expect([...r.log!.values.grad_norm!]).toEqual([0.001, 0.5, 0.001]);
  // The message a reader sees names the line, the column and what was there.
  expect(problemText(r.problems[0]!, doctorStrings.en)).toBe('Line 3: grad_norm is “abc”, not a number; the row is skipped.');
  expect(problemText(r.problems[1]!, doctorStrings.zh)).toBe('第 6 行：有 3 个字段，而表头有 4 个，已跳过这一行。');
});

test('a header without grad_norm, and data without a header, are refused at their line; nothing is read', () => {
  const missing = parse(fixture('missing-column.csv'));
  expect(summary(missing)).toEqual([[1, 'missing-column']]);
  expect(missing.log).toBeNull();
  expect(problemText(missing.problems[0]!, doctorStrings.en)).toContain('“grad_norm” is missing');
  const bare = parse(fixture('no-header.csv'));
  expect(summary(bare)).toEqual([[1, 'unknown-format']]);
  expect(bare.log).toBeNull();
  expect(summary(parse('\n# only a comment\n\n'))).toEqual([[3, 'unknown-format']]);
});

test('JSON lines as Python writes them (bare NaN): broken lines and an out-of-range share named; an unknown key ignored, its row kept', () => {
  const r = parse(fixture('python-json.jsonl'));
  expect(summary(r)).toEqual([[3, 'bad-json'], [4, 'bad-share'], [5, 'bad-json'], [6, 'unknown-column']]);
  expect(r.log!.rows).toBe(3);
  const g = r.log!.values.grad_norm!;
  expect(g[0]).toBe(0.001);
  expect(Number.isNaN(g[1]!)).toBe(true);
  expect(r.log!.format).toBe('jsonl');
});

test('numbers as writers spell them: nan, inf, -Infinity, 1e-07; not hex, not words', () => {
  expect(parseNumber('nan')).toBeNaN();
  expect(parseNumber('inf')).toBe(Infinity);
  expect(parseNumber('-Infinity')).toBe(-Infinity);
  expect(parseNumber(' 1e-07 ')).toBe(1e-7);
  expect(parseNumber('0x10')).toBeNull();
  expect(parseNumber('abc')).toBeNull();
  expect(parseNumber('')).toBeNull();
});

test('tab-separated, CRLF line ends, quoted names, steps out of order: all read', () => {
  const r = parse('step\tname\tgrad_norm\r\n1\t"a.weight"\t0.5\r\n0\tb\t0.25\r\n');
  expect(r.problemCount).toBe(0);
  expect(r.log!.names).toEqual(['a.weight', 'b']);
  expect([...r.log!.step]).toEqual([1, 0]);
});
