import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, root, temporaryDirectory } from './neardup.js';

// A real pseudo-terminal: util-linux `script` runs the command with stdin, stdout and stderr on a
// pty and copies what the terminal receives to its own stdout.
function inTerminal(args: string[]): string {
  const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
  const command = [process.execPath, cli, ...args].map(quote).join(' ');
  const result = spawnSync('script', ['-qfec', command, '/dev/null'], { cwd: root, encoding: 'utf8' });
  if (result.error !== undefined) {
    throw new Error(`cannot run util-linux script (${result.error.message}): install it (Debian: apt-get install bsdutils) to test the progress display`);
  }
  expect(result.status).toBe(0);
  return result.stdout;
}

describe('progress on stderr', () => {
  const dir = temporaryDirectory();
  const corpus = join(root, 'test', 'fixtures', 'reuters-subset.jsonl');

  it('on a terminal: a line redrawn in place with documents, docs/s and elapsed, then erased before the summary', () => {
    const screen = inTerminal([corpus, '--format', 'csv', '--output', join(dir, 'out.csv')]);
    const draws = screen.split('\r\x1b[2K').slice(1);
    expect(draws.length).toBeGreaterThanOrEqual(2); // at least one drawing and the final erase
    for (const draw of draws.slice(0, -1)) expect(draw).toMatch(/^neardup: [\d,]+ documents?, [\d,]+ docs\/s, \d+\.\d s$/);
    expect(draws.at(-1)).toMatch(/^neardup: 2805 documents, \d+ clusters, \d+ pairs, \d+\.\d\d s\r?\n$/);
  });

  it('on a terminal with --quiet: nothing at all', () => {
    expect(inTerminal([corpus, '--quiet', '--format', 'csv', '--output', join(dir, 'quiet.csv')])).toBe('');
  });

  it('not on a terminal: no control characters, only the summary', () => {
    const result = spawnSync(process.execPath, [cli, corpus, '--format', 'csv', '--output', join(dir, 'pipe.csv')], { encoding: 'utf8' });
    expect(result.stderr).toMatch(/^neardup: 2805 documents, \d+ clusters, \d+ pairs, \d+\.\d\d s\n$/);
  });
});
