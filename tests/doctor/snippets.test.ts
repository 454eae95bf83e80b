/**
 * The doctor page's logging snippets (src/doctor/snippets/) run as written, and what they write
 * is a log the doctor reads without a problem and diagnoses as their demos intend:
 *   pytorch_log.py    a 10-layer sigmoid MLP → vanishing (first ÷ last weight gradient < 1e-2);
 *   pytorch_hooks.py  a ReLU MLP at too large a learning rate → dead units in its ReLUs;
 *   tfjs_log.ts       a 10-layer sigmoid MLP on the tfjs cpu backend → vanishing;
 *   keras_callback.py only compiled: Keras and TensorFlow are not installed here.
 */
import * as tf from '@tensorflow/tfjs-core';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPython } from '../../scripts/find-python';
import { analyze, isProblem, type Finding } from '../../src/doctor/analyze';
import { createLogParser } from '../../src/doctor/parse';
import { THRESHOLDS } from '../../src/doctor/thresholds';
import { defaults } from '../../src/engine/params';
import { runDemo } from '../../src/doctor/snippets/tfjs_log';
import { useCpu } from '../engine/helpers';

const SNIPPETS = fileURLToPath(new URL('../../src/doctor/snippets/', import.meta.url));
const python = findPython();
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gc-snippets-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a snippet as a reader would (`python3 <file> <log>`) and returns the log it wrote. */
function runSnippet(file: string): string {
  const out = join(dir, file.replace(/\.py$/, '.csv'));
  const r = spawnSync(python!, [join(SNIPPETS, file), out], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  expect(r.status, `${file} exited ${r.status}: ${r.stderr}`).toBe(0);
  return readFileSync(out, 'utf8');
}

function diagnose(text: string) {
  const p = createLogParser();
  p.push(text);
  const { log, problems, problemCount } = p.end();
  expect(problems).toEqual([]);
  expect(problemCount).toBe(0);
  expect(log).not.toBeNull();
  return analyze(log!, defaults(THRESHOLDS));
}

function finding<K extends Finding['kind']>(findings: Finding[], kind: K): Extract<Finding, { kind: K }> {
  const f = findings.find((x) => x.kind === kind);
  expect(f, `no '${kind}' finding in ${JSON.stringify(findings.map((x) => x.kind))}`).toBeDefined();
  return f as Extract<Finding, { kind: K }>;
}

describe('logging snippets', () => {
  it('have a Python with torch and numpy (Debian: apt-get install python3-torch python3-numpy)', () => {
    expect(python).not.toBeNull();
  });

  it('pytorch_log.py: a deep sigmoid MLP, diagnosed as vanishing between its first and last Linear weights', () => {
    const { checks, findings } = diagnose(runSnippet('pytorch_log.py'));
    expect(checks).toMatchObject({ steps: 60, firstStep: 0, lastStep: 59, layers: 20, depth: 10, loss: true, act: false, nonfinite: false });
    expect(checks.compared).toEqual({ first: '0.weight', last: '18.weight' });
    const v = finding(findings, 'vanishing');
    expect(v).toMatchObject({ first: '0.weight', last: '18.weight', of: 60, from: 0, to: 59, lastZeroFrom: null });
    expect(v.count).toBe(60);
    expect(v.median).toBeGreaterThan(0);
    expect(v.median).toBeLessThan(1e-2);
    expect(checks.ratio!.max).toBeLessThan(1e-2); // on every step, not only most
    expect(v.layers).toContain('0.weight');
    expect(findings.filter(isProblem).map((f) => f.kind)).toEqual(['vanishing']);
  });

  it('pytorch_hooks.py: a ReLU MLP at too large a learning rate, diagnosed with dead units; grad rows from the tensor hooks', () => {
    const text = runSnippet('pytorch_hooks.py');
    const { checks, findings } = diagnose(text);
    expect(checks).toMatchObject({ steps: 60, act: true, loss: true, nonfinite: false });
    // Every parameter's gradient arrived through its hook, every step; activation rows carry no gradient.
    const rows = text.trim().split('\n').slice(1).map((l) => l.split(','));
    const params = ['fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias', 'fc3.weight', 'fc3.bias', 'out.weight', 'out.bias'];
    for (const name of params) expect(rows.filter((r) => r[1] === name && Number(r[2]) > 0), name).toHaveLength(60);
    expect(rows.filter((r) => r[1]!.startsWith('relu') && r[2] !== '')).toEqual([]);
    expect(rows.slice(0, 11).map((r) => r[1])).toEqual(['fc1.weight', 'fc1.bias', 'relu1', 'fc2.weight', 'fc2.bias', 'relu2', 'fc3.weight', 'fc3.bias', 'relu3', 'out.weight', 'out.bias']);
    expect(checks.compared).toEqual({ first: 'fc1.weight', last: 'out.weight' });
    const d = finding(findings, 'dead-units');
    const names = d.layers.map((l) => l.name);
    expect(names).toContain('relu3');
    for (const name of names) expect(name).toMatch(/^relu\d$/);
    for (const l of d.layers) expect(l.share).toBeGreaterThan(0.5);
    expect(d.layers.find((l) => l.name === 'relu3')!.share).toBeGreaterThan(0.9);
    expect(findings.some((f) => f.kind === 'saturation')).toBe(false); // ReLUs leave act_saturated empty
  });

  it('tfjs_log.ts: a deep sigmoid MLP on the cpu backend, diagnosed as vanishing', async () => {
    await useCpu();
    const before = tf.memory().numTensors;
    const text = runDemo(60);
    expect(tf.memory().numTensors, 'tensors left behind').toBe(before);
    const { checks, findings } = diagnose(text);
    expect(checks).toMatchObject({ steps: 60, layers: 20, depth: 10, loss: true, nonfinite: false });
    const v = finding(findings, 'vanishing');
    expect(v).toMatchObject({ first: 'dense0/kernel', last: 'dense9/kernel', of: 60 });
    expect(v.count).toBeGreaterThanOrEqual(0.9 * 60);
    expect(v.median).toBeGreaterThan(0);
    expect(v.median).toBeLessThan(1e-2);
    expect(findings.filter(isProblem).map((f) => f.kind)).toEqual(['vanishing']);
  });

  it('keras_callback.py compiles and writes the format\'s columns', () => {
    const file = join(SNIPPETS, 'keras_callback.py');
    const r = spawnSync(python ?? 'python3', ['-m', 'py_compile', file], { encoding: 'utf8', env: { ...process.env, PYTHONPYCACHEPREFIX: dir } });
    expect(r.status, r.stderr).toBe(0);
    const src = readFileSync(file, 'utf8');
    expect(src).toContain('["step", "name", "grad_norm", "weight_norm", "loss"]');
    expect(src).toMatch(/v\.path/); // Keras 3 variables' full names
    expect(src).toMatch(/Keras 3 with the TensorFlow backend/);
  });
});
