/**
 * The link-preview card (Open Graph / Twitter image) of a page, as SVG: site name, language,
 * kicker, title and description, over a motif of vanishing, healthy and exploding gradient bars.
 * Pure string work, no fonts: text is wrapped by an estimate of its width (see {@link textWidth})
 * that errs wide, so a line never runs past the margin whichever font the renderer finds.
 */

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
export const MARGIN = 72;
/** Room for a line of text. */
export const TEXT_WIDTH = CARD_WIDTH - 2 * MARGIN;

/** Noto's (Debian's fonts-noto-cjk), then the usual CJK faces of macOS and Windows, then Latin faces. */
export const CJK_FONTS = 'Noto Sans CJK SC, Source Han Sans SC, Noto Sans SC, PingFang SC, Hiragino Sans GB, Microsoft YaHei, WenQuanYi Micro Hei, DejaVu Sans, Arial, sans-serif';
const LATIN_FONTS = `Noto Sans, DejaVu Sans, Liberation Sans, Helvetica Neue, Arial, ${CJK_FONTS}`;

/**
 * A Chinese card sets its Latin in the CJK face too, for one look, and so does any line with Chinese
 * in it (the site name: the same on every card); other lines of an English card take a Latin face.
 */
export function fontsFor(line: string, lang: 'en' | 'zh'): string {
  return lang === 'zh' || CJK.test(line) ? CJK_FONTS : LATIN_FONTS;
}

// The site's palette (src/styles/global.css, light scheme).
const COLOR = {
  bg: '#fdfdfc', fg: '#1b1d1f', muted: '#575b60', border: '#d9dbd6', accent: '#005a9c',
  vanishing: '#0072b2', healthy: '#009e73', exploding: '#d55e00', dot: '#e69f00',
} as const;

