/**
 * The doctor on the site's own runs: `npm run experiment -- … --doctor` writes the log, the
 * doctor reads it, and its verdict is the one the engine's numbers call for — with the
 * step and layer of a divergence as the engine reports them on stderr.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { analyze, isProblem, type Analysis } from '../../src/doctor/analyze';
import { createLogParser } from '../../src/doctor/parse';
import { THRESHOLDS } from '../../src/doctor/thresholds';
import { defaults } from '../../src/engine/params';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx/cli');

function doctorLog(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [tsx, 'scripts/experiment.ts', ...args, '--doctor'], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done({ stdout, stderr }) : fail(new Error(`exit ${code}: ${stderr}`))));
  });
}

function diagnose(text: string): Analysis {
  const p = createLogParser();
  p.push(text);
  const r = p.end();
  expect(r.problems).toEqual([]);
  return analyze(r.log!, defaults(THRESHOLDS));
}

const kinds = (a: Analysis) => a.findings.filter(isProblem).map((f) => f.kind);

test('sigmoid, 20 layers: vanishing, dense1 against the output layer, on every step with a ratio', { timeout: 120_000 }, async () => {
  const { stdout } = await doctorLog('gradient-flow', '--activation=sigmoid', '--depth=20', '--compare=false', '--steps=60');
  const a = diagnose(stdout);
  expect(kinds(a)).toEqual(['vanishing']);
  const f = a.findings[0]!;
  if (f.kind !== 'vanishing') throw new Error('unreachable');
  expect([f.first, f.last]).toEqual(['dense1', 'output']);
  expect(f.count).toBe(f.of);
  expect(f.of).toBe(60);
  expect(f.median).toBeLessThan(1e-6);
  expect(f.layers).toContain('dense1');
  expect(a.checks.steps).toBe(60);
  expect(a.checks.layers).toBe(21);
});

test('ReLU with He init, 20 layers: healthy; first ÷ last stays within the lines', { timeout: 120_000 }, async () => {
  const { stdout } = await doctorLog('gradient-flow', '--activation=relu', '--init=he', '--depth=20', '--compare=false', '--steps=60');
  const a = diagnose(stdout);
  expect(kinds(a)).toEqual([]);
  expect(a.checks.ratio!.min).toBeGreaterThan(1e-2);
  expect(a.checks.ratio!.max).toBeLessThan(1e2);
  expect(a.checks.nonfinite).toBe(false);
});

test('explosion with weights at 2 × He: exploding, first non-finite at the engine\'s step and layer', { timeout: 60_000 }, async () => {
  const { stdout, stderr } = await doctorLog('explosion', '--scale=2', '--compare=false');
  const engine = /run a: diverged at step (\d+): (\w+) in layer (\w+)/.exec(stderr);
  expect(engine, stderr).not.toBeNull();
  const a = diagnose(stdout);
  expect(a.findings.find((x) => x.kind === 'nonfinite')).toMatchObject({ step: Number(engine![1]), quantity: engine![2], layer: engine![3] });
});

test('explosion with a learning rate warming up to 1: the global norm grows, then non-finite activations at the engine\'s step', { timeout: 60_000 }, async () => {
  const { stdout, stderr } = await doctorLog('explosion', '--compare=false');
  const engine = /run a: diverged at step (\d+): activation in layer dense(\d+)/.exec(stderr);
  expect(engine, stderr).not.toBeNull();
  const a = diagnose(stdout);
  expect(kinds(a)).toEqual(expect.arrayContaining(['nonfinite', 'growth']));
  const f = a.findings.find((x) => x.kind === 'nonfinite')!;
  if (f.kind !== 'nonfinite') throw new Error('unreachable');
  expect(f).toMatchObject({ step: Number(engine![1]), quantity: 'activation' });
  // The engine checks the pre-activations z; the log has the statistics of relu(z), where a −∞
  // becomes 0. So the doctor names the first layer whose activations themselves overflow: that
  // layer or a later one, never an earlier one.
  expect(Number(/dense(\d+)/.exec(f.layer!)![1])).toBeGreaterThanOrEqual(Number(engine![2]));
});
