import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitLines, type Line } from '../../src/cli/splitLines.js';

const seed = Number(process.env['FC_SEED'] ?? 42);

async function* chunksOf(bytes: Buffer, cuts: number[]): AsyncGenerator<Buffer> {
  let start = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length)].sort((x, y) => x - y)) {
    yield bytes.subarray(start, cut);
    start = cut;
  }
  yield bytes.subarray(start);
}

async function collect(lines: AsyncIterable<Line>): Promise<(string | number)[]> {
  const out: (string | number)[] = [];
  for await (const line of lines) out.push(line.tooLong ? -line.number : `${line.number}:${line.bytes.toString('utf8')}`);
  return out;
}

describe('splitLines', () => {
  it('numbers lines from 1, drops \\n and \\r\\n, keeps empty lines, needs no final newline', async () => {
    expect(await collect(splitLines(chunksOf(Buffer.from('a\r\n\nbc\nd'), []), 100))).toEqual(['1:a', '2:', '3:bc', '4:d']);
    expect(await collect(splitLines(chunksOf(Buffer.from('a\n'), []), 100))).toEqual(['1:a']);
    expect(await collect(splitLines(chunksOf(Buffer.from(''), []), 100))).toEqual([]);
  });

  it('gives the same lines however the input is cut into chunks (multi-byte characters included)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 8 }), fc.array(fc.nat(200)), async (texts, cuts) => {
        const bytes = Buffer.from(texts.join('\n'), 'utf8');
        const expected = texts.join('\n').split('\n').map((line, i) => `${i + 1}:${line.replace(/\r$/, '')}`);
        if (bytes.length === 0 || texts.join('\n').endsWith('\n')) expected.pop();
        expect(await collect(splitLines(chunksOf(bytes, cuts), 1000))).toEqual(expected);
      }),
      { seed, numRuns: 200 },
    );
  });

  it('reports a line over the limit by its number, and goes on with the next line', async () => {
    const input = Buffer.from(`short\n${'x'.repeat(30)}\nafter\n${'y'.repeat(11)}`);
    expect(await collect(splitLines(chunksOf(input, [3, 10, 20, 40]), 10))).toEqual(['1:short', -2, '3:after', -4]);
    expect(await collect(splitLines(chunksOf(Buffer.from('0123456789\n'), []), 10))).toEqual(['1:0123456789']);
  });

  it('reports a long line as soon as it crosses the limit, before reading the rest of it', async () => {
    let pulled = 0;
    async function* endless(): AsyncGenerator<Buffer> {
      for (;;) {
        pulled++;
        yield Buffer.alloc(1024, 0x61); // a line that never ends
      }
    }
    const lines = splitLines(endless(), 10 * 1024);
    const first = await lines.next();
    expect(first.value).toEqual({ number: 1, tooLong: true });
    expect(pulled).toBe(11); // 10 KiB allowed: the 11th chunk crossed the limit
    await lines.return(undefined);
  });

  it('copies the pieces of an unfinished line, so a source may reuse its buffer', async () => {
    const shared = Buffer.alloc(8);
    async function* reusing(): AsyncGenerator<Buffer> {
      for (const part of ['ab', 'cd\nef', 'gh']) {
        shared.fill(0);
        shared.write(part);
        yield shared.subarray(0, part.length);
      }
    }
    expect(await collect(splitLines(reusing(), 100))).toEqual(['1:abcd', '2:efgh']);
  });
});