/** Chinese (and Japanese, Korean) script: set in a CJK face, and a line may break between any two. */
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;
/** A full em wide: CJK, and the punctuation a CJK face draws full-width. */
const WIDE = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u00b7\u2014\u2018\u2019\u201c\u201d\u2026]/;
/** Closing punctuation stays with what precedes it; opening punctuation with what follows. */
const CLOSING = /[，。、；：！？）》」』’”,.;:!?)\]}…%]/;
const OPENING = /[（《「『‘“([{]/;

/**
 * About how wide `text` sets at `size` px, erring wide: Latin by rough letter class, sized for
 * DejaVu Sans (the widest face the card may get; bold 10 % wider); CJK a full em.
 */
export function textWidth(text: string, size: number, weight: 400 | 700 = 400): number {
  let latin = 0;
  let wide = 0;
  for (const ch of text) {
    if (WIDE.test(ch)) wide += 1;
    else if (ch === ' ') latin += 0.33;
    else if ('ijlft.,:;\'!|'.includes(ch)) latin += 0.36;
    else if ('mwMW'.includes(ch)) latin += 0.98;
    else if (/[A-Z]/.test(ch)) latin += 0.74;
    else if (/[a-z0-9]/.test(ch)) latin += 0.62;
    else latin += 0.66;
  }
  return (wide + latin * (weight === 700 ? 1.1 : 1)) * size;
}

interface Token { text: string; spaceBefore: boolean }

/** Break opportunities: between words, and between CJK characters (not before closing punctuation). */
function tokens(text: string): Token[] {
  const out: Token[] = [];
  let space = false;
  let glue = false; // the last token ends with opening punctuation: the next character joins it
  for (const ch of text.trim()) {
    const last = out.at(-1);
    if (/\s/.test(ch)) {
      space = true;
      glue = false;
      continue;
    }
    const joins = last && !space && (glue || CLOSING.test(ch) || (!CJK.test(ch) && !CJK.test(last.text.at(-1)!)));
    if (joins) last.text += ch;
    else out.push({ text: ch, spaceBefore: space && out.length > 0 });
    glue = OPENING.test(ch);
    space = false;
  }
  return out;
}

/** `word` cut into pieces that each fit `max` (a word longer than a line, e.g. a URL). */
function hardBreak(word: string, fit: (s: string) => boolean): string[] {
  const pieces = [''];
  for (const ch of word) {
    if (pieces.at(-1) && !fit(pieces.at(-1)! + ch)) pieces.push('');
    pieces[pieces.length - 1] += ch;
  }
  return pieces;
}

export interface Wrapped { lines: string[]; truncated: boolean }

/**
 * Greedy line breaking of `text` set at `size` px into at most `maxLines` lines of at most `max` px.
 * Text that does not fit ends in an ellipsis, the last line filled as far as it goes.
 */
export function wrap(text: string, { max, size, weight = 400, maxLines }: { max: number; size: number; weight?: 400 | 700; maxLines: number }): Wrapped {
  const fit = (s: string) => textWidth(s, size, weight) <= max;
  // each line, with whether a space separated it from the one before (lost when it was broken there)
  const lines: { text: string; spaceBefore: boolean }[] = [];
  let line = { text: '', spaceBefore: false };
  for (const { text: word, spaceBefore } of tokens(text)) {
    const joined = `${line.text}${line.text && spaceBefore ? ' ' : ''}${word}`;
    if (fit(joined)) {
      line.text = joined;
      continue;
    }
    const pieces = hardBreak(word, fit);
    if (line.text) lines.push(line);
    for (const [i, piece] of pieces.entries()) {
      line = { text: piece, spaceBefore: i === 0 && spaceBefore };
      if (i < pieces.length - 1) lines.push(line);
    }
  }
  if (line.text) lines.push(line);
  if (lines.length <= maxLines) return { lines: lines.map((l) => l.text), truncated: false };
  const rest = lines.slice(maxLines - 1).map((l, i) => (i > 0 && l.spaceBefore ? ' ' : '') + l.text).join('');
  let chars = [...rest];
  while (chars.length && !fit(`${chars.join('').trimEnd()}…`)) chars = chars.slice(0, -1);
  const last = `${chars.join('').replace(/[\s,，、;；:：(（]+$/, '')}…`;
  return { lines: [...lines.slice(0, maxLines - 1).map((l) => l.text), last], truncated: true };
}

export interface CardText {
  /** Picks the fonts ({@link fontsFor}). */
  lang: 'en' | 'zh';
  /** Both languages' site names, e.g. "Gradient Clinic · 梯度诊所". */
  site: string;
  /** The page's language, as its readers name it ("English", "简体中文"). */
  language: string;
  /** Above the title ("Chapter 5"); none on the home card. */
  kicker?: string;
  title: string;
  description: string;
}

/** One line of text as drawn: `x` is its start, or its middle when `anchor` is 'middle'. */
export interface TextLine { text: string; x: number; y: number; size: number; weight: 400 | 700; anchor: 'start' | 'middle'; fill: string }

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function textElement(l: TextLine, lang: 'en' | 'zh'): string {
  return `<text x="${l.x.toFixed(1)}" y="${l.y.toFixed(1)}" font-family="${fontsFor(l.text, lang)}" font-size="${l.size}" font-weight="${l.weight}" text-anchor="${l.anchor}" fill="${l.fill}">${escape(l.text)}</text>`;
}

/** Bars of per-layer gradient norms: vanishing (shrinking), healthy (level), exploding (growing). */
function bars(): string {
  const n = 11;
  const gap = 10;
  const width = (TEXT_WIDTH - (3 * n - 1) * gap) / (3 * n);
  const base = CARD_HEIGHT - 44;
  const heights = [
    ...Array.from({ length: n }, (_, k) => ({ h: 84 * 0.64 ** k, fill: COLOR.vanishing })),
    ...Array.from({ length: n }, (_, k) => ({ h: 26 + 5 * Math.sin(k * 1.7), fill: COLOR.healthy })),
    ...Array.from({ length: n }, (_, k) => ({ h: 84 * 0.64 ** (n - 1 - k), fill: COLOR.exploding })),
  ];
  const rects = heights.map(({ h, fill }, i) => {
    const height = Math.max(2, h);
    return `<rect x="${(MARGIN + i * (width + gap)).toFixed(1)}" y="${(base - height).toFixed(1)}" width="${width.toFixed(1)}" height="${height.toFixed(1)}" rx="3" fill="${fill}"/>`;
  });
  return [...rects, `<line x1="${MARGIN}" y1="${base + 0.5}" x2="${CARD_WIDTH - MARGIN}" y2="${base + 0.5}" stroke="${COLOR.border}" stroke-width="2"/>`].join('');
}

/** Where the text lines go; the bars start below `TEXT_BOTTOM`. */
const TEXT_BOTTOM = 478;
const DESCRIPTION_SIZE = 28;
const DESCRIPTION_LEADING = 40;

/** The title large in up to two lines, else smaller in up to three; cut short only beyond that. */
function titleLines(title: string): { lines: string[]; size: number } {
  const large = wrap(title, { max: TEXT_WIDTH, size: 68, weight: 700, maxLines: 2 });
  if (!large.truncated) return { lines: large.lines, size: 68 };
  return { lines: wrap(title, { max: TEXT_WIDTH, size: 56, weight: 700, maxLines: 3 }).lines, size: 56 };
}

export function card(text: CardText): { svg: string; lines: TextLine[] } {
  const pill = { size: 24, width: textWidth(text.language, 24) + 36 };
  const lines: TextLine[] = [
    { text: text.site, x: MARGIN + 60, y: 92, size: 30, weight: 700, anchor: 'start', fill: COLOR.fg },
    { text: text.language, x: CARD_WIDTH - MARGIN - pill.width / 2, y: 89, size: pill.size, weight: 400, anchor: 'middle', fill: COLOR.accent },
  ];
  const line = (t: string, y: number, size: number, weight: 400 | 700, fill: string) => lines.push({ text: t, x: MARGIN, y, size, weight, anchor: 'start', fill });
  let y = 170;
  if (text.kicker) line(text.kicker, y, 28, 700, COLOR.accent);
  const title = titleLines(text.title);
  for (const [i, t] of title.lines.entries()) line(t, (y += i === 0 ? title.size + 14 : title.size * 1.16), title.size, 700, COLOR.fg);
  y += 24;
  // as many lines of description as fit above the bars
  const room = Math.max(0, Math.floor((TEXT_BOTTOM - y - DESCRIPTION_SIZE) / DESCRIPTION_LEADING) + 1);
  for (const [i, t] of wrap(text.description, { max: TEXT_WIDTH, size: DESCRIPTION_SIZE, maxLines: room }).lines.entries()) {
    line(t, (y += i === 0 ? DESCRIPTION_SIZE + 14 : DESCRIPTION_LEADING), DESCRIPTION_SIZE, 400, COLOR.muted);
  }
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}">`,
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="${COLOR.bg}"/>`,
    `<rect width="${CARD_WIDTH}" height="10" fill="${COLOR.accent}"/>`,
    // the site's mark (public/favicon.svg) at 44 px
    `<g transform="translate(${MARGIN} 58) scale(1.375)"><rect width="32" height="32" rx="6" fill="${COLOR.accent}"/><path d="M5 24 C11 24 13 8 27 8" stroke="#fff" stroke-width="3" fill="none" stroke-linecap="round"/><circle cx="27" cy="8" r="3" fill="${COLOR.dot}"/></g>`,
    `<rect x="${CARD_WIDTH - MARGIN - pill.width}" y="58" width="${pill.width}" height="44" rx="22" fill="none" stroke="${COLOR.accent}" stroke-width="2"/>`,
    ...lines.map((l) => textElement(l, text.lang)),
    bars(),
    '</svg>',
  ].join('');
  return { svg, lines };
}
