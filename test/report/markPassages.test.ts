import { describe, expect, it } from 'vitest';
import { markPassages } from '../../src/cli/report/markPassages.js';
import { bodyText } from './html.js';

const marks = (html: string) => [...html.matchAll(/<mark class="(p\d)" title="([^"]*)">(.*?)<\/mark>/g)].map((m) => [m[1], m[2], m[3]]);

describe('markPassages', () => {
  it('marks the doc comment’s example as documented', () => {
    expect(markPassages('a <b> c', [{ start: 2, end: 5, passage: 0 }])).toBe('a <mark class="p0" title="passage 1">&lt;b&gt;</mark> c');
  });

  it('escapes the text inside and outside the marks', () => {
    const text = `<i>"it's"</i> & <script>x</script>`;
    const html = markPassages(text, [{ start: 3, end: 9, passage: 0 }]);
    expect(html).toBe('&lt;i&gt;<mark class="p0" title="passage 1">&quot;it&#39;s&quot;</mark>&lt;/i&gt; &amp; &lt;script&gt;x&lt;/script&gt;');
    expect(bodyText(`<body>${html}`)).toBe(text);
  });

  it('colours a passage by its number, cycling through six colours, whatever its position', () => {
    const text = 'abcdefghij';
    const ranges = [0, 1, 2, 3, 4, 5, 6, 7].map((p) => ({ start: 9 - p, end: 10 - p, passage: p }));
    expect(marks(markPassages(text, ranges)).map(([cls, title, inner]) => `${inner}:${cls}:${title}`)).toEqual([
      'c:p1:passage 8',
      'd:p0:passage 7',
      'e:p5:passage 6',
      'f:p4:passage 5',
      'g:p3:passage 4',
      'h:p2:passage 3',
      'i:p1:passage 2',
      'j:p0:passage 1',
    ]);
  });

  it('merges overlapping passages into one mark coloured by the first, and keeps touching ones apart', () => {
    const text = 'one two three four five';
    const html = markPassages(text, [
      { start: 4, end: 13, passage: 2 },
      { start: 0, end: 7, passage: 0 },
      { start: 13, end: 18, passage: 1 },
    ]);
    expect(marks(html)).toEqual([
      ['p0', 'passages 1, 3', 'one two three'],
      ['p1', 'passage 2', ' four'],
    ]);
    expect(bodyText(`<body>${html}`)).toBe(text);
  });

  it('clamps ranges to the text and drops empty ones', () => {
    expect(markPassages('abc', [{ start: -5, end: 1, passage: 0 }, { start: 2, end: 2, passage: 1 }, { start: 2, end: 99, passage: 2 }])).toBe(
      '<mark class="p0" title="passage 1">a</mark>b<mark class="p2" title="passage 3">c</mark>',
    );
    expect(markPassages('abc', [])).toBe('abc');
  });
});
