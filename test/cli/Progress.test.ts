import { describe, expect, it } from 'vitest';
import { Progress } from '../../src/cli/Progress.js';

function terminal(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, writes, write: (text: string) => writes.push(text) };
}

describe('Progress', () => {
  it('on a TTY: draws documents, docs/s and elapsed time in place, at most once per interval', () => {
    let now = 0;
    const stream = terminal(true);
    const progress = new Progress(stream, { now: () => now, intervalMs: 100 });
    progress.update(1); // first update draws at once
    for (let n = 2; n <= 50; n++) {
      now += 10; // 49 updates over 490 ms: redrawn every 100 ms
      progress.update(n);
    }
    progress.done();
    expect(stream.writes).toEqual([
      '\r\x1b[2Kneardup: 1 document, 0 docs/s, 0.0 s',
      '\r\x1b[2Kneardup: 11 documents, 110 docs/s, 0.1 s',
      '\r\x1b[2Kneardup: 21 documents, 105 docs/s, 0.2 s',
      '\r\x1b[2Kneardup: 31 documents, 103 docs/s, 0.3 s',
      '\r\x1b[2Kneardup: 41 documents, 103 docs/s, 0.4 s',
      '\r\x1b[2K', // done() erases the line
    ]);
  });

  it('erases the line before a message, so warnings are not mixed with it', () => {
    let now = 0;
    const stream = terminal(true);
    const progress = new Progress(stream, { now: () => now });
    progress.update(5);
    progress.message('neardup: warning: x');
    now = 2000;
    progress.update(12_345);
    progress.done();
    expect(stream.writes).toEqual(['\r\x1b[2Kneardup: 5 documents, 0 docs/s, 0.0 s', '\r\x1b[2K', 'neardup: warning: x\n', '\r\x1b[2Kneardup: 12,345 documents, 6,173 docs/s, 2.0 s', '\r\x1b[2K']);
  });

  it('draws nothing when the stream is not a TTY, or with quiet; messages still pass', () => {
    for (const [stream, quiet] of [[terminal(false), false], [terminal(true), true]] as const) {
      const progress = new Progress(stream, { quiet });
      expect(progress.enabled).toBe(false);
      progress.update(10);
      progress.message('hello');
      progress.done();
      expect(stream.writes).toEqual(['hello\n']);
    }
  });
});
