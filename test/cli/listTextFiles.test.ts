import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listTextFiles, type TextFileEntry } from '../../src/cli/listTextFiles.js';

const dir = mkdtempSync(join(tmpdir(), 'neardup-list-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function list(path: string): Promise<TextFileEntry[]> {
  const out: TextFileEntry[] = [];
  for await (const entry of listTextFiles(path)) out.push(entry);
  return out;
}

describe('listTextFiles', () => {
  it('lists .txt files (any case) recursively in name order, with ids relative to the directory', async () => {
    mkdirSync(join(dir, 'b', 'deep'), { recursive: true });
    for (const file of ['z.txt', 'a.TXT', 'b/deep/x.txt', 'b/y.txt', 'notes.md', 'b/data.json']) writeFileSync(join(dir, file), 'x');
    mkdirSync(join(dir, 'dir.txt')); // a directory named like a text file is walked, not read
    writeFileSync(join(dir, 'dir.txt', 'inner.txt'), 'x');
    symlinkSync(join(dir, 'b'), join(dir, 'loop.txt')); // a link to a directory is not followed
    symlinkSync(join(dir, 'z.txt'), join(dir, 'link.txt')); // a link to a file is
    expect((await list(dir)).map((e) => (e.kind === 'file' ? [e.id, e.path] : e))).toEqual([
      ['a.TXT', join(dir, 'a.TXT')],
      ['b/deep/x.txt', join(dir, 'b/deep/x.txt')],
      ['b/y.txt', join(dir, 'b/y.txt')],
      ['dir.txt/inner.txt', join(dir, 'dir.txt/inner.txt')],
      ['link.txt', join(dir, 'link.txt')],
      ['z.txt', join(dir, 'z.txt')],
    ]);
  });

  it('returns a directory it cannot list as unreadable, with the reason', async () => {
    const file = join(dir, 'z.txt');
    expect(await list(file)).toEqual([{ kind: 'unreadable', path: file, detail: 'cannot list directory: a path component is not a directory (ENOTDIR)' }]);
  });
});
