/**
 * Runs an experiment in Node on the tfjs cpu backend: the same code the
 * widget runs in its worker. One JSON object per step and run on stdout (JSON
 * lines, each with its `run`; non-finite numbers as "Infinity"/"NaN"
 * strings); the session's runs and notices on stderr.
 *
 *   npm run experiment -- <id> [--<param>=<v>] [--steps=N] [--seed=S] [--run=<name>]
 *   npm run experiment -- <id> --help      lists the declared parameters
 *   npm run experiment -- <id> [--<param>=<v>] [--seed=S] --pytorch=<file.py>
 *                                          writes the same experiment as a PyTorch script instead
 *   npm run experiment -- <id> [--<param>=<v>] --doctor[=csv|jsonl] [--run=<name>]
 *                                          prints one run's log in the gradient doctor's format (src/doctor/format.ts)
 *
 * Flags come from the experiment's declared params (a comparison's `compare`
 * and run-B twins included); nothing is listed twice.
 */
import type { NumberParam, ParamNotice, ParamSpec } from '../src/engine/params';
import './tfjs-node-resolve';

const tf = await import('@tensorflow/tfjs-core');
await import('@tensorflow/tfjs-backend-cpu');
const { EXPERIMENT_IDS, getExperiment } = await import('../src/engine/experiments/index');
const { frameToJson } = await import('../src/engine/frame');
const { doctorWriter } = await import('../src/doctor/from-frames');
type Frame = import('../src/engine/frame').Frame;
const { coerceParams, parseParam, seedParam, SEED_PARAM, serializeParam } = await import('../src/engine/params');

const RUN_FLAGS: Record<'steps' | 'seed', NumberParam> = {
  steps: { kind: 'int', min: 0, max: 1_000_000, step: 1, default: -1, label: { en: 'Steps', zh: '步数' } },
  seed: SEED_PARAM,
};

function parseArgs(argv: string[]): { positional: string[]; flags: Record<string, string>; help: boolean } {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') help = true;
    else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      if (eq >= 0) flags[arg.slice(2, eq)] = arg.slice(eq + 1);
      else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) flags[arg.slice(2)] = argv[++i]!;
      else flags[arg.slice(2)] = 'true'; // a bare boolean flag
    } else positional.push(arg);
  }
  return { positional, flags, help };
}

function describe(spec: ParamSpec): string {
  const twin = spec.compareOf ? `; run B's --${spec.compareOf}, used with --compare` : '';
  switch (spec.kind) {
    case 'int':
    case 'float':
      return `${spec.kind} ${spec.min}…${spec.max} step ${spec.step}${spec.scale === 'log' ? ' (log)' : ''}, default ${serializeParam(spec, spec.default)}${twin}`;
    case 'choice':
      return `${spec.options.map((o) => o.value).join(' | ')}, default ${spec.default}${twin}`;
    case 'bool':
      return `true | false, default ${spec.default}${twin}`;
  }
}

function usage(id?: string): string {
  const exp = id ? getExperiment(id) : undefined;
  const lines = ['usage: npm run experiment -- <id> [--<param>=<value>] [--steps=N] [--seed=S] [--run=<name>]', ''];
  if (!exp) {
    lines.push('experiments:');
    for (const eid of EXPERIMENT_IDS) lines.push(`  ${eid.padEnd(16)} ${getExperiment(eid)!.title.en}`);
    lines.push('', 'npm run experiment -- <id> --help   lists its parameters');
    return lines.join('\n');
  }
  lines.push(`${exp.id}: ${exp.title.en} (chapter ${exp.chapter})`, '', 'parameters:');
  for (const [key, spec] of Object.entries(exp.params)) {
    lines.push(`  --${key.padEnd(12)} ${spec.label.en} / ${spec.label.zh}`, `  ${''.padEnd(14)} ${describe(spec)}`);
  }
  lines.push(
    `  --${'steps'.padEnd(12)} steps each run goes at most (default ${exp.steps})`,
    `  --${'seed'.padEnd(12)} random seed, shared by every run: ${describe(seedParam(exp.seed))}`,
    `  --${'run'.padEnd(12)} print only this run's frames (a, or b with --compare); default all`,
    `  --${'pytorch'.padEnd(12)} write the experiment as a self-contained PyTorch script to this file instead of running it`,
    `  --${'doctor'.padEnd(12)} print run a's (or --run's) log in the gradient doctor's format instead: csv (default) or jsonl`,
  );
  return lines.join('\n');
}

