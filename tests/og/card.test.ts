/** The preview card's layout: long titles and descriptions wrap inside the margins, in both languages. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { CARD_HEIGHT, CARD_WIDTH, card, MARGIN, TEXT_WIDTH, textElement, textWidth, wrap, type CardText, type TextLine } from '../../src/og/card';
import { findCjkFont } from '../../src/og/render';

const site = 'Gradient Clinic · 梯度诊所';
const long: Record<'en' | 'zh', CardText> = {
  en: {
    lang: 'en', site, language: 'English', kicker: 'Chapter 12',
    title: 'Why multiplying many Jacobians with spectral radius above one makes the gradient of a very deep recurrent network overflow',
    description: 'L1 and L2 penalties and their gradients, weight decay and why it equals L2 only under plain SGD, the proximal step that makes exact zeros, decoupled weight decay for Adam (AdamW), what a penalty does against exploding gradients and what it does not, and the frameworks’ conventions.',
  },
  zh: {
    lang: 'zh', site, language: '简体中文', kicker: '第 12 章',
    title: '为什么许多谱半径大于一的雅可比矩阵连乘会让很深的循环神经网络的梯度溢出（以及 LSTM 如何避免）',
    description: 'L1 与 L2 惩罚项及其梯度，权重衰减为什么只在普通 SGD 下与 L2 等价，能得到精确零值的近端步骤，Adam 为什么需要解耦的权重衰减（AdamW），惩罚项对梯度爆炸能做什么、不能做什么，以及各个框架的约定。',
  },
};

/** Where a line's ink starts and ends by the estimate. */
function extent(l: TextLine): [number, number] {
  const w = textWidth(l.text, l.size, l.weight);
  return l.anchor === 'middle' ? [l.x - w / 2, l.x + w / 2] : [l.x, l.x + w];
}

describe('wrap', () => {
  it('breaks a long English title between words, each line within the width', () => {
    const { lines, truncated } = wrap(long.en.title, { max: TEXT_WIDTH, size: 56, weight: 700, maxLines: 9 });
    expect(truncated).toBe(false);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(textWidth(line, 56, 700)).toBeLessThanOrEqual(TEXT_WIDTH);
    expect(lines.join(' ')).toBe(long.en.title);
  });

  it('breaks Chinese between characters, never before closing punctuation', () => {
    const { lines } = wrap(long.zh.description, { max: 500, size: 28, maxLines: 20 });
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      expect(textWidth(line, 28)).toBeLessThanOrEqual(500);
      expect(line).not.toMatch(/^[，。、）：；]/);
    }
    // nothing lost: the lines rejoin to the text, less the spaces a break swallowed
    expect(lines.join('').replace(/ /g, '')).toBe(long.zh.description.replace(/ /g, ''));
  });

  it('cuts text beyond its lines short with an ellipsis that still fits', () => {
    for (const [text, size] of [[long.en.description, 28], [long.zh.description, 28]] as const) {
      const { lines, truncated } = wrap(text, { max: TEXT_WIDTH, size, maxLines: 2 });
      expect(truncated).toBe(true);
      expect(lines).toHaveLength(2);
      expect(lines[1]!.endsWith('…')).toBe(true);
      expect(textWidth(lines[1]!, size)).toBeLessThanOrEqual(TEXT_WIDTH);
    }
  });

  it('cuts a word longer than a line', () => {
    const { lines } = wrap(`see ${'x'.repeat(200)}`, { max: 400, size: 28, maxLines: 20 });
    for (const line of lines) expect(textWidth(line, 28)).toBeLessThanOrEqual(400);
    expect(lines.join('')).toBe(`see${'x'.repeat(200)}`);
  });
});

describe('card', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`keeps a long ${lang} title and description inside the margins and above the bars`, () => {
      const { svg, lines } = card(long[lang]);
      expect(svg).toContain(`width="${CARD_WIDTH}" height="${CARD_HEIGHT}"`);
      const title = lines.filter((l) => l.size >= 56);
      expect(title.length).toBeGreaterThan(1);
      for (const l of lines) {
        const [from, to] = extent(l);
        expect(from, l.text).toBeGreaterThanOrEqual(MARGIN);
        expect(to, l.text).toBeLessThanOrEqual(CARD_WIDTH - MARGIN);
        expect(l.y).toBeLessThanOrEqual(480);
      }
      // one line after another, never on top of each other
      const ys = lines.slice(2).map((l) => l.y);
      expect(ys).toEqual([...ys].sort((a, b) => a - b));
      expect(svg).toContain('…');
    });

    // The estimate against the real fonts: each line drawn alone stays inside the margins.
    it(`draws each line of a long ${lang} card inside the margins`, async () => {
      for (const l of card(long[lang]).lines) {
        const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}">${textElement(l, lang)}</svg>`;
        const { info } = await sharp(Buffer.from(svg)).trim().toBuffer({ resolveWithObject: true });
        const left = -(info.trimOffsetLeft ?? 0);
        expect(left, l.text).toBeGreaterThanOrEqual(MARGIN - 4); // a glyph's side bearing may reach left of x
        expect(left + info.width, l.text).toBeLessThanOrEqual(CARD_WIDTH - MARGIN);
      }
    });
  }

  it('escapes markup in the text', () => {
    expect(card({ ...long.en, title: 'a < b & c' }).svg).toContain('a &lt; b &amp; c');
  });
});

describe('findCjkFont', () => {
  it('finds a CJK font file below a folder, and says when there is none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gc-fonts-'));
    const empty = mkdtempSync(join(tmpdir(), 'gc-fonts-'));
    mkdirSync(join(dir, 'opentype', 'noto'), { recursive: true });
    writeFileSync(join(dir, 'DejaVuSans.ttf'), '');
    expect(findCjkFont([empty, dir])).toBeUndefined();
    writeFileSync(join(dir, 'opentype', 'noto', 'NotoSansCJK-Regular.ttc'), '');
    expect(findCjkFont([empty, dir])).toBe(join(dir, 'opentype', 'noto', 'NotoSansCJK-Regular.ttc'));
    for (const d of [dir, empty]) rmSync(d, { recursive: true, force: true });
  });
});
