// The HTML report in a real browser: Debian's Chromium, headless, driven by playwright-core. The
// page is the report of the five seed articles plus two near-duplicate articles (with ids) that
// carry script and onerror markup; the test checks what a reader would see and that nothing ran.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/cli/report/renderHtml.js';
import { findNearDuplicates, type NearDuplicates } from '../../src/dedupe/findNearDuplicates.js';
import { DEFAULT_THRESHOLD } from '../../src/dedupe/NeardupOptions.js';
import { explain } from '../../src/explain/explain.js';
import { ARTICLE_000, ARTICLE_001 } from '../__helpers__/articles.js';

const CHROMIUM = '/usr/bin/chromium';
const INSTALL = 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium';
const ARTICLES = fileURLToPath(new URL('../../examples/articles/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/report/', import.meta.url));
/** Ids that are markup too: they must show as text like the articles. */
const INJECTED_IDS = ['injected <em>1</em>.txt', 'injected <em>2</em>.txt'];
const SCRIPT = '<script>window.__pwned = 1</script>';
const IMG = '<img src=x onerror="window.__pwned = 2">';

/** What the HTML parser does to line ends: CR LF and CR become LF. */
const asParsed = (text: string) => text.replace(/\r\n?/g, '\n');

let browser: Browser | undefined;
let page: Page;
let texts: Map<string, string>;
let result: NearDuplicates;
const consoleErrors: string[] = [];
const requests: string[] = [];
let pageUrl: string;
let screenshots: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`The HTML report test needs Debian's Chromium at ${CHROMIUM}, which is missing. Install it (as root) with:\n  ${INSTALL}\n(.ci/run does this when it is missing.)`);
  }
  texts = new Map();
  for (const name of (await readdir(ARTICLES)).filter((n) => n.endsWith('.txt')).sort()) texts.set(name, await readFile(join(ARTICLES, name), 'utf8'));
  texts.set(INJECTED_IDS[0]!, await readFile(join(FIXTURES, 'injected-1.txt'), 'utf8'));
  texts.set(INJECTED_IDS[1]!, await readFile(join(FIXTURES, 'injected-2.txt'), 'utf8'));
  result = await findNearDuplicates([...texts].map(([id, text]) => ({ id, text })));
  const html = renderHtml({
    clusters: result.clusters,
    stats: { ...result.stats, clusters: result.clusters.length },
    texts,
    options: { threshold: DEFAULT_THRESHOLD },
  });

  const dir = await mkdtemp(join(tmpdir(), 'neardup-report-'));
  const file = join(dir, 'report.html');
  await writeFile(file, html);
  pageUrl = pathToFileURL(file).href;

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pageUrl, { waitUntil: 'load' });

  screenshots = [join(dir, 'report.png'), join(dir, 'report-full.png')];
  await page.locator('#cluster-1').scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshots[0]! });
  await page.screenshot({ path: screenshots[1]!, fullPage: true });
  console.log(`HTML report: ${file}\nscreenshots: ${screenshots.join(', ')}`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** The cluster section whose members are exactly `ids`. */
async function clusterOf(ids: readonly string[]): Promise<Locator> {
  const sections = page.locator('section.cluster');
  for (let i = 0; i < (await sections.count()); i++) {
    const section = sections.nth(i);
    if (JSON.stringify(await section.locator('.members code').allTextContents()) === JSON.stringify(ids)) return section;
  }
  throw new Error(`no cluster with members ${JSON.stringify(ids)}`);
}

/** The texts of `b`'s passages as the page marks them: overlapping ranges make one mark. */
function mergedSlices(text: string, ranges: ReadonlyArray<{ start: number; end: number }>): string[] {
  const merged: Array<{ start: number; end: number }> = [];
  for (const r of [...ranges].sort((x, y) => x.start - y.start)) {
    const last = merged[merged.length - 1];
    if (last !== undefined && r.start < last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged.map((r) => asParsed(text.slice(r.start, r.end)));
}

describe('the HTML report in Chromium', () => {
  it('summarizes the run: documents, clusters, pairs, threshold', async () => {
    const summary = Object.fromEntries(
      await page.locator('.summary > div').evaluateAll((items) => items.map((item) => [item.querySelector('dt')!.textContent, item.querySelector('dd')!.textContent])),
    );
    expect(summary).toEqual({ documents: '7', clusters: String(result.clusters.length), pairs: String(result.stats.pairs), threshold: String(DEFAULT_THRESHOLD) });
    expect(result.clusters).toHaveLength(2);
  });

  it('shows the 000/001 cluster with the pair’s similarity', async () => {
    const cluster = result.clusters.find((c) => c.ids.includes(ARTICLE_000))!;
    expect(cluster.ids).toEqual([ARTICLE_000, ARTICLE_001]);
    const section = await clusterOf([ARTICLE_000, ARTICLE_001]);
    const pair = section.locator('details.pair');
    await expect(pair.count()).resolves.toBe(1);
    expect(await pair.getAttribute('open')).not.toBeNull();
    expect(await pair.locator('summary .sim').textContent()).toBe(cluster.pairs[0]!.similarity.toFixed(3));
    expect(cluster.pairs[0]!.similarity.toFixed(3)).toBe('0.668');
    expect(await pair.locator('.side-a h3').textContent()).toBe(ARTICLE_000);
    expect(await pair.locator('.side-b h3').textContent()).toBe(ARTICLE_001);
  });

  it('highlights exactly the passages explain() finds, in both texts, visibly', async () => {
    const a = texts.get(ARTICLE_000)!;
    const b = texts.get(ARTICLE_001)!;
    const { passages } = explain(a, b);
    expect(passages.length).toBeGreaterThan(0);
    const pair = (await clusterOf([ARTICLE_000, ARTICLE_001])).locator('details.pair');
    const marksA = pair.locator('.side-a .text mark');
    expect(await marksA.allTextContents()).toEqual(passages.map((p) => asParsed(a.slice(p.a.start, p.a.end))));
    expect(await pair.locator('.side-b .text mark').allTextContents()).toEqual(mergedSlices(b, passages.map((p) => p.b)));
    // The whole text is there, marks and all.
    expect(await pair.locator('.side-a .text').textContent()).toBe(asParsed(a));
    // A mark is laid out and painted in a colour of its own.
    const first = marksA.first();
    const box = await first.boundingBox();
    expect(box !== null && box.width > 0 && box.height > 0).toBe(true);
    const colours = await first.evaluate((mark) => {
      // Runs in the page (this project's type checking has no DOM library).
      const { getComputedStyle } = globalThis as unknown as { getComputedStyle(element: unknown): { backgroundColor: string } };
      return [getComputedStyle(mark).backgroundColor, getComputedStyle(mark.parentElement).backgroundColor];
    });
    expect(colours[0]).not.toBe(colours[1]);
    expect(colours[0]).not.toBe('rgba(0, 0, 0, 0)');
  });

  it('shows the two texts side by side', async () => {
    const pair = (await clusterOf([ARTICLE_000, ARTICLE_001])).locator('details.pair');
    const left = (await pair.locator('.side-a').boundingBox())!;
    const right = (await pair.locator('.side-b').boundingBox())!;
    expect(left.x + left.width).toBeLessThanOrEqual(right.x);
    expect(Math.abs(left.y - right.y)).toBeLessThan(1);
  });

  it('shows injected markup in texts and ids as text, and creates no element from it', async () => {
    await clusterOf(INJECTED_IDS);
    const visible = await page.locator('body').innerText();
    expect(visible).toContain(SCRIPT);
    expect(visible).toContain(IMG);
    for (const id of INJECTED_IDS) expect(visible).toContain(id);
    expect(await page.locator('script, img, em, iframe, object, embed').count()).toBe(0);
  });

  it('runs no injected script', async () => {
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(await page.evaluate('Object.keys(window).filter((key) => key.includes("pwned"))')).toEqual([]);
  });

  it('logs no console error and makes no request beyond the page itself', () => {
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([pageUrl]);
  });

  it('draws the histogram of pair similarities in bins of 0.05 from the threshold', async () => {
    const bars = page.locator('svg.histogram rect.bar');
    expect(await bars.count()).toBe(10);
    const tooltips = await page.locator('svg.histogram rect.bar title').allTextContents();
    expect(tooltips[0]).toBe('0.5–0.55: 0 pairs');
    const counted = tooltips.map((t) => Number(/: (\d+) pair/.exec(t)![1]));
    expect(counted.reduce((x, y) => x + y, 0)).toBe(result.stats.pairs);
    expect(tooltips[3]).toBe('0.65–0.7: 1 pair'); // 000/001 at 0.668
  });

  it('saves a screenshot of the page', async () => {
    for (const path of screenshots) {
      const png = await readFile(path);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect((await stat(path)).size).toBeGreaterThan(10_000);
    }
  });
});
