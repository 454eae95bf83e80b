/**
 * The doctor's worker: reads the log in pieces (reporting progress), keeps the parsed
 * columns for a change of thresholds, and answers with the analysis. The page's thread
 * only draws.
 */
import { analyze } from './analyze';
import type { LogColumns } from './log-columns';
import { createLogParser, type ParseResult } from './parse';
import { transferables, type FromDoctor, type LogSource, type ToDoctor } from './protocol';

const TEXT_SLICE = 1 << 20;
const FILE_SLICE = 1 << 20;
/** Progress messages at most this often: enough for a smooth bar, few enough to cost nothing. */
const PROGRESS_MS = 50;

let kept: { parsed: ParseResult; log: LogColumns | null } | null = null;

const post = (msg: FromDoctor, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(msg, transfer);

async function read(id: number, source: LogSource): Promise<ParseResult> {
  const parser = createLogParser();
  let last = 0;
  const progress = (done: number, total: number) => {
    const now = performance.now();
    if (now - last < PROGRESS_MS && done < total) return;
    last = now;
    post({ type: 'progress', id, done, total, rows: parser.rows });
  };
  if (source.kind === 'text') {
    const t = source.text;
    for (let at = 0; at < t.length; at += TEXT_SLICE) {
      parser.push(t.slice(at, at + TEXT_SLICE));
      progress(Math.min(t.length, at + TEXT_SLICE), t.length);
    }
  } else {
    // In slices, not file.stream(): with the stream, the page's thread had a 50–100 ms task while
    // a million rows were read (npm run bench); with slices it has none.
    const decoder = new TextDecoder();
    const size = source.file.size;
    for (let at = 0; at < size; at += FILE_SLICE) {
      const bytes = await source.file.slice(at, Math.min(size, at + FILE_SLICE)).arrayBuffer();
      parser.push(decoder.decode(bytes, { stream: true }));
      progress(Math.min(size, at + FILE_SLICE), size);
    }
    parser.push(decoder.decode());
  }
  return parser.end();
}

function columnBytes(log: LogColumns | null): number {
  if (!log) return 0;
  return log.step.byteLength + log.name.byteLength + log.has.byteLength + Object.values(log.values).reduce((n, a) => n + a.byteLength, 0);
}

self.onmessage = async (event: MessageEvent<ToDoctor>) => {
  const msg = event.data;
  if (msg.type === 'ping') return post({ type: 'pong', id: msg.id });
  const t0 = performance.now();
  try {
    if (msg.type === 'read') kept = null;
    const parsed = msg.type === 'read' ? await read(msg.id, msg.source) : kept?.parsed;
    if (!parsed) throw new Error('no log has been read yet');
    kept = { parsed, log: parsed.log };
    const analysis = parsed.log ? analyze(parsed.log, msg.thresholds) : null;
    post(
      { type: 'result', id: msg.id, problems: parsed.problems, problemCount: parsed.problemCount, lines: parsed.lines, analysis, ms: performance.now() - t0, columnBytes: columnBytes(parsed.log) },
      transferables(analysis),
    );
  } catch (e) {
    post({ type: 'failed', id: msg.id, message: e instanceof Error ? e.message : String(e) });
  }
};
