// 1. Hashing speed: xxhash-wasm against the MurmurHash3_x86_32 that neardup uses on its hot path,
//    per shingle-sized input (real 5-word shingles of the corpus) and per whole article (~5 KB).
import xxhash from 'xxhash-wasm';
import { hashShingles, shingle } from '../../dist/index.js';
import { fmt, printTable, spread, utf8Bytes } from '../lib/common.mjs';
import { keep, measure } from '../lib/measure.mjs';

export async function hashing({ docs, quick, internals }) {
  const { h32, h64, h32Raw, h64Raw } = await xxhash();
  const { murmur3Words, murmur3Scrambled, murmur3Bytes, scrambleBlock, hashToken, SHINGLE_SEED } = internals;
  const encoder = new TextEncoder();

  // Real 5-word shingles, spread over the corpus; their tokens are already normalized.
  const all = [];
  for (const d of spread(docs, quick ? 200 : 2000)) for (const s of shingle(d.text)) if (s.split(' ').length === 5) all.push(s);
  const strings = spread(all, quick ? 1000 : 10000);
  const bytes = strings.map((s) => encoder.encode(s));
  const words = new Uint32Array(strings.length * 5); // the 5 token hashes of each shingle
  strings.forEach((s, i) => s.split(' ').forEach((token, t) => (words[i * 5 + t] = hashToken(token))));
  const wordBytes = strings.map((_, i) => new Uint8Array(words.buffer, i * 20, 20));
  // When the window slides, a shingle costs one new token hash plus the shingle hash.
  const lastTokens = strings.map((s) => s.slice(s.lastIndexOf(' ') + 1));
  // The hot path scrambles each token hash once (it is in 5 windows) and hashes each window with
  // murmur3Scrambled: the same value as murmur3Words over the token hashes. Check both against the
  // package's shingle hashes.
  const scrambled = Int32Array.from(words, (w) => scrambleBlock(w));
  const expected = murmur3Words(words, 0, 5, SHINGLE_SEED);
  if (!hashShingles(strings[0]).includes(expected) || murmur3Scrambled(scrambled, 0, 5, SHINGLE_SEED) !== expected) throw new Error('murmur3Words and murmur3Scrambled do not reproduce the shingle hash');

  // Whole articles of about 5 KB.
  const articles = docs
    .map((d) => ({ text: d.text, size: Buffer.byteLength(d.text) }))
    .sort((a, b) => Math.abs(a.size - 5000) - Math.abs(b.size - 5000))
    .slice(0, quick ? 10 : 100)
    .map((a) => a.text);
  const articleBytes = articles.map((s) => encoder.encode(s));

  const n = strings.length;
  const m = articles.length;
  const shingleTasks = {
    'xxhash h32(string)': () => { let s = 0; for (let i = 0; i < n; i++) s ^= h32(strings[i]); keep(s); },
    'xxhash h64(string)': () => { let s = 0; for (let i = 0; i < n; i++) if (h64(strings[i]) === 0n) s++; keep(s); },
    'xxhash h32Raw(UTF-8 bytes)': () => { let s = 0; for (let i = 0; i < n; i++) s ^= h32Raw(bytes[i]); keep(s); },
    'xxhash h64Raw(UTF-8 bytes)': () => { let s = 0; for (let i = 0; i < n; i++) if (h64Raw(bytes[i]) === 0n) s++; keep(s); },
    'xxhash h32Raw(5 token hashes, 20 bytes)': () => { let s = 0; for (let i = 0; i < n; i++) s ^= h32Raw(wordBytes[i]); keep(s); },
    'murmur3 hashToken(string, UTF-16)': () => { let s = 0; for (let i = 0; i < n; i++) s ^= hashToken(strings[i]); keep(s); },
    'murmur3Bytes(UTF-8 bytes)': () => { let s = 0; for (let i = 0; i < n; i++) s ^= murmur3Bytes(bytes[i], SHINGLE_SEED); keep(s); },
    'murmur3Words(5 token hashes)': () => { let s = 0; for (let i = 0; i < n; i++) s ^= murmur3Words(words, i * 5, 5, SHINGLE_SEED); keep(s); },
    'murmur3Scrambled(5 token hashes, pre-scrambled): neardup hot path': () => { let s = 0; for (let i = 0; i < n; i++) s ^= murmur3Scrambled(scrambled, i * 5, 5, SHINGLE_SEED); keep(s); },
    'hashToken(new token) + scramble + murmur3Scrambled: per shingle in the scan': () => {
      let s = 0;
      for (let i = 0; i < n; i++) s ^= scrambleBlock(hashToken(lastTokens[i])) ^ murmur3Scrambled(scrambled, i * 5, 5, SHINGLE_SEED);
      keep(s);
    },
  };
  const articleTasks = {
    'xxhash h32(string)': () => { let s = 0; for (let i = 0; i < m; i++) s ^= h32(articles[i]); keep(s); },
    'xxhash h64(string)': () => { let s = 0; for (let i = 0; i < m; i++) if (h64(articles[i]) === 0n) s++; keep(s); },
    'xxhash h32Raw(UTF-8 bytes)': () => { let s = 0; for (let i = 0; i < m; i++) s ^= h32Raw(articleBytes[i]); keep(s); },
    'xxhash h64Raw(UTF-8 bytes)': () => { let s = 0; for (let i = 0; i < m; i++) if (h64Raw(articleBytes[i]) === 0n) s++; keep(s); },
    'murmur3 hashToken(string, UTF-16)': () => { let s = 0; for (let i = 0; i < m; i++) s ^= hashToken(articles[i]); keep(s); },
    'murmur3Bytes(UTF-8 bytes)': () => { let s = 0; for (let i = 0; i < m; i++) s ^= murmur3Bytes(articleBytes[i], SHINGLE_SEED); keep(s); },
  };
  // Every function once over its inputs first, so that the engine's tiering (xxhash's WebAssembly
  // included) is done before the first measured task, which is the baseline of the ratios.
  for (const fn of [...Object.values(shingleTasks), ...Object.values(articleTasks)]) for (let r = 0; r < 3; r++) fn();
  const settings = quick ? { time: 15, iterations: 4, warmupTime: 5, warmupIterations: 2 } : { time: 400, iterations: 20, warmupTime: 100, warmupIterations: 5 };
  const groups = [
    { input: 'shingle', count: n, inputBytes: bytes.reduce((s, b) => s + b.length, 0), times: await measure(shingleTasks, settings) },
    { input: 'article', count: m, inputBytes: utf8Bytes(articles.map((text) => ({ text }))), times: await measure(articleTasks, settings) },
  ];

  const rows = [];
  for (const { input, count, inputBytes, times } of groups) {
    const base = times['xxhash h32(string)'].ms;
    for (const [name, { ms, rme }] of Object.entries(times)) {
      rows.push({
        input: `${input} (${fmt(inputBytes / count)} B avg, ${count} inputs)`,
        function: name,
        nsPerOp: (ms * 1e6) / count,
        mbPerSecond: inputBytes / 1e6 / (ms / 1000),
        speedVsXxhashH32String: base / ms,
        rme,
      });
    }
  }
  printTable('1. Hashing speed (MB/s of the input text, UTF-8; speed ratio > 1 means faster than xxhash h32 on the string)', rows, [
    ['input', (r) => r.input, 'left'],
    ['function', (r) => r.function, 'left'],
    ['ns/op', (r) => fmt(r.nsPerOp, 1)],
    ['MB/s', (r) => fmt(r.mbPerSecond, 0)],
    ['speed ÷ xxhash h32(string)', (r) => fmt(r.speedVsXxhashH32String, 2)],
    ['rme %', (r) => fmt(r.rme, 1)],
  ]);
  console.log(`
Note: neardup's hot path never materializes shingle strings. It hashes each token once while
scanning the text (murmur3 over its UTF-16 code units), scrambles that hash once for murmur3, and
hashes each shingle over its 5 token hashes (20 bytes) with murmur3Scrambled: the value of
murmur3Words, without scrambling each token again in each of its 5 windows. So the fair
per-shingle comparison is "murmur3Scrambled" against xxhash on the same 20 bytes ("h32Raw(5 token
hashes)"), and "hashToken(new token) + scramble + murmur3Scrambled" is all the hashing a shingle
costs in the scan; the string and UTF-8 rows need the shingle string built first, which costs more
than hashing it (section 2: shingle() vs the scan).`);
  return { shingleBytesAvg: groups[0].inputBytes / n, articleBytesAvg: groups[1].inputBytes / m, rows };
}
