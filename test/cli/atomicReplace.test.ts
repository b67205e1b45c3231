import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { atomicReplace } from '../../src/cli/atomicReplace.js';

// Every open, fsync, close and rename atomicReplace makes, in order, to check the durability steps.
const events: string[] = [];
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const name = (path: unknown) => String(path).split(/[\\/]/).pop();
  return {
    ...fs,
    open: async (path: string, flags: string, mode?: number) => {
      const handle: FileHandle = await fs.open(path, flags, mode);
      events.push(`open ${name(path)} ${flags}`);
      const { sync, close } = handle;
      handle.sync = async () => {
        events.push(`sync ${name(path)}`);
        return sync.call(handle);
      };
      handle.close = async () => {
        events.push(`close ${name(path)}`);
        return close.call(handle);
      };
      return handle;
    },
    rename: async (from: string, to: string) => {
      events.push(`rename ${name(from)} -> ${name(to)}`);
      return fs.rename(from, to);
    },
  };
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'neardup-atomic-'));
  events.length = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const temporaryName = `report.txt.tmp-${process.pid}`;
const codeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error as { code?: string }).code,
  );

describe('atomicReplace', () => {
  it('writes PATH.tmp-<pid> beside PATH and renames it over PATH on commit, leaving no temporary file', async () => {
    const path = join(dir, 'report.txt');
    writeFileSync(path, 'old');
    const file = await atomicReplace(path);
    expect(file.temporaryPath).toBe(join(dir, temporaryName));
    await file.handle.writeFile('new contents', 'utf8');
    expect(readFileSync(path, 'utf8')).toBe('old'); // untouched until the commit
    await file.commit();
    expect(readFileSync(path, 'utf8')).toBe('new contents');
    expect(readdirSync(dir)).toEqual(['report.txt']);
  });

  it('flushes the file before the rename and the directory after it', async () => {
    const file = await atomicReplace(join(dir, 'report.txt'));
    await file.handle.writeFile('x', 'utf8');
    await file.commit();
    const dirName = dir.split(/[\\/]/).pop();
    expect(events).toEqual([
      `open ${temporaryName} w`,
      `sync ${temporaryName}`,
      `close ${temporaryName}`,
      `rename ${temporaryName} -> report.txt`,
      `open ${dirName} r`,
      `sync ${dirName}`,
      `close ${dirName}`,
    ]);
  });

  it('creates the file when it did not exist', async () => {
    const path = join(dir, 'report.txt');
    const file = await atomicReplace(path);
    await file.handle.writeFile('first', 'utf8');
    await file.commit();
    expect(readFileSync(path, 'utf8')).toBe('first');
  });

  it('abort removes the temporary file and leaves PATH as it was', async () => {
    const path = join(dir, 'report.txt');
    writeFileSync(path, 'old');
    const file = await atomicReplace(path);
    await file.handle.writeFile('half a rep', 'utf8');
    await file.abort();
    await file.abort(); // twice is harmless
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['report.txt']);
  });

  it('a failed commit throws the system error, removes the temporary file and leaves PATH as it was', async () => {
    const path = join(dir, 'report.txt');
    mkdirSync(path); // a directory in the way: the rename fails
    writeFileSync(join(path, 'inside'), 'kept');
    const file = await atomicReplace(path);
    await file.handle.writeFile('new', 'utf8');
    expect(await codeOf(file.commit())).toMatch(/^(EISDIR|ENOTEMPTY|EEXIST|EPERM)$/);
    expect(readdirSync(dir)).toEqual(['report.txt']);
    expect(readFileSync(join(path, 'inside'), 'utf8')).toBe('kept');
  });

  it('a crash before the rename (a throwing hook) leaves PATH as it was and, here, no temporary file', async () => {
    const path = join(dir, 'report.txt');
    writeFileSync(path, 'old');
    const file = await atomicReplace(path);
    await file.handle.writeFile('new', 'utf8');
    let seen: string | undefined;
    const commit = file.commit({
      beforeRename: (temporary) => {
        seen = readFileSync(temporary, 'utf8'); // complete and closed at this point
        throw Object.assign(new Error('simulated crash'), { code: 'ECRASH' });
      },
    });
    expect(await codeOf(commit)).toBe('ECRASH');
    expect(seen).toBe('new');
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['report.txt']);
  });

  it('fails at once, creating nothing, when the directory does not exist', async () => {
    const path = join(dir, 'missing', 'report.txt');
    expect(await codeOf(atomicReplace(path))).toBe('ENOENT');
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
});
