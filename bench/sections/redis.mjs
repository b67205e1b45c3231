// 8. Redis: the shared index of neardup/redis (RedisIndex) on a throwaway redis-server that this
//    section starts on a free loopback port (no persistence, temporary --dir) and stops at the end.
//    The same signatures (MinHasher, default options, signed once beforehand) throughout:
//    - insertMany and queryMany throughput, in pipelined batches of 500 (one round trip each), and
//      one call per document on a sample, beside the in-memory LshIndex with the same bands and rows;
//    - end to end: findNearDuplicates(docs, { index }) against findNearDuplicates(docs), in this
//      process, on the same documents (median of the timed runs after a warm-up run, as e2e.mjs);
//    - Redis memory per document: INFO memory used_memory before and after a findNearDuplicates
//      run into a fresh index, for verify 'exact' (records carry shingle sets) and 'estimate',
//      with MEMORY USAGE of the index's keys for a breakdown.
// Every timed insert starts from an empty index of its own (a fresh prefix, connected in a
// tinybench beforeEach hook and dropped in afterEach, untimed), so every iteration does the same work.
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { Bench } from 'tinybench';
import { findNearDuplicates, hashShingles, LshIndex, MinHasher } from '../../dist/index.js';
import { connectRedisIndex } from '../../dist/redis.js';
import { fmt, printTable, spread, utf8Bytes } from '../lib/common.mjs';
import { keep } from '../lib/measure.mjs';

const BATCH = 500;

