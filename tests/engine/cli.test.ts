import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { frameFromJson } from '../../src/engine/frame';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx/cli');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [tsx, 'scripts/experiment.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('one JSON object per step and run on stdout; the runs and notices about bad flags on stderr', () => {
  const r = cli('gradient-flow', '--steps=3', '--depth=2', '--gain=abc', '--colour=red', '--lr', '5');
  expect(r.code).toBe(0);
  const lines = r.stdout.trim().split('\n');
  expect(lines).toHaveLength(6);
  const frames = lines.map(frameFromJson);
  expect(frames.map((f) => [f.run, f.step])).toEqual([['a', 0], ['b', 0], ['a', 1], ['b', 1], ['a', 2], ['b', 2]]);
  expect(r.stderr).toContain('runs: a = A · Sigmoid · Xavier · gain 1; b = B · ReLU · He · gain 1');
  for (const f of frames) {
    expect(f.experiment).toBe('gradient-flow');
    expect(f.layers.map((l) => l.name)).toEqual(['dense1', 'dense2', 'output']);
    expect(Number.isFinite(f.loss)).toBe(true);
  }
  expect(r.stderr).toMatch(/--gain=abc .*default 1/);
  expect(r.stderr).toMatch(/--colour .*not a parameter/);
  expect(r.stderr).toMatch(/--lr=5 .*using 1/);
  expect(r.stderr).not.toMatch(/Hi, looks like/);
});

test('same flags and seed → same output; --seed changes it', () => {
  const a = cli('saturation', '--steps=2', '--depth=2', '--seed=5');
  const b = cli('saturation', '--steps=2', '--depth=2', '--seed=5');
  const c = cli('saturation', '--steps=2', '--depth=2', '--seed=6');
  expect(a.stdout).toBe(b.stdout);
  expect(c.stdout).not.toBe(a.stdout);
});

test('a diverging run prints its last frame with `diverged` and says so on stderr; the other run goes on; exits 0', () => {
  const r = cli('explosion', '--steps=25');
  expect(r.code).toBe(0);
  const frames = r.stdout.trim().split('\n').map(frameFromJson);
  const a = frames.filter((f) => f.run === 'a');
  const last = a.at(-1)!;
  expect(last.diverged).toMatchObject({ step: last.step, layer: expect.any(Number) });
  expect(r.stderr).toContain(`run a: diverged at step ${last.step}: `);
  const b = frames.filter((f) => f.run === 'b');
  expect(b.map((f) => f.step)).toEqual([...Array(25).keys()]);
  expect(b.some((f) => f.diverged)).toBe(false);
});

test('--run prints one run only, and stops with it; an unknown run fails with the list', () => {
  const b = cli('saturation', '--steps=2', '--depth=2', '--compare', '--run=b');
  expect(b.code).toBe(0);
  expect(b.stdout.trim().split('\n').map(frameFromJson).map((f) => [f.run, f.step])).toEqual([['b', 0], ['b', 1]]);
  const none = cli('saturation', '--steps=2', '--depth=2', '--run=b'); // compare is off by default here
  expect(none.code).toBe(2);
  expect(none.stderr).toMatch(/unknown run "b"; this session has: a/);
  expect(none.stdout).toBe('');
});

test('--help lists the declared params; an unknown id fails with the list', () => {
  const help = cli('explosion', '--help');
  expect(help.code).toBe(0);
  for (const p of ['--scale', '--depth', '--lr', '--steps', '--seed', '--run', '权重缩放', '--compare', '与第二组对比', '--scale2', 'Run B: Weight scale (× He)']) expect(help.stdout).toContain(p);
  expect(help.stdout).toMatch(/--scale2 .*\n.*default 1; run B's --scale, used with --compare/);
  expect(help.stdout).toMatch(/--seed .*int 0…999999/);
  const bad = cli('nope');
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/gradient-flow, saturation, explosion/);
});
