/**
 * Build-time figures (src/figures/): every widget's default session, trained in Node on
 * tfjs cpu (as `npm run experiment` does) and drawn by its own view into static svg and
 * tables, for Widget.astro to ship as the widget's content before its script runs.
 *
 *   tsx scripts/figures.ts             all widgets → .cache/figures/figures.json
 *   tsx scripts/figures.ts --record <id> <file>   (internal) one session → file
 *   tsx scripts/figures.ts --sample <id> <file>   (internal) one doctor sample log → file
 *
 * The gradient doctor's sample logs (src/doctor/samples.ts) train here too, with the
 * same cache, and land in .cache/figures/doctor-samples.json for the page that serves them.
 *
 * A session is cached under a hash of the engine's sources, tfjs's version, the
 * experiment and its defaults: an unchanged widget is not trained again. Drawing is
 * redone on every build (seconds). Sessions train two at a time, one process each.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { registerHooks } from 'node:module';
import './tfjs-node-resolve';

// The views import their stylesheet; Node has nothing to do with it.
registerHooks({
  load(url, context, nextLoad) {
    if (url.endsWith('.css')) return { format: 'module', source: '', shortCircuit: true };
    return nextLoad(url, context);
  },
});

const tf = await import('@tensorflow/tfjs-core');
await import('@tensorflow/tfjs-backend-cpu');
tf.env().set('PROD', true);
await tf.setBackend('cpu');
await tf.ready();
const { frameFromJson, frameToJson } = await import('../src/engine/frame');
const { defaultConfig, recordSession, runOutcomes } = await import('../src/figures/session');
type SessionRecord = import('../src/figures/session').SessionRecord;
type WidgetFigures = import('../src/figures/load').WidgetFigures;
type StaticSlot = import('../src/figures/static-html').StaticSlot;
type Lang = import('../src/i18n/locales').Lang;

function writeRecord(file: string, rec: SessionRecord) {
  const { frames, ...head } = rec;
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, [JSON.stringify(head), ...frames.map((f) => frameToJson(f))].join('\n'));
  renameSync(tmp, file);
}

function readRecord(file: string): SessionRecord {
  const [head, ...lines] = readFileSync(file, 'utf8').split('\n');
  return { ...JSON.parse(head!), frames: lines.map(frameFromJson) };
}

const argv = process.argv.slice(2);
if (argv[0] === '--record') {
  writeRecord(argv[2]!, await recordSession(argv[1]!));
  process.exit(0);
}
if (argv[0] === '--sample') {
  const { recordSample } = await import('../src/doctor/record-sample');
  const tmp = `${argv[2]!}.tmp`;
  writeFileSync(tmp, await recordSample(argv[1]!));
  renameSync(tmp, argv[2]!);
  process.exit(0);
}

const { WIDGET_IDS, getWidget } = await import('../src/widgets/registry');
const { renderSlots } = await import('../src/figures/render');
const { mergeWidths, NARROW, WIDE } = await import('../src/figures/static-html');
const { langs } = await import('../src/i18n/locales');
const { FIGURES_FILE, DOCTOR_SAMPLES_FILE } = await import('../src/figures/load');
const FIGURES_DIR = dirname(FIGURES_FILE);

/** Every file under `dir`, sorted: what the engine's hash is made of. */
function files(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

const engineHash = (() => {
  const h = createHash('sha256');
  h.update(JSON.parse(readFileSync('node_modules/@tensorflow/tfjs-core/package.json', 'utf8')).version);
  for (const f of files('src/engine')) h.update(relative('.', f)).update(readFileSync(f));
  return h.digest('hex');
})();

function sessionFile(id: string): string {
  const { values, seed, steps } = defaultConfig(id);
  const key = createHash('sha256').update(engineHash).update(JSON.stringify({ id, values, seed, steps })).digest('hex').slice(0, 16);
  return join(FIGURES_DIR, `session-${id}-${key}.jsonl`);
}

const { SAMPLES } = await import('../src/doctor/samples');
const doctorHash = createHash('sha256').update(engineHash);
for (const f of ['src/doctor/format.ts', 'src/doctor/from-frames.ts', 'src/doctor/record-sample.ts']) doctorHash.update(readFileSync(f));
const doctorKey = doctorHash.digest('hex');

function sampleFile(id: string): string {
  const sample = SAMPLES.find((s) => s.id === id)!;
  const key = createHash('sha256').update(doctorKey).update(JSON.stringify(sample)).digest('hex').slice(0, 16);
  return join(FIGURES_DIR, `doctor-${id}-${key}.csv`);
}

type Job = { mode: '--record' | '--sample'; id: string; file: string; steps: number };

function record({ mode, id, file }: Job): Promise<number> {
  const t0 = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...process.execArgv, import.meta.filename, mode, id, file], { stdio: 'inherit' });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done(performance.now() - t0) : fail(new Error(`training ${id} for its figures exited with ${code}`))));
  });
}

mkdirSync(FIGURES_DIR, { recursive: true });
const t0 = performance.now();
const jobs: Job[] = [
  ...WIDGET_IDS.map((id) => ({ mode: '--record' as const, id, file: sessionFile(id), steps: defaultConfig(id).steps })),
  ...SAMPLES.map((s) => ({ mode: '--sample' as const, id: s.id, file: sampleFile(s.id), steps: s.steps })),
];
const todo = jobs.filter((j) => !existsSync(j.file));
const trained = new Map<string, number>();
// two at a time (the machines here have two cores); the longest first
const queue = [...todo].sort((a, b) => b.steps - a.steps);
await Promise.all(Array.from({ length: Math.min(2, availableParallelism(), queue.length) }, async () => {
  for (let job = queue.shift(); job; job = queue.shift()) trained.set(`${job.mode}:${job.id}`, await record(job));
}));
const trainMs = performance.now() - t0;

const t1 = performance.now();
const figures: Record<string, WidgetFigures> = {};
const report: string[] = [];
for (const id of WIDGET_IDS) {
  const rec = readRecord(sessionFile(id));
  const module = getWidget(id)!;
  const { view } = await module.view!();
  const slots: Partial<Record<Lang, Record<string, StaticSlot>>> = {};
  let bytes = 0;
  for (const lang of langs) {
    const wide = await renderSlots(module, view as never, lang, rec, WIDE);
    const narrow = await renderSlots(module, view as never, lang, rec, NARROW);
    slots[lang] = Object.fromEntries(mergeWidths(wide, narrow));
    bytes += Object.values(slots[lang]).reduce((n, s) => n + s.html.length, 0);
  }
  figures[id] = { seed: rec.seed, step: rec.lastStep, runs: runOutcomes(rec), slots: slots as WidgetFigures['slots'] };
  const t = trained.get(`--record:${id}`);
  report.push(`  ${id.padEnd(16)} step ${String(rec.lastStep).padStart(4)}  ${t === undefined ? 'cached' : `trained in ${(t / 1000).toFixed(1)} s`}  ${(bytes / langs.length / 1024).toFixed(0)} KB of markup per language`);
}
writeFileSync(FIGURES_FILE, JSON.stringify(figures));
writeFileSync(DOCTOR_SAMPLES_FILE, JSON.stringify(Object.fromEntries(SAMPLES.map((s) => [s.id, sampleFile(s.id)]))));
const drawMs = performance.now() - t1;
console.log(`figures: ${WIDGET_IDS.length} widgets and ${SAMPLES.length} doctor samples, ${todo.length} trained (${(trainMs / 1000).toFixed(1)} s, two at a time), all drawn (${(drawMs / 1000).toFixed(1)} s) → ${FIGURES_FILE}`);
console.log(report.join('\n'));