export async function redis({ docs, quick, internals }) {
  // A throwaway server: test/__helpers__/redisServer.ts, bundled with the other internals.
  const { INSTALL_HINT, redisServerVersion, startRedisServer } = internals;
  const version = redisServerVersion();
  if (version === undefined) {
    // The section fails (the run goes on, then exits non-zero), in quick mode too: CI installs it.
    console.log(`\n8. Redis: FAILED. ${INSTALL_HINT}`);
    process.exitCode = 1;
    process.once('exit', () => console.error(`\nsection 8 (Redis) FAILED: ${INSTALL_HINT}`));
    return { error: INSTALL_HINT };
  }
  const server = await startRedisServer();
  const open = new Set(); // indexes not yet closed, closed on the way out whatever happens
  let admin;
  try {
    admin = new Redis(server.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    admin.on('error', () => {}); // failures surface as rejected commands
    await admin.connect();
    return await measureAll({ docs, quick, url: server.url, admin, version, open });
  } finally {
    for (const index of open) await index.close().catch(() => {});
    if (admin !== undefined) await admin.quit().catch(() => admin.disconnect());
    await server.stop();
  }
}

async function measureAll({ docs, quick, url, admin, version, open }) {
  const info = parseInfo(await admin.info('server'));
  const serverInfo = { version, redisVersion: info.redis_version, allocator: parseInfo(await admin.info('memory')).mem_allocator };
  const sample = quick ? spread(docs, 300) : docs;
  const bytes = utf8Bytes(sample);
  const hasher = new MinHasher();
  const entries = sample.map((d) => ({ id: d.id, signature: hasher.sign(d.text) }));
  const signatures = entries.map((e) => e.signature);
  const entryBatches = chunks(entries, BATCH);
  const signatureBatches = chunks(signatures, BATCH);
  const single = spread(entries, quick ? 50 : 2000); // for the one-call-per-document rows
  let prefixes = 0;
  const connect = async (options = {}) => {
    const index = await connectRedisIndex({ redis: url, prefix: `bench-${++prefixes}`, ...options });
    open.add(index);
    return index;
  };
  // Drops an index and waits until the server has freed it (UNLINK frees big keys in the background).
  const dispose = async (index) => {
    await index.drop();
    await index.close();
    open.delete(index);
    await settle(admin);
  };

  // The index every query runs against: all the signatures.
  const full = await connect();
  for (const batch of entryBatches) await full.insertMany(batch);
  const { bands, rows } = full;
  const lsh = new LshIndex({ bands, rows });
  for (const { id, signature } of entries) lsh.insert(id, signature);
  // Same candidates as the in-memory index, for every query (both exclude empty documents).
  const answers = (await Promise.all(signatureBatches.map((b) => full.queryMany(b)))).flat();
  let candidates = 0;
  let sameCandidates = true;
  for (const [i, answer] of answers.entries()) {
    candidates += answer.length;
    const expected = lsh.query(signatures[i]);
    if (answer.length !== expected.length || !expected.every((id) => answer.includes(id))) sameCandidates = false;
  }

  // Throughput. Inserts go into a new index per iteration (connected before it, dropped after it).
  const settings = quick ? { time: 20, iterations: 2, warmupTime: 0, warmupIterations: 1 } : { time: 4000, iterations: 5, warmupTime: 0, warmupIterations: 1 };
  const bench = new Bench({ ...settings, throws: true });
  const tasks = [];
  const fresh = (count, body) => {
    let index;
    return [
      async () => body(index),
      {
        beforeEach: async () => void (index = await connect()),
        afterEach: async () => {
          const size = await index.size();
          if (size !== count) throw new Error(`expected ${count} documents in the index after an insert iteration, found ${size}`);
          await dispose(index);
        },
      },
    ];
  };
  const task = (name, count, documents, fn, options) => {
    tasks.push({ name, count, documents });
    bench.add(name, fn, options);
  };
  task(`Redis insertMany, batches of ${BATCH} (new index)`, entries.length, entries.length, ...fresh(entries.length, async (index) => {
    for (const batch of entryBatches) await index.insertMany(batch);
  }));
  task('Redis insert, one call each (new index)', single.length, single.length, ...fresh(single.length, async (index) => {
    for (const { id, signature } of single) await index.insert(id, signature);
  }));
  task('in-memory LshIndex insert (new index)', entries.length, entries.length, () => {
    const index = new LshIndex({ bands, rows });
    for (const { id, signature } of entries) index.insert(id, signature);
    keep(index.size);
  });
  task(`Redis queryMany, batches of ${BATCH}`, signatures.length, entries.length, async () => {
    let s = 0;
    for (const batch of signatureBatches) for (const answer of await full.queryMany(batch)) s += answer.length;
    keep(s);
  });
  task('Redis query, one call each', single.length, entries.length, async () => {
    let s = 0;
    for (const { signature } of single) s += (await full.query(signature)).length;
    keep(s);
  });
  task('in-memory LshIndex query', signatures.length, entries.length, () => {
    let s = 0;
    for (const signature of signatures) s += lsh.query(signature).length;
    keep(s);
  });
  await bench.run();
  await dispose(full);
  const throughput = tasks.map(({ name, count, documents }) => {
    const { latency } = bench.getTask(name).result;
    return { task: name, operations: count, indexDocuments: documents, perSecond: count / (latency.mean / 1000), ms: latency.mean, rme: latency.rme, samples: latency.samplesCount };
  });
  const perSecond = (prefix) => throughput.find((r) => r.task.startsWith(prefix)).perSecond;
  printTable(
    `8. Redis index (${serverInfo.redisVersion}, loopback, this machine), ${fmt(entries.length)} signatures of 128 values, ${bands} bands x ${rows} rows; ` +
      `${fmt(candidates / entries.length, 2)} candidates per query (itself included), ${sameCandidates ? 'the same as the in-memory index' : 'DIFFERENT FROM THE IN-MEMORY INDEX'}`,
    throughput,
    [
      ['task', (r) => r.task],
      ['operations', (r) => fmt(r.operations)],
      ['index size', (r) => fmt(r.indexDocuments)],
      ['per second', (r) => fmt(r.perSecond)],
      ['ms per iteration', (r) => fmt(r.ms, 1)],
      ['rme %', (r) => fmt(r.rme, 1)],
    ],
  );

  // Where the time goes: one pass of each, with this process's CPU time and the server's (INFO cpu).
  // The batches go one after the other, so the client's work and the server's add up.
  const cpu = cpuSplit(admin);
  const passes = [];
  {
    const index = await connect();
    try {
      passes.push({ pass: `insertMany, ${fmt(entries.length)} signatures in batches of ${BATCH}`, ...(await cpu(async () => {
        for (const batch of entryBatches) await index.insertMany(batch);
      })) });
      passes.push({ pass: `queryMany, ${fmt(entries.length)} signatures in batches of ${BATCH}`, ...(await cpu(async () => {
        for (const batch of signatureBatches) keep((await index.queryMany(batch)).length);
      })) });
    } finally {
      await dispose(index);
    }
  }

  // End to end, in-memory and Redis alternating, each Redis run into a fresh index (not timed:
  // connecting, dropping).
  const repeats = quick ? 1 : 3;
  const endToEnd = [];
  for (const verify of ['exact', 'estimate']) {
    const splits = [];
    const inMemory = async () => timed(() => findNearDuplicates(sample, { verify }));
    const withRedis = async () => {
      const index = await connect({ verify });
      try {
        const { seconds, clientCpuSeconds, serverCpuSeconds, result } = await cpu(() => findNearDuplicates(sample, { index }));
        splits.push({ clientCpuSeconds, serverCpuSeconds });
        return [seconds, result];
      } finally {
        await dispose(index);
      }
    };
    const warm = [await inMemory(), await withRedis()];
    const runs = { memory: [], redis: [] };
    const digests = new Set(warm.map(([, result]) => digest(result)));
    let indexedMatches = 0;
    for (let r = 0; r < repeats; r++) {
      for (const [which, run] of [['memory', inMemory], ['redis', withRedis]]) {
        const [seconds, result] = await run();
        runs[which].push(seconds);
        digests.add(digest(result));
        if (which === 'redis') indexedMatches += result.indexedMatches.length;
      }
    }
    const [, reference] = warm[0];
    const timedSplits = splits.slice(1); // not the warm-up run's
    const memorySeconds = median(runs.memory);
    const redisSeconds = median(runs.redis);
    endToEnd.push({
      verify,
      documents: sample.length,
      memory: { runs: runs.memory, seconds: memorySeconds, docsPerSecond: sample.length / memorySeconds },
      redis: {
        runs: runs.redis,
        seconds: redisSeconds,
        docsPerSecond: sample.length / redisSeconds,
        clientCpuSeconds: median(timedSplits.map((x) => x.clientCpuSeconds)),
        serverCpuSeconds: median(timedSplits.map((x) => x.serverCpuSeconds)),
      },
      redisSpeedVsMemory: memorySeconds / redisSeconds,
      clusters: reference.clusters.length,
      pairs: reference.stats.pairs,
      identical: digests.size === 1 && indexedMatches === 0,
    });
  }
  printTable(
    `End to end: findNearDuplicates(docs, { index }) vs findNearDuplicates(docs), same process, same ${fmt(sample.length)} documents (${fmt(bytes / 1e6, 1)} MB), default options; median of ${repeats} timed run(s) after a warm-up run`,
    endToEnd,
    [
      ['verify', (r) => r.verify],
      ['in-memory s', (r) => fmt(r.memory.seconds, 3)],
      ['in-memory docs/s', (r) => fmt(r.memory.docsPerSecond)],
      ['Redis s', (r) => fmt(r.redis.seconds, 3)],
      ['Redis docs/s', (r) => fmt(r.redis.docsPerSecond)],
      ['Redis speed ÷ in-memory', (r) => fmt(r.redisSpeedVsMemory, 2)],
      ['pairs', (r) => fmt(r.pairs)],
      ['clusters identical', (r) => (r.identical ? 'yes' : 'NO')],
    ],
  );
  for (const r of endToEnd) {
    passes.push({ pass: `findNearDuplicates(docs, { index }), verify '${r.verify}' (medians of the timed runs)`, seconds: r.redis.seconds, clientCpuSeconds: r.redis.clientCpuSeconds, serverCpuSeconds: r.redis.serverCpuSeconds });
  }
  printTable('Where the Redis time goes: wall time, CPU time of this process (signing, encoding, decoding, verifying) and of redis-server (the Lua scripts), one pass each', passes, [
    ['pass', (r) => r.pass],
    ['wall s', (r) => fmt(r.seconds, 3)],
    ['this process CPU s', (r) => fmt(r.clientCpuSeconds, 3)],
    ['redis-server CPU s', (r) => fmt(r.serverCpuSeconds, 3)],
    ['server µs per document', (r) => fmt((1e6 * r.serverCpuSeconds) / entries.length, 1)],
  ]);

  // Memory in Redis per document: findNearDuplicates into a fresh index, used_memory around it.
  const signaturePayload = sample.reduce((s, d) => s + 8 + Buffer.byteLength(d.id) + 4 * hasher.numPerm, 0);
  const shinglePayload = sample.reduce((s, d) => s + 4 * hashShingles(d.text).length, 0);
  const memoryRows = [];
  for (const verify of ['exact', 'estimate']) {
    const index = await connect({ verify });
    try {
      await settle(admin);
      const before = await usedMemory(admin);
      await findNearDuplicates(sample, { index });
      const after = await usedMemory(admin);
      const size = await index.size();
      const tag = `{${index.prefix}}`;
      const usage = async (key) => Number((await admin.call('MEMORY', 'USAGE', key, 'SAMPLES', '0')) ?? 0);
      const keys = { docs: await usage(`${tag}:docs`), ids: await usage(`${tag}:ids`), meta: await usage(`${tag}:meta`), expiry: await usage(`${tag}:expiry`), bands: await usage(`${tag}:bands`) };
      const payload = signaturePayload + (verify === 'exact' ? shinglePayload : 0);
      memoryRows.push({
        verify,
        documents: size,
        usedMemoryBefore: before,
        usedMemoryAfter: after,
        bytesPerDoc: (after - before) / size,
        recordPayloadPerDoc: payload / size,
        keys,
        perDoc: Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, v / size])),
      });
    } finally {
      await dispose(index);
    }
  }
  printTable(
    `Redis memory per document (INFO used_memory after - before findNearDuplicates into an empty index; then MEMORY USAGE ... SAMPLES 0 of its keys, ÷ documents; record payload = the encoded records' bytes)`,
    memoryRows,
    [
      ['verify', (r) => r.verify],
      ['documents', (r) => fmt(r.documents)],
      ['used_memory B/doc', (r) => fmt(r.bytesPerDoc)],
      ['total MB', (r) => fmt((r.usedMemoryAfter - r.usedMemoryBefore) / 1e6, 1)],
      ['docs hash B/doc', (r) => fmt(r.perDoc.docs)],
      ['of which record payload', (r) => fmt(r.recordPayloadPerDoc)],
      ['ids hash B/doc', (r) => fmt(r.perDoc.ids)],
      [`bands hash (${bands} entries a document) B/doc`, (r) => fmt(r.perDoc.bands)],
    ],
  );
  const insertVsMemory = perSecond('Redis insertMany') / perSecond('in-memory LshIndex insert');
  const queryVsMemory = perSecond('Redis queryMany') / perSecond('in-memory LshIndex query');
  console.log(
    `\nRedis: ${fmt(perSecond('Redis insertMany'))} inserts/s and ${fmt(perSecond('Redis queryMany'))} queries/s in batches of ${BATCH} ` +
      `(${fmt(insertVsMemory, 3)}x and ${fmt(queryVsMemory, 3)}x the in-memory index); end to end ${fmt(endToEnd[0].redisSpeedVsMemory, 2)}x the in-memory speed ` +
      `(verify 'exact'), ${fmt(memoryRows[0].bytesPerDoc)} B/doc in Redis with 'exact', ${fmt(memoryRows[1].bytesPerDoc)} B/doc with 'estimate'.`,
  );
  return {
    server: serverInfo,
    documents: sample.length,
    bytes,
    batch: BATCH,
    bands,
    rows,
    candidatesPerQuery: candidates / entries.length,
    sameCandidates,
    throughput,
    insertsPerSecond: perSecond('Redis insertMany'),
    queriesPerSecond: perSecond('Redis queryMany'),
    insertVsMemory,
    queryVsMemory,
    endToEnd,
    cpu: passes,
    memory: memoryRows,
  };
}

