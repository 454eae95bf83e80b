import { spawn } from 'node:child_process';
import { delimiter, resolve } from 'node:path';

const bin = resolve(import.meta.dirname, '..', 'node_modules', '.bin');

/** Runs a project binary (node_modules/.bin first on PATH), inheriting stdio; rejects on failure. */
export function run(cmd, args, env = {}) {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, {
      stdio: 'inherit',
      env: { ...process.env, ...env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` },
      shell: process.platform === 'win32',
    });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`${cmd} ${args.join(' ')} exited with ${code}`))));
  });
}
