// The table `npm run bench` prints: readable in a terminal and in a CI log.
import { kb } from './util.mjs';

export const BUDGETS = {
  beforeJsGzip: 10 * 1024,
  afterJsGzip: 250 * 1024,
  wasmOverPlainJs: 0.5,
  /** The recurrent reference workload (issue 9): wasm ≤ 15 ms a step, and ≤ the plain-JS LSTM loops. */
  recurrentWasmMs: 15,
  recurrentWasmOverPlainJs: 1,
  longTasks: 0,
  drawP95Ms: 8,
};

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const ms = (x) => (Number.isFinite(x) ? x.toFixed(2) : '—');
const verdict = (pass) => (pass ? 'PASS' : 'FAIL  <<<');

function table(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)));
  const right = head.map((h) => h.startsWith('>'));
  const line = (cells) => cells.map((c, i) => (right[i] ? lpad(c ?? '', widths[i]) : pad(c ?? '', widths[i]))).join('  ').trimEnd();
  return [line(head.map((h) => h.replace(/^>/, ''))), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The table of one workload's backends against its plain-JS loops. */
function workloadSection(w, { title, plainFile, normsNote, budget }) {
  const out = [];
  out.push(title);
  out.push('Batches of each backend\'s steps alternate with batches of plain-JS steps; "÷ plain JS" divides by the plain-JS steps run alongside.');
  out.push(w.isolated
    ? 'Timers: the harness is cross-origin isolated (5 µs clock); tfjs wasm is kept single-threaded, as on the site.'
    : 'Timers: the harness is not cross-origin isolated: times tick in 0.1 ms.');
  const rows = [];
  const range = (x) => `${ms(x.p10Ms)}–${ms(x.p90Ms)}`;
  rows.push(['plain JS (blocked loops)', ms(w.plainJs.medianMs), range(w.plainJs), w.plainJs.steps, '', '', '1.00', '', `${plainFile}, the yardstick`]);
  rows.push(['plain JS (simple loops)', ms(w.plainJsSimple.medianMs), range(w.plainJsSimple), w.plainJsSimple.steps, '', '', (w.plainJsSimple.medianMs / w.plainJs.medianMs).toFixed(2),
    w.plainJsSimple.firstNormsMaxRelDiffVsPlainJs != null ? w.plainJsSimple.firstNormsMaxRelDiffVsPlainJs.toExponential(0) : '', 'same maths, one sample at a time']);
  for (const b of w.backends) {
    const label = b.name === 'webgpu' && b.software ? 'webgpu (SOFTWARE: SwiftShader)' : b.name === 'wasm' && b.wasm ? `wasm (${b.wasm.simd ? 'SIMD' : 'no SIMD'}${b.wasm.threads ? ', threads' : ', 1 thread'})` : b.name;
    if (!b.ok) {
      rows.push([b.name, '—', '', '', '', '', '', '', `did not start: ${b.error}`]);
      continue;
    }
    // float32 against float64 sums agree to ~1e-6; more means this backend computes something else.
    const differs = b.firstNormsMaxRelDiffVsPlainJs != null && !(b.firstNormsMaxRelDiffVsPlainJs < 1e-3)
      ? `WRONG NUMBERS: step 0 differs from plain JS (loss ${b.firstLoss} vs ${w.plainJs.firstLoss})` : '';
    const note = [differs, b.name === 'webgpu' ? `adapter "${b.adapter}"` : '', b.tensorsAfterDispose ? `${b.tensorsAfterDispose} tensors left after dispose` : ''].filter(Boolean).join('; ');
    rows.push([label, ms(b.medianMs), range(b), b.steps, ms(b.firstStepMs), ms(b.pairedPlainJsMs), b.ratioToPlainJs.toFixed(2),
      b.firstNormsMaxRelDiffVsPlainJs != null ? b.firstNormsMaxRelDiffVsPlainJs.toExponential(0) : '', note]);
  }
  out.push(table(['backend', '>median ms/step', '>p10–p90', '>steps', '>first step', '>plain JS alongside', '>÷ plain JS', '>Δ‖g‖ step 0', 'note'], rows));
  const wasm = w.backends.find((b) => b.name === 'wasm');
  if (wasm?.ok) out.push(budget(wasm));
  else if (wasm) out.push(`wasm did not run: ${verdict(false)}`);
  out.push(`Δ‖g‖ step 0: largest relative difference of ${normsNote} from plain JS (same seed, same weights): all compute the same thing.`);
  out.push('');
  return out;
}

export function formatReport(r) {
  const out = [];
  out.push(`Gradient Clinic bench — ${r.meta.date}`);
  out.push(`${r.meta.browser} · ${r.meta.cpus} × ${r.meta.cpuModel} · dist built ${r.meta.distBuilt ?? '?'}`);
  const [l1] = r.meta.loadavgStart ?? [];
  if (l1 !== undefined && l1 > r.meta.cpus * 0.75) {
    out.push(`WARNING: the machine was busy when the bench started (load average ${r.meta.loadavgStart.map((x) => x.toFixed(1)).join(' ')} on ${r.meta.cpus} cores); absolute times are inflated, ratios less so.`);
  }
  out.push('');

  if (r.workload) {
    out.push(...workloadSection(r.workload, {
      title: 'Reference workload (10 dense layers 2→32…32→1, sigmoid, batch 256, MSE, SGD, per-layer ‖∂L/∂W‖ read back every step), each in a Web Worker.',
      plainFile: 'bench/plain-mlp.ts',
      normsNote: 'step 0\'s per-layer gradient norms',
      budget: (wasm) => `wasm ÷ plain JS = ${wasm.ratioToPlainJs.toFixed(2)} (budget ≤ ${BUDGETS.wasmOverPlainJs}): ${verdict(wasm.ratioToPlainJs <= BUDGETS.wasmOverPlainJs)}` +
        `   [against the simple loops: ${wasm.ratioToPlainJsSimple.toFixed(2)}]`,
    }));
  }

  if (r.recurrentWorkload) {
    out.push(...workloadSection(r.recurrentWorkload, {
      title: 'Recurrent reference workload (LSTM hidden 32, T = 50, forget bias 1, linear output on h_T; adding problem, batch 64, MSE, Adam 0.01; ‖∂L/∂h_t‖ for every t read back every step), each in a Web Worker.',
      plainFile: 'bench/plain-lstm.ts',
      normsNote: 'step 0\'s ‖∂L/∂h_t‖, t = 1…50',
      budget: (wasm) => `wasm ${ms(wasm.medianMs)} ms/step (budget ≤ ${BUDGETS.recurrentWasmMs}): ${verdict(wasm.medianMs <= BUDGETS.recurrentWasmMs)}` +
        `   wasm ÷ plain JS = ${wasm.ratioToPlainJs.toFixed(2)} (budget ≤ ${BUDGETS.recurrentWasmOverPlainJs}): ${verdict(wasm.ratioToPlainJs <= BUDGETS.recurrentWasmOverPlainJs)}` +
        `   [against the simple loops: ${wasm.ratioToPlainJsSimple.toFixed(2)}]`,
    }));
  }

  if (r.widgets) {
    out.push(`Each widget training two runs, from step 20 to the session's end, ?backend=wasm, built site, sessions pooled: drawing tasks (one chart each; performance measures 'draw:<widget>') and main-thread long tasks (> 50 ms)`);
    out.push(`Budgets: 0 long tasks; draw p95 < ${BUDGETS.drawP95Ms} ms.`);
    const rows = r.widgets.map((t) => {
      if (!t.ok) return [t.widget, t.backend ?? '', '', '', '', '', '', '', '', '', '', `${verdict(false)} ${t.error}`];
      const drawPass = t.draw.n > 0 && t.draw.p95 < BUDGETS.drawP95Ms;
      return [t.widget, t.backend ?? '', t.runs, t.sessions ?? 1, `${t.fromStep} → ${t.toStep}`, t.draw.n, ms(t.draw.p50), ms(t.draw.p95), ms(t.draw.max),
        t.draw.n ? verdict(drawPass) : `${verdict(false)} (no draw: measures)`, t.longTasks,
        `${verdict(t.longTasks <= BUDGETS.longTasks)}${t.longTasks ? `  ${t.durationsMs.map((d, i) => `${d} @${t.startsMs[i]}`).join(', ')}` : ''}`];
    });
    out.push(table(['widget', 'backend', '>runs', '>sessions', '>steps', '>draws', '>p50 ms', '>p95 ms', '>max ms', `p95 < ${BUDGETS.drawP95Ms}`, '>long tasks', 'budget 0 (ms @ session:ms into window)'], rows));
    out.push('');
  }

  if (r.bytes) {
    out.push(`JavaScript a chapter loads, gzip (level 9; external scripts, worker scripts and inline scripts)`);
    out.push(`(a) at the top after network idle, no scroll: budget ≤ ${kb(BUDGETS.beforeJsGzip)} KB   (b) after the widget trained ≥ 20 steps: budget ≤ ${kb(BUDGETS.afterJsGzip)} KB + .wasm`);
    const rows = r.bytes.map((p) => {
      const a = p.before;
      const b = p.after;
      const aPass = a.jsGzip <= BUDGETS.beforeJsGzip;
      const bPass = b ? b.jsGzip <= BUDGETS.afterJsGzip : null;
      return [
        p.page + (p.backendForced ? ` ?backend=${p.backendForced}` : ''),
        b?.widget?.backend ?? '',
        `${kb(a.jsGzip)} KB`,
        verdict(aPass),
        b ? `${kb(b.jsGzip)} KB` : '—',
        b ? (b.reachedStep20 ? verdict(bPass) : `${verdict(bPass)} (step ${b.widget?.step})`) : '',
        b?.wasmBytes ? `${kb(b.wasmBytes)} KB (${kb(b.wasmGzip)} gz)` : '—',
        b ? `${b.files.filter((f) => f.kind === 'js').length} + ${b.inlineScripts} inline` : '',
      ];
    });
    out.push(table(['page', 'backend', '>(a) JS before', '(a)', '>(b) JS after', '(b)', '>.wasm raw (gzip)', '>scripts'], rows));
    const early = r.bytes.filter((p) => p.before.widgetStatus && p.before.widgetStatus !== 'idle');
    if (early.length) out.push(`note: the widget had already left 'idle' at (a) on ${early.map((p) => `${p.page} (${p.before.widgetStatus})`).join(', ')}: it started before being scrolled to.`);
    const widest = r.bytes.filter((p) => p.after).sort((x, y) => y.after.jsGzip - x.after.jsGzip)[0];
    if (widest) {
      out.push(`largest payload: ${widest.page}${widest.backendForced ? ` ?backend=${widest.backendForced}` : ''} — ` +
        widest.after.files.filter((f) => f.kind === 'js').slice(0, 5).map((f) => `${f.path.split('/').pop()} ${kb(f.gzip)} KB`).join(', '));
    }
    out.push('');
  }

  if (r.html) {
    out.push('HTML of each chapter as built, and the part that is its widget’s build-time figures (svg, tables, readouts)');
    out.push(table(['page', '>HTML', '>HTML gzip', '>figures', '>figures gzip', '>figures share (gzip)'], r.html.map((h) => [
      h.page, `${kb(h.html)} KB`, `${kb(h.htmlGzip)} KB`, `${kb(h.figures)} KB`, `${kb(h.figuresGzip)} KB`, `${((100 * h.figuresGzip) / h.htmlGzip).toFixed(0)} %`,
    ])));
    out.push('');
  }

  if (r.draw) {
    out.push('Synthetic draw bench (bench/draw/): each widget\'s charts with two runs, synthetic data growing 10×/s, no training; ms per update');
    out.push(`Each chart update is a task of its own, as the widgets draw (src/runtime/draw-queue.ts); "each task" pools them. Budgets: 0 long tasks; task p95 < ${BUDGETS.drawP95Ms} ms.`);
    const rows = [];
    for (const d of r.draw) {
      const shown = d.longTasks.slice(0, 8).map((t) => t.duration).join(', ');
      const tasks = d.longTasks.length ? `${d.longTasks.length}: ${shown}${d.longTasks.length > 8 ? ', …' : ''} ms` : '0';
      if (d.error) rows.push([d.scenario, d.width, 'ERROR', '', '', '', '', d.error.split('\n')[0]]);
      for (const [chart, x] of Object.entries(d.charts)) rows.push([d.scenario, d.width, chart, x.n, ms(x.p50), ms(x.p95), ms(x.max), '']);
      const pass = d.draw.n > 0 && d.draw.p95 < BUDGETS.drawP95Ms && d.longTasks.length <= BUDGETS.longTasks;
      rows.push([d.scenario, d.width, 'each task', d.draw.n, ms(d.draw.p50), ms(d.draw.p95), ms(d.draw.max), `long tasks ${tasks}  ${verdict(pass)}`]);
    }
    out.push(table(['scenario', '>width px', 'chart', '>updates', '>p50 ms', '>p95 ms', '>max ms', 'budget'], rows));
    out.push('');
  }

  if (r.doctor) {
    const d = r.doctor;
    out.push(`Gradient doctor (bench/lib/doctor.mjs): a ${d.rows}-row log chosen with the file input; main-thread long tasks from then until the charts are drawn. Budget: 0 long tasks.`);
    if (!d.ok) out.push(`  ERROR: ${d.error}`);
    else {
      const mib = (b) => `${(b / 2 ** 20).toFixed(1)} MiB`;
      out.push(table(['log', '>file', '>to verdict + charts', '>progress updates', '>long tasks', '>parsed columns (worker)', '>page JS heap after', 'verdict', 'budget'], [[
        `${d.rows} rows, ${d.names} names`, mib(d.fileBytes), `${(d.ms / 1000).toFixed(1)} s`, d.progressUpdates,
        d.longTasks.length ? `${d.longTasks.length}: ${d.longTasks.slice(0, 6).map((x) => x.toFixed(0)).join(', ')} ms` : '0',
        mib(d.columnBytes), mib(d.pageHeapBytes), d.verdict.join(', '), verdict(d.longTasks.length <= BUDGETS.longTasks),
      ]]));
      out.push(`Each chart drawn in a task of its own: ${Object.entries(d.charts ?? {}).map(([k, v]) => `${k} ${ms(v)} ms`).join(', ')}.`);
    }
    out.push('');
  }

  const fails = [];
  const w = r.workload;
  const wasm = w?.backends.find((b) => b.name === 'wasm');
  if (w && w.backends.some((b) => b.name === 'wasm') && !(wasm?.ok && wasm.ratioToPlainJs <= BUDGETS.wasmOverPlainJs)) fails.push('wasm ≤ ½ plain JS');
  const rw = r.recurrentWorkload;
  const rwasm = rw?.backends.find((b) => b.name === 'wasm');
  if (rwasm && !(rwasm.ok && rwasm.medianMs <= BUDGETS.recurrentWasmMs)) fails.push(`LSTM on wasm ≤ ${BUDGETS.recurrentWasmMs} ms/step`);
  if (rwasm && !(rwasm.ok && rwasm.ratioToPlainJs <= BUDGETS.recurrentWasmOverPlainJs)) fails.push('LSTM on wasm ≤ plain JS');
  if (r.widgets?.some((t) => !t.ok || t.longTasks > BUDGETS.longTasks)) fails.push('no long tasks while widgets train two runs');
  if (r.widgets?.some((t) => !t.ok || !(t.draw.p95 < BUDGETS.drawP95Ms))) fails.push(`widget draw p95 < ${BUDGETS.drawP95Ms} ms`);
  if (r.draw?.some((d) => d.error || d.longTasks.length > BUDGETS.longTasks || !(d.draw.p95 < BUDGETS.drawP95Ms))) fails.push(`synthetic draws: no long task, task p95 < ${BUDGETS.drawP95Ms} ms`);
  if (r.bytes?.some((p) => p.before.jsGzip > BUDGETS.beforeJsGzip)) fails.push('JS before the widget ≤ 10 KB');
  if (r.bytes?.some((p) => p.after && p.after.jsGzip > BUDGETS.afterJsGzip)) fails.push('widget payload ≤ 250 KB');
  if (r.doctor && (!r.doctor.ok || r.doctor.longTasks.length > BUDGETS.longTasks)) fails.push('the doctor reads 1 000 000 rows with no long task');
  out.push(fails.length ? `Budgets: FAIL — ${fails.join('; ')}` : 'Budgets: all PASS');
  out.push(`(${(r.meta.totalMs / 1000).toFixed(0)} s; JSON in ${r.meta.jsonPath})`);
  return { text: out.join('\n'), fails };
}
