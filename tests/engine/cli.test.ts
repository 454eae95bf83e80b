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

test('one JSON object per step on stdout; notices about bad flags on stderr', () => {
  const r = cli('gradient-flow', '--steps=3', '--depth=2', '--gain=abc', '--colour=red', '--lr', '5');
  expect(r.code).toBe(0);
  const lines = r.stdout.trim().split('\n');
  expect(lines).toHaveLength(3);
  const frames = lines.map(frameFromJson);
  expect(frames.map((f) => f.step)).toEqual([0, 1, 2]);
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

test('a diverging run prints its last frame with `diverged`, says so on stderr, exits 0', () => {
  const r = cli('explosion', '--steps=50');
  expect(r.code).toBe(0);
  const last = frameFromJson(r.stdout.trim().split('\n').at(-1)!);
  expect(last.diverged).toMatchObject({ step: last.step, layer: expect.any(Number) });
  expect(r.stderr).toMatch(/diverged at step \d+/);
});

test('--help lists the declared params; an unknown id fails with the list', () => {
  const help = cli('explosion', '--help');
  expect(help.code).toBe(0);
  for (const p of ['--scale', '--depth', '--lr', '--steps', '--seed', '权重缩放']) expect(help.stdout).toContain(p);
  const bad = cli('nope');
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/gradient-flow, saturation, explosion/);
});
