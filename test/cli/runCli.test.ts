import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src/cli/runCli.js';
import { fixtures } from './neardup.js';

/** runCli in this process, with in-memory streams. */
async function run(argv: string[], stdin: AsyncIterable<Uint8Array | string> = (async function* () {})(), stdoutWrite?: CliIo['stdout']['write']) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    argv,
    stdin,
    stdout: { write: stdoutWrite ?? ((text: string, callback: (error?: Error | null) => void) => ((stdout += text), callback(), true)) },
    stderr: { isTTY: false, write: (text: string) => (stderr += text) },
    env: {},
  };
  const status = await runCli(io);
  return { status, stdout, stderr };
}

describe('runCli', () => {
  it('reads standard input as JSON Lines, in chunks cut anywhere', async () => {
    const bytes = readFileSync(join(fixtures, 'articles.jsonl'));
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 777) yield bytes.subarray(i, i + 777);
    }
    const result = await run(['-', '--format', 'jsonl', '--quiet'], chunks());
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toMatchObject({ ids: ['000', '001'] });
  });

  it('an input that fails while it is read is an input error naming it (exit 3)', async () => {
    async function* failing(): AsyncGenerator<string> {
      yield '{"id": "a", "text": "one two three"}\n';
      throw Object.assign(new Error('read failed'), { code: 'EIO' });
    }
    expect(await run(['-'], failing())).toEqual({ status: 3, stdout: '', stderr: 'neardup: <stdin>: cannot read: input/output error (EIO)\n' });
  });

  it('an unexpected error is a bug: exit 1, with its stack', async () => {
    const result = await run(['--version'], undefined, () => {
      throw new TypeError('stdout exploded');
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^neardup: internal error \(please report it\): TypeError: stdout exploded\n\s+at /);
  });

  it('a failed write to standard output is an output error (exit 3)', async () => {
    const result = await run([join(fixtures, 'articles.jsonl'), '--quiet'], undefined, (_text, callback) => {
      callback(Object.assign(new Error('no space'), { code: 'ENOSPC' }));
      return false;
    });
    expect(result).toEqual({ status: 3, stdout: '', stderr: 'neardup: cannot write <stdout>: no space left on device (ENOSPC)\n' });
  });

  it('a reader that went away (EPIPE) ends the output quietly', async () => {
    const result = await run([join(fixtures, 'articles.jsonl'), '--quiet'], undefined, (_text, callback) => {
      callback(Object.assign(new Error('broken pipe'), { code: 'EPIPE' }));
      return false;
    });
    expect(result).toEqual({ status: 0, stdout: '', stderr: '' });
  });
});