function noticeText(n: ParamNotice): string {
  switch (n.kind) {
    case 'clamped': return `notice: --${n.param}=${n.raw} is outside the allowed values; using ${String(n.value)}`;
    case 'invalid': return `notice: --${n.param}=${n.raw} is not a valid value; using the default ${String(n.value)}`;
    case 'unknown': return `notice: --${n.param} is not a parameter of this experiment; ignored`;
  }
}

async function main(): Promise<number> {
  const { positional, flags, help } = parseArgs(process.argv.slice(2));
  const id = positional[0];
  if (help || !id) {
    (help ? process.stdout : process.stderr).write(usage(id) + '\n');
    return help ? 0 : 2;
  }
  const exp = getExperiment(id);
  if (!exp) {
    process.stderr.write(`unknown experiment "${id}"; one of: ${EXPERIMENT_IDS.join(', ')}\n`);
    return 2;
  }
  for (const extra of positional.slice(1)) process.stderr.write(`notice: stray argument "${extra}" ignored\n`);

  const { steps: rawSteps, seed: rawSeed, run: runFlag, pytorch, doctor, ...paramFlags } = flags;
  const doctorFormat = doctor === undefined ? undefined : doctor === 'jsonl' ? 'jsonl' : 'csv';
  if (doctor !== undefined && !['true', 'csv', 'jsonl'].includes(doctor)) process.stderr.write(`notice: --doctor=${doctor} is not csv or jsonl; writing csv\n`);
  // The doctor reads one training's log: run a unless --run names another.
  const only = runFlag ?? (doctorFormat ? 'a' : undefined);
  const run: { steps: number; seed: number } = { steps: exp.steps, seed: exp.seed ?? SEED_PARAM.default };
  for (const [key, raw] of [['steps', rawSteps], ['seed', rawSeed]] as const) {
    if (raw === undefined) continue;
    const parsed = parseParam(RUN_FLAGS[key], raw);
    if (!parsed.ok) process.stderr.write(`notice: --${key}=${raw} is not a whole number; using ${run[key]}\n`);
    else {
      if (parsed.adjusted) process.stderr.write(`notice: --${key}=${raw} adjusted to ${String(parsed.value)}\n`);
      run[key] = parsed.value as number;
    }
  }
  const { values, notices } = coerceParams(exp.params, paramFlags);
  for (const n of notices) process.stderr.write(noticeText(n) + '\n');

  tf.env().set('PROD', true); // silences tfjs's "install tfjs-node" banner
  await tf.setBackend('cpu');
  await tf.ready();
  if (pytorch !== undefined) {
    const { writeFileSync } = await import('node:fs');
    const { pytorchScript, runtimeSource } = await import('./pytorch-script');
    writeFileSync(pytorch, pytorchScript(exp, values, { seed: run.seed, steps: run.steps }, runtimeSource()));
    process.stderr.write(`wrote ${pytorch}: python3 ${pytorch} [--steps N] [--json]\n`);
    return 0;
  }
  const session = exp.create(values, { seed: run.seed, steps: run.steps });
  try {
    const names = session.runs.map((r) => r.name);
    if (only !== undefined && !names.includes(only)) {
      process.stderr.write(`unknown run "${only}"; this session has: ${names.join(', ')}\n`);
      return 2;
    }
    process.stderr.write(`runs: ${session.runs.map((r) => `${r.name} = ${r.label.en}`).join('; ')}\n`);
    // With --run, stop when that run ends: the others train in lockstep but are not needed.
    const going = () => (only === undefined ? !session.done : session.state(only) === 'training');
    const toLines = doctorFormat ? doctorWriter(doctorFormat) : (frame: Frame) => [frameToJson(frame)];
    while (going()) {
      for (const frame of await session.next()) {
        if (only !== undefined && frame.run !== only) continue;
        if (!process.stdout.write(toLines(frame).join('\n') + '\n')) await new Promise((ok) => process.stdout.once('drain', ok));
        const d = frame.diverged;
        if (d) process.stderr.write(`run ${frame.run}: diverged at step ${d.step}: ${d.quantity}${d.layerName ? ` in layer ${d.layerName}` : ''}${d.param ? ` (${d.param})` : ''} is ${d.value === 'nan' ? 'NaN' : 'infinite'}\n`);
      }
    }
  } finally {
    session.dispose();
  }
  return 0;
}

// `| head` closes the pipe early: that is a normal way to stop.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
