/** A Python that imports torch and numpy, for the reproduction checks: $PYTHON, python3 on the PATH, or Debian's. */
import { spawnSync } from 'node:child_process';

export function findPython(): string | null {
  for (const py of [process.env['PYTHON'], 'python3', '/usr/bin/python3']) {
    if (py && spawnSync(py, ['-c', 'import torch, numpy'], { stdio: 'ignore' }).status === 0) return py;
  }
  return null;
}
