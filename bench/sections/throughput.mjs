// 2. Tokenize + shingle throughput, with the floor: the scan that only reads, tokenizes and hashes
//    every shingle of the corpus (what any shingle-based method pays before using the hashes).
// 3. Signature throughput per scheme at 128 permutations, as a fraction of the floor's speed.
//    With it, where the floor's time goes: the scan's loop cut short after each of its steps
//    (bench/lib/scanAnatomy.mjs), over the same pure-ASCII stories.
// All tasks run over the same documents in one tinybench run.
import { forEachShingleHash, hashShingles, MinHasher, shingle } from '../../dist/index.js';
import { fmt, printTable, spread, utf8Bytes } from '../lib/common.mjs';
import { keep, measure } from '../lib/measure.mjs';
import { checkAnatomy, scanAnatomy } from '../lib/scanAnatomy.mjs';

const FLOOR = 'floor: scanShingles (read, tokenize, hash every shingle)';

export async function throughput({ docs, quick, internals }) {
  const sample = quick ? spread(docs, 200) : docs;
  const texts = sample.map((d) => d.text);
  const bytes = utf8Bytes(sample);
  const { scanShingles } = internals;
  const word5 = { kind: 'word', size: 5 };
  const oph = new MinHasher({ scheme: 'oph', numPerm: 128 });
  const kperm = new MinHasher({ scheme: 'kperm', numPerm: 128 });
  const naiveShingles = (text) => {
    const tokens = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    const out = [];
    for (let i = 0; i + 5 <= tokens.length; i++) out.push(tokens.slice(i, i + 5).join(' '));
    return out;
  };
  const ascii = texts.filter((t) => !/[^\x00-\x7f]/.test(t));
  const anatomy = scanAnatomy(ascii, internals);
  checkAnatomy(anatomy, ascii, internals);
  const steps = [
    ['read: copy each story to bytes (encodeInto)', anatomy.read],
    ['+ classify every byte, without a branch', anatomy.classify],
    ['tokenize: find the words, branching at their ends', anatomy.tokenize],
    ['+ token hashes (murmur3, two characters a block)', anatomy.tokenHashes],
    ['+ shingle hashes: the floor, scanShingles', () => { let s = 0; for (const t of ascii) s += scanShingles(t, word5).length; return s; }],
  ];
  // The floor and the signers first, side by side: the allocating tasks after them leave garbage
  // that a later task would pay to collect.
  const tasks = {
    ...Object.fromEntries(steps.map(([name, pass]) => [`step: ${name}`, () => keep(pass())])),
    [FLOOR]: () => { let s = 0; for (const t of texts) s += scanShingles(t, word5).length; keep(s); },
    'sign oph (default)': () => { let s = 0; for (const t of texts) s ^= oph.sign(t).values[0]; keep(s); },
    'sign kperm': () => { let s = 0; for (const t of texts) s ^= kperm.sign(t).values[0]; keep(s); },
    'forEachShingleHash (public streaming form)': () => { let s = 0; for (const t of texts) forEachShingleHash(t, (h) => { s ^= h; }); keep(s); },
    'hashShingles (sorted distinct set)': () => { let s = 0; for (const t of texts) s += hashShingles(t).length; keep(s); },
    'shingle (readable strings)': () => { let s = 0; for (const t of texts) s += shingle(t).length; keep(s); },
    'naive: toLowerCase + regex + join 5-word windows': () => { let s = 0; for (const t of texts) s += naiveShingles(t).length; keep(s); },
  };
  const settings = quick ? { time: 20, iterations: 2, warmupTime: 0, warmupIterations: 1 } : { time: 3000, iterations: 12, warmupTime: 300, warmupIterations: 1, rounds: 6, collectEach: true };
  const times = await measure(tasks, settings);
  const floorMs = times[FLOOR].ms;
  const row = (name) => {
    const { ms, rme } = times[name];
    return { task: name, docsPerSecond: sample.length / (ms / 1000), mbPerSecond: bytes / 1e6 / (ms / 1000), timeVsFloor: ms / floorMs, speedVsFloor: floorMs / ms, rme };
  };
  const shingling = Object.keys(tasks).filter((n) => !n.startsWith('sign') && !n.startsWith('step')).map(row);
  const floorOfSteps = times[`step: ${steps.at(-1)[0]}`].ms;
  const anatomyRows = steps.map(([name], i) => {
    const { ms, rme } = times[`step: ${name}`];
    const before = i === 0 ? 0 : times[`step: ${steps[i - 1][0]}`].ms;
    // Step 3 does not build on step 2 (it branches instead): its cost is counted from step 1.
    const base = i === 2 ? times[`step: ${steps[0][0]}`].ms : before;
    return { step: name, ms, addedMs: ms - base, shareOfFloor: ms / floorOfSteps, rme };
  });
  const signing = [row(FLOOR), row('sign oph (default)'), row('sign kperm')];
  const sampleNote = `${fmt(sample.length)} documents, ${fmt(bytes / 1e6, 1)} MB`;
  printTable(`2. Tokenize + shingle throughput (${sampleNote}, word 5-shingles)`, shingling, [
    ['task', (r) => r.task],
    ['MB/s', (r) => fmt(r.mbPerSecond, 1)],
    ['docs/s', (r) => fmt(r.docsPerSecond)],
    ['time ÷ floor', (r) => fmt(r.timeVsFloor, 2)],
    ['rme %', (r) => fmt(r.rme, 1)],
  ]);
  printTable(`2b. Where the floor's time goes (${fmt(ascii.length)} pure-ASCII stories: the scan's loop stopped after each step)`, anatomyRows, [
    ['step', (r) => r.step],
    ['ms a pass', (r) => fmt(r.ms, 1)],
    ['ms added', (r) => fmt(r.addedMs, 1)],
    ['÷ floor', (r) => fmt(r.shareOfFloor, 2)],
    ['rme %', (r) => fmt(r.rme, 1)],
  ]);
  printTable(`3. Signature throughput (${sampleNote}, 128 permutations; target: oph speed >= 0.7 of the floor)`, signing, [
    ['task', (r) => r.task],
    ['docs/s', (r) => fmt(r.docsPerSecond)],
    ['MB/s', (r) => fmt(r.mbPerSecond, 1)],
    ['speed ÷ floor', (r) => fmt(r.speedVsFloor, 2)],
    ['rme %', (r) => fmt(r.rme, 1)],
  ]);
  return { documents: sample.length, bytes, shingling, anatomy: anatomyRows, signing, ophVsFloor: floorMs / times['sign oph (default)'].ms };
}
