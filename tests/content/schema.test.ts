import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// A contributor's malformed frontmatter must stop the build with a message that
// says which file and which field, not a stack trace from deep inside.
/** Builds the content collection (astro sync) over one chapter written as `lines`. */
function syncWith(name: string, lines: string[]): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gc-content-'));
  mkdirSync(join(dir, 'en'));
  writeFileSync(join(dir, 'en', name), [...lines, ''].join('\n'));
  const result = spawnSync('astro', ['sync'], {
    env: { ...process.env, CONTENT_DIR: dir },
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('the chapter schema', () => {
  it('fails the build naming the file and the field', () => {
    const { status, output } = syncWith('broken-chapter.mdx', ['---', 'title: Broken', 'description: A chapter whose order is a word instead of a number.', 'order: first', 'updated: 2026-11-27', '---', '', 'Text.']);
    expect(status).not.toBe(0);
    expect(output).toContain('broken-chapter.mdx');
    expect(output).toMatch(/\border\b.*number/);
  });

  it('fails the build on a chapter naming an unknown widget, naming it', () => {
    const { status, output } = syncWith('ghost-widget.mdx', ['---', 'title: Ghost', 'description: A chapter that places a widget nobody registered.', 'order: 1', 'widgets: [gradient-flow, no-such-widget]', 'updated: 2026-11-27', '---', '', 'Text.']);
    expect(status).not.toBe(0);
    expect(output).toContain('ghost-widget.mdx');
    expect(output).toContain('no-such-widget');
  });
});
