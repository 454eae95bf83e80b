/**
 * The doctor page's thin DOM bindings: the log in (paste, file, drop, sample), the worker
 * reading it with a progress bar, the thresholds (controls + URL state), and the verdict,
 * problems and charts out. Nothing the reader enters leaves the page.
 */
import type { ParamSpec } from '../engine/params';
import { doctorStrings } from '../i18n/doctor-strings';
import { format } from '../i18n/ui';
import { widgetStrings } from '../i18n/widget-strings';
import { readControl, writeControl } from '../runtime/controls';
import { readWidgetState, withWidgetState } from '../runtime/url-state';
import { setText } from '../charts/frame';
import { formatNumber } from '../charts/format';
import type { Analysis } from './analyze';
import type { DoctorCharts } from './charts';
import type { FromDoctor, LogSource, ToDoctor } from './protocol';
import { REMEDIES, remedyHref } from './remedies';
import { checksText, problemText, verdict } from './report';
import { THRESHOLDS, type Thresholds } from './thresholds';
import './doctor.css';

/** 1234567 → "1,234,567" in both languages; not toLocaleString, whose first call loads ICU's data in a 40 ms task. */
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The URL's key prefix: `?doctor.vanish=0.001`. */
const KEY = 'doctor';

interface Config {
  chapters: Record<string, string>;
  titles: Record<string, string>;
  samples: Record<string, string>;
}

