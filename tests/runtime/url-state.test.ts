/** A reader's junk in the query string: every part of it is either used or reported, never thrown. */
import { expect, test } from 'vitest';
import { defineParams } from '../../src/engine/params';
import { readPageState, readWidgetState } from '../../src/runtime/url-state';
import { shorten } from '../../src/runtime/widget-dom';

const specs = defineParams({
  depth: { kind: 'int', min: 1, max: 20, step: 1, default: 8, label: { en: 'Depth', zh: '深度' } },
});

test('widget keys: clamped, invalid and unknown values give notices; the seed is checked like a parameter', () => {
  const r = readWidgetState('w', specs, '?w.depth=99&w.colour=red&w.seed=-1&other.depth=3');
  expect(r.values).toEqual({ depth: 20 });
  expect(r.seed).toBe(0);
  expect(r.notices.map((n) => n.kind === 'param' && [n.notice.param, n.notice.kind])).toEqual([['depth', 'clamped'], ['colour', 'unknown'], ['seed', 'clamped']]);
});

test('page keys: a junk backend and a page-level seed are reported; other widgets’ keys are theirs', () => {
  expect(readPageState('?backend=wasm', ['w'])).toEqual({ backend: 'wasm', notices: [] });
  const r = readPageState('?backend=quantum&seed=-1&w.depth=3&other.x=1', ['w', 'other']);
  expect(r.backend).toBeUndefined();
  expect(r.notices).toEqual([{ kind: 'backend-junk', raw: 'quantum' }, { kind: 'page-param', key: 'seed', raw: '-1' }]);
});

test('a 5 000-character value is echoed shortened', () => {
  const junk = 'x'.repeat(5000);
  const echoed = shorten(junk);
  expect(echoed.length).toBeLessThanOrEqual(40);
  expect(echoed.endsWith('…')).toBe(true);
  expect(shorten('短的值')).toBe('短的值');
  // characters, not UTF-16 units: an emoji is not cut in half
  expect([...shorten('😀'.repeat(100))].slice(0, -1).every((c) => c === '😀')).toBe(true);
});
