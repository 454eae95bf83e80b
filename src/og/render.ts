/**
 * Preview cards to PNG at build time with sharp (librsvg and Pango over the machine's own fonts,
 * through fontconfig; 20–60 ms a card). Without a CJK font the build still succeeds, and says once
 * that the Chinese text of the images will be missing glyphs.
 */
import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { card, type CardText } from './card';

/** Where Linux (fontconfig's defaults), macOS and Windows keep fonts. */
const FONT_DIRS = [
  '/usr/share/fonts', '/usr/local/share/fonts', join(homedir(), '.local/share/fonts'), join(homedir(), '.fonts'),
  '/System/Library/Fonts', '/Library/Fonts', join(homedir(), 'Library/Fonts'),
  join(process.env['WINDIR'] ?? 'C:\\Windows', 'Fonts'),
];
/** File names of the CJK faces src/og/card.ts names (CJK_FONTS), and of the common system ones. */
const CJK_FILE = /NotoSansCJK|NotoSerifCJK|NotoSans-?SC|SourceHanSans|PingFang|Hiragino Sans GB|STHeiti|Songti|msyh|simhei|simsun|wqy|DroidSansFallback/i;

/** The first CJK font file in `dirs` and below, if any. */
export function findCjkFont(dirs: readonly string[] = FONT_DIRS): string | undefined {
  for (const dir of dirs) {
    let files: string[];
    try {
      files = readdirSync(dir, { recursive: true, encoding: 'utf8' });
    } catch {
      continue; // no such folder on this system
    }
    const found = files.find((f) => CJK_FILE.test(f) && /\.(ttc|otf|ttf)$/i.test(f));
    if (found) return join(dir, found);
  }
  return undefined;
}

let checked = false;

/** Says once per build when no CJK font is installed; the images are written all the same. */
function checkFonts(): void {
  if (checked) return;
  checked = true;
  if (!findCjkFont()) {
    console.warn(
      '[preview images] No CJK font found (looked for Noto Sans CJK SC and the usual Chinese system fonts): ' +
        'the Chinese text of the link-preview images will show missing glyphs. ' +
        'Install one (Debian/Ubuntu: apt-get install fonts-noto-cjk) and build again.',
    );
  }
}

export async function renderPng(svg: string): Promise<Buffer> {
  checkFonts();
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A static endpoint's answer: the card of `text` as a PNG. */
export async function cardResponse(text: CardText): Promise<Response> {
  return new Response(new Uint8Array(await renderPng(card(text).svg)), { headers: { 'Content-Type': 'image/png' } });
}
