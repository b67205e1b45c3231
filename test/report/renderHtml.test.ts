import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OPEN_PAIRS, renderHtml, type HtmlReportInput } from '../../src/cli/report/renderHtml.js';
import type { Cluster } from '../../src/cluster/clusterPairs.js';
import { InvalidOptionError } from '../../src/errors/InvalidOptionError.js';
import { explain } from '../../src/explain/explain.js';
import { fcParams } from '../__helpers__/seed.js';
import { bodyOf, bodyText, decodeHtml, PAGE_TAGS, tagNames } from './html.js';

const STORY =
  'The Home Secretary will raise the issue of encryption and security services access to communications at a summit with senior executives from a number of firms including Google, Microsoft, Twitter and Facebook.';

/** A report of one cluster of two documents. */
function pairReport(idA: string, textA: string, idB: string, textB: string, similarity = 0.8): HtmlReportInput {
  return {
    clusters: [{ ids: [idA, idB], representative: idA, pairs: [{ a: idA, b: idB, similarity }] }],
    stats: { documents: 2, pairs: 1, seconds: 0.0123 },
    texts: new Map([
      [idA, textA],
      [idB, textB],
    ]),
    options: { threshold: 0.5 },
  };
}

/** The contents of every `<mark>` in a side of the page, decoded. */
function markTexts(html: string, side: 'a' | 'b'): string[] {
  return [...html.matchAll(new RegExp(`<div class="side side-${side}">(.*?)</div></div>`, 'gs'))].flatMap(([, inner]) =>
    [...inner!.matchAll(/<mark [^>]*>(.*?)<\/mark>/gs)].map((m) => decodeHtml(m[1]!)),
  );
}