function chunks(items, size) {
  const out = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function timed(fn) {
  const started = performance.now();
  const out = await fn();
  return [(performance.now() - started) / 1000, out];
}

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const digest = (result) => createHash('sha256').update(JSON.stringify(result.clusters)).digest('hex').slice(0, 16);

function parseInfo(text) {
  const out = {};
  for (const line of text.split('\r\n')) {
    const at = line.indexOf(':');
    if (at > 0 && !line.startsWith('#')) out[line.slice(0, at)] = line.slice(at + 1);
  }
  return out;
}

// Runs fn once and resolves to its wall time, this process's CPU time and redis-server's.
function cpuSplit(admin) {
  const serverCpu = async () => {
    const info = parseInfo(await admin.info('cpu'));
    return Number(info.used_cpu_user) + Number(info.used_cpu_sys);
  };
  return async (fn) => {
    const server = await serverCpu();
    const client = process.cpuUsage();
    const started = performance.now();
    const result = await fn();
    const seconds = (performance.now() - started) / 1000;
    const { user, system } = process.cpuUsage(client);
    return { seconds, clientCpuSeconds: (user + system) / 1e6, serverCpuSeconds: (await serverCpu()) - server, result };
  };
}

const usedMemory = async (admin) => Number(parseInfo(await admin.info('memory')).used_memory);

// Waits until the server has no objects left to free in the background (lazyfree, after UNLINK).
async function settle(admin) {
  for (let i = 0; i < 500; i++) {
    if (Number(parseInfo(await admin.info('memory')).lazyfree_pending_objects ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
