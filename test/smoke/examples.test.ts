import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The README's two promises to a new user, run as they would run them (on the built package).
const root = fileURLToPath(new URL('../..', import.meta.url));
const run = (script: string) => execFileSync(process.execPath, [script], { cwd: root, encoding: 'utf8' });

describe('the examples', () => {
  it('demo: prints exactly one cluster, the syndicated pair 000/001 with its similarity', () => {
    expect(run('examples/demo.mjs')).toBe(
      [
        '5 articles in examples/articles: 1 cluster(s) of near-duplicates',
        '',
        'cluster 1 (representative 000_912c03f999ecb889.txt)',
        '  000_912c03f999ecb889.txt',
        '  001_b93039228490cdd2.txt',
        '  similarity 000_912c03f999ecb889.txt ~ 001_b93039228490cdd2.txt: 0.668',
        '',
      ].join('\n'),
    );
  });

  it('quickstart: clusters the wire story with its republished copy, and nothing else', () => {
    expect(JSON.parse(run('examples/quickstart.mjs'))).toEqual([
      { ids: ['wire', 'outlet'], representative: 'wire', pairs: [{ a: 'wire', b: 'outlet', similarity: 0.7941176470588235 }] },
    ]);
  });
});