/** Page invariants that hold whatever the documents say: only the page's own tags, only its own references, no raw quotes in text. */
function expectWellFormed(html: string): void {
  for (const name of tagNames(html)) expect(PAGE_TAGS.has(name), `unexpected tag <${name}>`).toBe(true);
  const text = bodyOf(html).replace(/<[^>]*>/g, '');
  expect(text).not.toMatch(/[<>"']/);
  expect(text.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
}

describe('renderHtml', () => {
  it('renders a whole page with the summary: documents, clusters, pairs, threshold', () => {
    const html = renderHtml(pairReport('wire', STORY, 'outlet', `Tech bosses summoned. ${STORY}`));
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toContain('<dt>documents</dt><dd>2</dd>');
    expect(html).toContain('<dt>clusters</dt><dd>1</dd>');
    expect(html).toContain('<dt>pairs</dt><dd>1</dd>');
    expect(html).toContain('<dt>threshold</dt><dd>0.5</dd>');
    expect(html).toContain('seconds: 0.01');
    expect(html).toContain('word 5-shingles');
    expectWellFormed(html);
  });

  it('lists each cluster’s members and each pair’s similarity', () => {
    const html = renderHtml(pairReport('wire', STORY, 'outlet', `Tech bosses summoned. ${STORY}`, 0.8235));
    expect(html).toContain('<li><code>wire</code> <span class="rep">(representative)</span></li><li><code>outlet</code></li>');
    expect(html).toContain('<span class="sim">0.824</span><code>wire</code> ~ <code>outlet</code>');
  });

  it('shows both texts whole, side by side, with the passages explain() finds marked', () => {
    const a = `Breaking. ${STORY} Cookies help us.`;
    const b = `${STORY.replace('security', 'intelligence')} Read more.`;
    const html = renderHtml(pairReport('a', a, 'b', b));
    const { passages } = explain(a, b);
    expect(passages.length).toBe(2);
    expect(markTexts(html, 'a')).toEqual(passages.map((p) => a.slice(p.a.start, p.a.end)));
    expect(markTexts(html, 'b')).toEqual(passages.map((p) => b.slice(p.b.start, p.b.end)));
    const text = bodyText(html);
    expect(text).toContain(a);
    expect(text).toContain(b);
    expect(html).toContain('2 shared passages');
  });

  it('explains pairs with the run’s shingling (character n-grams here)', () => {
    const report = { ...pairReport('x', 'the cat sat', 'y', 'a concatenation'), options: { threshold: 0.2, charNgrams: 3 } };
    const html = renderHtml(report);
    expect(markTexts(html, 'a')).toEqual(['cat']);
    expect(html).toContain('character 3-grams');
  });

  it('shows the exact similarity beside a reported one that differs (an estimate)', () => {
    const html = renderHtml(pairReport('a', STORY, 'b', STORY, 0.9375));
    expect(html).toContain('<span class="sim">0.938</span>');
    expect(html).toContain('exact similarity 1.000');
    expect(renderHtml(pairReport('a', STORY, 'b', STORY, 1))).not.toContain('exact similarity');
  });

  it('lists a pair whose texts it was not given, without them', () => {
    const report = { ...pairReport('a', STORY, 'b', STORY), texts: new Map([['a', STORY]]) };
    const html = renderHtml(report);
    expect(html).toContain('<p class="missing">Text not available in this run.</p>');
    expect(markTexts(html, 'a')).toEqual([]);
    expect(html).not.toContain('shared passage');
  });

  it('escapes every <, >, &, " and \' of ids and texts', () => {
    const id = `<b id="x" class='y'>&amp;</b>`;
    const text = `<script>alert("1")</script> & <img src=x onerror='alert(2)'> ${STORY}`;
    // The second text lacks the markup, so no passage mark interrupts it in the first.
    const html = renderHtml(pairReport(id, text, `${id}2`, STORY));
    expect(html).toContain('&lt;b id=&quot;x&quot; class=&#39;y&#39;&gt;&amp;amp;&lt;/b&gt;');
    expect(html).toContain('&lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=&#39;alert(2)&#39;&gt;');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b ');
    expectWellFormed(html);
    expect(bodyText(html)).toContain(id);
    expect(bodyText(html)).toContain(text);
  });

  it('never lets an injected string through raw, and shows it as text, whatever the ids and texts', () => {
    const tag = fc.constantFrom('script', 'img', 'iframe', 'svg', 'style', 'a', 'mark', 'details', 'meta', 'base');
    const payload = fc
      .tuple(tag, fc.constantFrom(' onerror=', ' onload=', ' src=', ' href=', '', ' x="'), fc.string({ maxLength: 8 }))
      .map(([t, attribute, value]) => `<${t}${attribute}${value}>`);
    const textish = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: fc.constantFrom('<', '>', '&', '"', "'", '/', '=', ' ', 'a', ';', '#') }));
    fc.assert(
      fc.property(payload, textish, textish, textish, (injected, before, after, id) => {
        const text = `${before}${injected}${STORY}${after}`;
        const html = renderHtml(pairReport(`${id}${injected}`, text, `${injected}b`, `${injected}${STORY}`));
        expect(html).not.toContain(injected);
        expectWellFormed(html);
        const visible = bodyText(html);
        expect(visible).toContain(`${id}${injected}`);
        expect(visible).toContain(text);
      }),
      fcParams(200),
    );
  });

  it('forbids every script and every load in its Content Security Policy, and allows its own style by hash', () => {
    const html = renderHtml(pairReport('a', STORY, 'b', STORY));
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)![1]!;
    expect(policy.split('; ')).toContain("default-src 'none'");
    expect(policy).not.toMatch(/script-src|unsafe|https?:|data:|\*/);
    const style = /<style>(.*?)<\/style>/s.exec(html)![1]!;
    expect(policy).toContain(`style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    // The policy comes before the style sheet, so it governs it.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
    expect(html).not.toMatch(/<script|\sstyle=|\son[a-z]+=|<link|@import|url\(/i);
    expect([...html.matchAll(/https?:\/\/[^\s"')]+/g)].map((m) => m[0])).toEqual(['http://www.w3.org/2000/svg']);
  });

  it('draws the histogram from the threshold to 1 in bins of 0.05', () => {
    const html = renderHtml({ ...pairReport('a', STORY, 'b', STORY, 0.72), options: { threshold: 0.6 } });
    expect(html.match(/<rect class="bar"/g)).toHaveLength(8);
    expect(html).toContain('<title>0.7–0.75: 1 pair</title>');
  });

  it('says so when there is nothing to show', () => {
    const html = renderHtml({ clusters: [], stats: { documents: 3, pairs: 0 }, texts: new Map(), options: { threshold: 0.5 } });
    expect(html).toContain('<dt>clusters</dt><dd>0</dd>');
    expect(html).toContain('No near-duplicates found.');
    expect(html).toContain('No pairs at or above the threshold.');
    expectWellFormed(html);
  });

  it(`opens the first ${OPEN_PAIRS} pairs and collapses the rest`, () => {
    const ids = Array.from({ length: OPEN_PAIRS + 5 }, (_, i) => `doc${i}`);
    const cluster: Cluster = { ids, representative: 'doc0', pairs: ids.slice(1).map((id) => ({ a: 'doc0', b: id, similarity: 1 })) };
    const html = renderHtml({ clusters: [cluster], stats: { documents: ids.length }, texts: new Map(ids.map((id) => [id, STORY])), options: { threshold: 0.5 } });
    expect(html.match(/<details class="pair" open>/g)).toHaveLength(OPEN_PAIRS);
    expect(html.match(/<details class="pair">/g)).toHaveLength(ids.length - 1 - OPEN_PAIRS);
  });

  it('refuses a threshold out of range, naming it', () => {
    const bad = { ...pairReport('a', STORY, 'b', STORY), options: { threshold: 0 } };
    expect(() => renderHtml(bad)).toThrow(InvalidOptionError);
    expect(() => renderHtml(bad)).toThrow('threshold must be a number greater than 0 and at most 1, got 0');
  });
});
