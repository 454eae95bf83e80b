import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// A contributor's malformed frontmatter must stop the build with a message that
// says which file and which field, not a stack trace from deep inside.
describe('the chapter schema', () => {
  it('fails the build naming the file and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gc-content-'));
    mkdirSync(join(dir, 'en'));
    writeFileSync(
      join(dir, 'en', 'broken-chapter.mdx'),
      ['---', 'title: Broken', 'description: A chapter whose order is a word instead of a number.', 'order: first', 'updated: 2026-11-27', '---', '', 'Text.', ''].join('\n'),
    );
    const result = spawnSync('astro', ['sync'], {
      env: { ...process.env, CONTENT_DIR: dir },
      encoding: 'utf8',
      shell: process.platform === 'win32',
    });
    const output = result.stdout + result.stderr;
    expect(result.status).not.toBe(0);
    expect(output).toContain('broken-chapter.mdx');
    expect(output).toMatch(/\border\b.*number/);
  });
});