export function mountDoctor(root: HTMLElement): void {
  const lang = document.documentElement.lang.startsWith('zh') ? 'zh' : 'en';
  const s = doctorStrings[lang];
  const w = widgetStrings[lang];
  const config = JSON.parse(root.dataset['config']!) as Config;
  const $ = <T extends Element>(role: string) => root.querySelector<T>(`[data-role="${role}"]`)!;
  const text = root.querySelector<HTMLTextAreaElement>('#doctor-text')!;
  const file = $<HTMLInputElement>('file');
  const progress = $<HTMLProgressElement>('progress');
  const status = $<HTMLElement>('status');
  const layers = $<HTMLSelectElement>('layers');

  let th: Thresholds = readWidgetState(KEY, THRESHOLDS, location.search).values;
  let worker: Worker | null = null;
  let current = 0;
  let charts: DoctorCharts | null = null;
  let analysis: Analysis | null = null;
  let started = 0;

  const setStatus = (state: 'idle' | 'reading' | 'done' | 'error', message: string) => {
    root.dataset['status'] = state;
    setText(status, message);
  };

  // Thresholds: each control from its declared spec, the URL keeps the changed ones.
  const controls = new Map<string, HTMLInputElement | HTMLSelectElement>();
  for (const el of root.querySelectorAll<HTMLInputElement>('.thresholds [data-param]')) controls.set(el.dataset['param']!, el);
  const showValue = (name: string) => {
    const out = root.querySelector<HTMLOutputElement>(`.thresholds output[data-for="${name}"]`);
    if (out) out.textContent = formatNumber(th[name as keyof Thresholds], lang, { digits: 3 });
  };
  for (const [name, el] of controls) {
    const spec = THRESHOLDS[name as keyof Thresholds] as ParamSpec;
    writeControl(spec, el, th[name as keyof Thresholds]);
    showValue(name);
    el.addEventListener('input', () => {
      th = { ...th, [name]: readControl(spec, el) as number };
      showValue(name);
    });
    el.addEventListener('change', () => {
      history.replaceState(history.state, '', `${location.pathname}${withWidgetState(location.search, KEY, THRESHOLDS, th, 0, 0)}${location.hash}`);
      if (!analysis) return;
      started = performance.now();
      send({ type: 'diagnose', id: ++current, thresholds: th });
    });
  }

  function spawn(): Worker {
    const wk = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'gradient-doctor' });
    wk.onmessage = (e: MessageEvent<FromDoctor>) => onMessage(e.data);
    wk.onerror = (e) => setStatus('error', format(s.failed, { message: e.message || 'worker' }));
    return wk;
  }

  function send(msg: ToDoctor) {
    worker ??= spawn();
    worker.postMessage(msg);
  }

  /** The file or sample being read, named in the progress line. */
  let reading: string | undefined;
  function read(source: LogSource, label?: string) {
    started = performance.now();
    reading = label;
    progress.hidden = false;
    progress.value = 0;
    setStatus('reading', label ? format(s.readingOf, { name: label, rows: 0 }) : format(s.reading, { rows: 0 }));
    send({ type: 'read', id: ++current, source, thresholds: th });
  }

  let pendingProgress: Extract<FromDoctor, { type: 'progress' }> | null = null;
  let pong: () => void = () => {};
  function onMessage(msg: FromDoctor) {
    if (msg.type === 'pong') return pong();
    if (msg.id !== current) return;
    if (msg.type === 'progress') {
      // One paint per frame however many messages arrive.
      if (!pendingProgress) requestAnimationFrame(() => {
        const p = pendingProgress!;
        pendingProgress = null;
        if (p.id !== current || root.dataset['status'] !== 'reading') return;
        progress.value = p.total ? p.done / p.total : 0;
        setText(status, reading ? format(s.readingOf, { name: reading, rows: grouped(p.rows) }) : format(s.reading, { rows: grouped(p.rows) }));
      });
      pendingProgress = msg;
      return;
    }
    progress.hidden = true;
    performance.mark('doctor:result');
    if (msg.type === 'failed') return setStatus('error', format(s.failed, { message: msg.message }));
    showProblems(msg);
    analysis = msg.analysis;
    if (!analysis) {
      $<HTMLElement>('result').hidden = true;
      return setStatus('error', format(s.problemsNothing, { count: msg.problemCount, shown: msg.problems.length }));
    }
    void showResult(analysis);
    setStatus('done', format(s.done, { rows: grouped(analysis.checks.rows), steps: analysis.checks.steps, layers: analysis.checks.layers, seconds: ((performance.now() - started) / 1000).toFixed(1) }));
    root.dataset['columnBytes'] = String(msg.columnBytes);
  }

  function showProblems(msg: Extract<FromDoctor, { type: 'result' }>) {
    const box = $<HTMLElement>('problems');
    box.hidden = msg.problemCount === 0;
    const rows = msg.analysis?.checks.rows ?? 0;
    setText($('problems-summary'), format(rows ? s.problemsSummary : s.problemsNothing, { count: msg.problemCount, shown: msg.problems.length, rows }));
    $('problems-list').replaceChildren(...msg.problems.map((p) => {
      const li = document.createElement('li');
      li.dataset['line'] = String(p.line);
      li.dataset['problem'] = p.kind;
      li.textContent = problemText(p, s);
      return li;
    }));
  }

  function remediesFor(category: string, depth: number): HTMLElement | null {
    const list = REMEDIES[category as keyof typeof REMEDIES];
    if (!list) return null;
    const wrap = document.createElement('div');
    wrap.className = 'remedies';
    const h = document.createElement('p');
    h.className = 'remedies-title';
    h.textContent = s.tryHeading;
    const ul = document.createElement('ul');
    list.forEach((r, i) => {
      const { href, values } = remedyHref(r, config.chapters[r.spec.chapter]!, depth);
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = href;
      a.dataset['remedy'] = r.spec.id;
      a.textContent = format(s.openWidget, { title: r.spec.title[lang], settings: format(s.depthSetting, { depth: String(values['depth']) }) });
      const chapter = document.createElement('span');
      chapter.className = 'chapter';
      const title = config.titles[r.spec.chapter] ?? '';
      chapter.textContent = i === 0 ? format(s.explains, { chapter: title }) : title;
      li.append(a, document.createTextNode(' — '), document.createTextNode(r.why[lang] + ' '), chapter);
      ul.append(li);
    });
    wrap.append(h, ul);
    return wrap;
  }

  async function showResult(a: Analysis) {
    $<HTMLElement>('result').hidden = false;
    // Hidden layers of the reader's network: its weights less the output layer.
    const depth = Math.max(1, a.checks.depth - 1);
    const seen = new Set<string>();
    $('findings').replaceChildren(...verdict(a, s, lang).map((f) => {
      const card = document.createElement('div');
      card.className = `finding ${f.problem ? 'is-problem' : 'is-note'}`;
      card.dataset['finding'] = f.kind;
      card.dataset['category'] = f.category;
      const h = document.createElement('h4');
      h.textContent = f.title;
      card.append(h, ...f.evidence.map((line) => Object.assign(document.createElement('p'), { textContent: line })));
      // Each category's remedies once, under its first problem.
      if (f.problem && !seen.has(f.category)) {
        seen.add(f.category);
        const r = remediesFor(f.category, depth);
        if (r) card.append(r);
      }
      return card;
    }));
    $('checks').replaceChildren(...checksText(a, th, s, lang).map((line) => Object.assign(document.createElement('li'), { textContent: line })));
    const note = $<HTMLElement>('column-note');
    note.hidden = a.charts.stride <= 1;
    setText(note, format(s.columnNote, { stride: a.charts.stride }));

    const names = a.charts.rows.map((i) => a.charts.names[i]!);
    const compared = a.checks.compared;
    const chosen = new Set(compared ? [compared.first, names[Math.floor(names.length / 2)]!, compared.last] : names.slice(0, 3));
    layers.replaceChildren(...names.map((n) => new Option(n, n, false, chosen.has(n))));
    performance.measure('doctor:verdict', { start: 'doctor:result', end: performance.now() });
    const { drawCharts } = await chartsModule;
    const id = current;
    charts?.destroy();
    charts = null;
    const drawn = await drawCharts($('charts'), a, { lang, s, w, th, chosen: [...chosen] });
    // A newer log (or thresholds) may have arrived while these drew.
    if (id !== current) return drawn.destroy();
    charts = drawn;
    root.dataset['drawn'] = String(current);
  }

  layers.addEventListener('change', () => charts?.choose([...layers.selectedOptions].map((o) => o.value)));

  $('diagnose').addEventListener('click', () => {
    if (!text.value.trim()) return setStatus('error', s.emptyInput);
    read({ kind: 'text', text: text.value });
  });
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (f) read({ kind: 'file', file: f, name: f.name }, f.name);
  });
  const drop = $<HTMLElement>('drop');
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('dragging');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('dragging');
    const f = e.dataTransfer?.files[0];
    if (f) read({ kind: 'file', file: f, name: f.name }, f.name);
  });
  // A sample fills the box (the reader sees the format) and is diagnosed as pasted text.
  for (const b of root.querySelectorAll<HTMLButtonElement>('[data-sample]')) {
    b.addEventListener('click', async () => {
      setStatus('reading', s.sampleLoading);
      try {
        const res = await fetch(config.samples[b.dataset['sample']!]!);
        if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
        text.value = await res.text();
        read({ kind: 'text', text: text.value }, b.textContent ?? undefined);
      } catch (e) {
        setStatus('error', format(s.failed, { message: e instanceof Error ? e.message : String(e) }));
      }
    });
  }
  // Everything the page will need is fetched now, before the reader's log arrives: after
  // this, reading and drawing make no request at all.
  const chartsModule = import('./charts');
  void Promise.all([chartsModule, new Promise<void>((ok) => ((pong = ok), send({ type: 'ping', id: 0 })))]).then(() => {
    root.dataset['ready'] = 'true';
  });
}
