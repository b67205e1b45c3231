import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createDeduper, type Match } from '../../src/index.js';
import { connectRedisIndex } from '../../src/redis/index.js';
import { redisUrl, uniquePrefix } from '../__helpers__/redis.js';
import { wholeDocuments } from '../__helpers__/redisIntegrity.js';

// Four processes add 5,000 documents each to one index at the same time (the built package,
// test/redis/concurrentWriter.mjs). Documents k of processes 0 and 1 (and of 2 and 3) are
// near-duplicates, added at about the same moment by two processes.

const PROCESSES = 4;
const PER_PROCESS = 5000;
const writer = fileURLToPath(new URL('./concurrentWriter.mjs', import.meta.url));
const run = promisify(execFile);

interface Added {
  readonly id: string;
  readonly text: string;
  readonly matches: Match[];
}

describe('four processes adding to one index at once', () => {
  const prefix = uniquePrefix('concurrent');
  afterAll(async () => {
    const index = await connectRedisIndex({ redis: redisUrl(), prefix });
    await index.drop();
    await index.close();
  });

  const outputs = (async () => {
    const index = await connectRedisIndex({ redis: redisUrl(), prefix });
    await index.drop();
    await index.close();
    const runs = Array.from({ length: PROCESSES }, (_, p) =>
      run(process.execPath, [writer, redisUrl(), prefix, String(p), String(PROCESSES), String(PER_PROCESS)], { maxBuffer: 256 * 1024 * 1024 }),
    );
    return (await Promise.all(runs)).map(({ stdout }) => JSON.parse(stdout) as Added[]);
  })();

  it('holds every document exactly once, whole', async () => {
    const added = (await outputs).flat();
    expect(added).toHaveLength(PROCESSES * PER_PROCESS);
    const contents = await wholeDocuments(redisUrl(), prefix, { numPerm: 128, bands: 23, rows: 3 });
    expect(contents.ids).toEqual(added.map((a) => a.id).sort());
  });

  it("answers every add as if the adds had run one after another, in the index's order", async () => {
    // The order the index gave the documents (their numbers) is one serial order; replaying it in
    // memory must give every add exactly the matches its process got.
    const added = new Map((await outputs).flat().map((a) => [a.id, a]));
    const redis = new Redis(redisUrl());
    const numbers = await redis.hgetall(`{${prefix}}:ids`);
    redis.disconnect();
    const order = Object.entries(numbers).sort(([, x], [, y]) => Number(x) - Number(y));
    const memory = await createDeduper();
    let compared = 0;
    for (const [id] of order) {
      const { text, matches } = added.get(id)!;
      expect(matches, id).toEqual(await memory.add(id, text));
      compared++;
    }
    expect(compared).toBe(PROCESSES * PER_PROCESS);
  });

  it('lets exactly one of two near-duplicates added at the same moment see the other', async () => {
    const added = new Map((await outputs).flat().map((a) => [a.id, a]));
    let pairs = 0;
    for (let k = 0; k < PER_PROCESS; k++) {
      for (const [x, y] of [[`p0-${k}`, `p1-${k}`], [`p2-${k}`, `p3-${k}`]] as const) {
        const xSeesY = added.get(x)!.matches.some((m) => m.id === y);
        const ySeesX = added.get(y)!.matches.some((m) => m.id === x);
        expect(xSeesY !== ySeesX, `${x} and ${y}`).toBe(true);
        pairs++;
      }
    }
    expect(pairs).toBe(PER_PROCESS * 2);
  });
});
