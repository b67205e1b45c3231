// One of the processes of test/redis/concurrency.test.ts: adds its 5,000 documents to a shared
// Redis index through a deduper, in batches, and prints what it added and each add's matches.
// Usage: node concurrentWriter.mjs URL PREFIX PROCESS PROCESSES COUNT
import { createDeduper } from '../../dist/index.js';
import { connectRedisIndex } from '../../dist/redis.js';

const [url, prefix, processArg, processesArg, countArg] = process.argv.slice(2);
const me = Number(processArg);
const processes = Number(processesArg);
const count = Number(countArg);

// A seeded word source, so that every run writes the same documents.
function words(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return `w${((t ^ (t >>> 14)) >>> 0) % 50_000}`;
  };
}

// Documents k of processes 2i and 2i+1 are copies of one story with 4 different edits each (Jaccard
// 136/176 = 0.77): each pair is added by two processes at about the same moment.
function documentOf(process, k) {
  const story = Math.floor((k * processes + process) / 2);
  const next = words(story + 1);
  const text = Array.from({ length: 160 }, (_, i) => (i % 40 === 7 ? `edit-${process}-${i}` : next())).join(' ');
  return { id: `p${process}-${k}`, text };
}

const index = await connectRedisIndex({ redis: url, prefix });
const deduper = await createDeduper({ index });
const docs = Array.from({ length: count }, (_, k) => documentOf(me, k));
const results = [];
for (let start = 0; start < docs.length; start += 250) {
  const batch = docs.slice(start, start + 250);
  const matches = await deduper.addMany(batch);
  batch.forEach((doc, i) => results.push({ id: doc.id, text: doc.text, matches: matches[i] }));
}
await index.close();
process.stdout.write(JSON.stringify(results));
