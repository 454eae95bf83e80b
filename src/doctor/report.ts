/**
 * Findings and parse problems in words, from the declared strings: pure functions the
 * page renders and the tests read. Numbers go through the charts' formatter, so the
 * page says 1.9e-10 where the tables do.
 */
import { formatNumber, formatPercent } from '../charts/format';
import type { DoctorStrings } from '../i18n/doctor-strings';
import type { Lang } from '../i18n/locales';
import { format } from '../i18n/ui';
import { CATEGORY, isProblem, type Analysis, type Category, type Finding } from './analyze';
import type { Problem } from './parse';
import type { Thresholds } from './thresholds';

export interface FindingText {
  kind: Finding['kind'] | 'healthy';
  category: Category | 'healthy';
  /** A problem to fix, or a note (one spike, all well). */
  problem: boolean;
  title: string;
  evidence: string[];
}

const LIST_MAX = 8;

function list(items: readonly string[], s: DoctorStrings, lang: Lang): string {
  const sep = lang === 'zh' ? '、' : ', ';
  const shown = items.slice(0, LIST_MAX).join(sep);
  return items.length > LIST_MAX ? `${shown}${sep}${format(s.evidence.more, { n: items.length })}` : shown;
}

const stretch = (from: number, to: number, s: DoctorStrings) => (from === to ? format(s.evidence.step, { step: from }) : format(s.evidence.steps, { from, to }));

export function findingText(f: Finding, s: DoctorStrings, lang: Lang): FindingText {
  const n = (v: number) => formatNumber(v, lang, { digits: 3 });
  const e = s.evidence;
  const lines: string[] = [];
  switch (f.kind) {
    case 'vanishing':
    case 'exploding-depth': {
      const below = f.kind === 'vanishing';
      lines.push(format(below ? e.ratioBelow : e.ratioAbove, { first: f.first, last: f.last, threshold: n(f.threshold), count: f.count, of: f.of, stretch: stretch(f.from, f.to, s), median: n(f.median) }));
      if (f.layers.length) lines.push(format(below ? e.layersBelow : e.layersAbove, { threshold: n(f.threshold), layers: list(f.layers, s, lang) }));
      if (f.kind === 'vanishing' && f.lastZeroFrom !== null) lines.push(format(e.lastZero, { step: f.lastZeroFrom }));
      break;
    }
    case 'nonfinite': {
      const value = f.value === 'nan' ? 'NaN' : '∞';
      const template = { activation: e.nonfiniteActivation, loss: e.nonfiniteLoss, gradient: e.nonfiniteGradient, weight: e.nonfiniteWeight }[f.quantity];
      lines.push(format(template, { step: f.step, layer: f.layer ?? '', column: f.column, value }));
      break;
    }
    case 'growth':
      lines.push(format(e.growth, { start: n(f.start), end: n(f.end), e0: f.early[0], e1: f.early[1], l0: f.late[0], l1: f.late[1], factor: n(f.factor), threshold: n(f.threshold) }));
      break;
    case 'spikes':
      lines.push(format(e.spikes, { count: f.count, threshold: n(f.threshold), list: list(f.top.map((t) => format(e.spike, { step: t.step, factor: n(t.factor) })), s, lang) }));
      if (f.alone) lines.push(e.spikesNote);
      break;
    case 'dead-layers':
      lines.push(...f.layers.slice(0, LIST_MAX).map((l) => format(e.deadLayer, { name: l.name, from: l.from, steps: l.steps })));
      if (f.layers.length > LIST_MAX) lines.push(format(e.more, { n: f.layers.length }));
      lines.push(e.deadWhy);
      break;
    case 'saturation':
    case 'dead-units':
      lines.push(format(e.shareIntro, { from: f.from, threshold: formatPercent(f.threshold) }));
      lines.push(list(f.layers.map((l) => format(e.share, { name: l.name, share: formatPercent(l.share) })), s, lang));
      break;
  }
  return { kind: f.kind, category: CATEGORY[f.kind], problem: isProblem(f), title: s.finding[f.kind], evidence: lines };
}

/** The spread of a divergence needs the log's size: said after the finding's first line. */
function spreadLine(f: Finding, a: Analysis, s: DoctorStrings): string | null {
  return f.kind === 'nonfinite' ? format(s.evidence.spread, { n: f.layersAfter, total: a.checks.layers }) : null;
}

/** The verdict: each finding in words, or "healthy" when none is a problem. */
export function verdict(a: Analysis, s: DoctorStrings, lang: Lang): FindingText[] {
  const out = a.findings.map((f) => {
    const t = findingText(f, s, lang);
    const spread = spreadLine(f, a, s);
    return spread ? { ...t, evidence: [...t.evidence, spread] } : t;
  });
  if (!out.some((f) => f.problem)) out.unshift({ kind: 'healthy', category: 'healthy', problem: false, title: s.finding.healthy, evidence: [s.evidence.healthy] });
  return out;
}

/** What was checked, with the numbers: said for every log, healthy or not. */
export function checksText(a: Analysis, th: Thresholds, s: DoctorStrings, lang: Lang): string[] {
  const n = (v: number) => formatNumber(v, lang, { digits: 3 });
  const c = a.checks;
  const k = s.checks;
  return [
    format(k.size, { rows: c.rows, steps: c.steps, first: c.firstStep, last: c.lastStep, layers: c.layers }),
    c.compared && c.ratio
      ? format(k.ratio, { first: c.compared.first, last: c.compared.last, min: n(c.ratio.min), max: n(c.ratio.max), median: n(c.ratio.median), vanish: n(th.vanish), explode: n(1 / th.vanish) })
      : k.noRatio,
    c.growth !== null ? format(k.growth, { growth: n(c.growth), threshold: n(th.growth) }) : k.noGrowth,
    c.nonfinite ? k.nonfinite : k.finite,
    format(k.dead, { steps: th.deadSteps }),
    c.act ? format(k.act, { saturated: formatPercent(th.saturated), dead: formatPercent(th.deadUnits) }) : k.noAct,
    c.loss ? k.loss : k.noLoss,
  ];
}

export function problemText(p: Problem, s: DoctorStrings): string {
  return format(s.problem[p.kind], p as unknown as Record<string, string | number>);
}
