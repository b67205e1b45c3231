import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNearDuplicates, IndexUnavailableError, type Document } from '../../src/index.js';
import { connectRedisIndex, type RedisIndex } from '../../src/redis/index.js';
import { requireRedisServer } from '../__helpers__/redis.js';
import { startRedisServer, type RedisServer } from '../__helpers__/redisServer.js';
import { wholeDocuments } from '../__helpers__/redisIntegrity.js';

// Redis killed (SIGKILL, as a crash would stop it) in the middle of a batch insert, then started
// again from its append-only file.

const subset = readFileSync(fileURLToPath(new URL('../fixtures/reuters-subset.jsonl', import.meta.url)), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Document);
// Twice the subset (the second copy with a line added), so that the run lasts long enough to be cut.
const docs = [...subset, ...subset.map(({ id, text }) => ({ id: `${id}-copy`, text: `${text}\nReported by a second desk.` }))];
const settings = { numPerm: 128, bands: 23, rows: 3 };

describe('Redis killed during a batch insert', () => {
  let server: RedisServer;
  let index: RedisIndex;
  const prefix = 'faults';
  beforeAll(async () => {
    requireRedisServer();
    // Every write is on disk before Redis answers it, so a crash loses no acknowledged document.
    server = await startRedisServer(['--appendonly', 'yes', '--appendfsync', 'always']);
    // An operation waits this long for the client to reconnect before it fails (default 10 s).
    index = await connectRedisIndex({ redis: server.url, prefix, clientOptions: { connectTimeout: 1000 } });
  });
  afterAll(async () => {
    await index?.close();
    await server?.stop();
  });

  it('fails with a clear error, keeps only whole documents, and completes when the batch runs again', async () => {
    const expected = await findNearDuplicates(docs);

    // Kill the server once a quarter of the documents are in.
    const watcher = new Redis(server.url);
    const run = findNearDuplicates(docs, { index });
    const outcome = run.then(
      () => undefined,
      (error: unknown) => error,
    );
    let killedAt = 0;
    for (;;) {
      killedAt = await watcher.hlen(`{${prefix}}:ids`);
      if (killedAt >= docs.length / 4) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    watcher.disconnect();
    await server.kill();

    // A clear error, not a hang (the test's timeout would catch a hang).
    const error = await outcome;
    expect(error).toBeInstanceOf(IndexUnavailableError);
    expect((error as Error).message).toMatch(
      new RegExp(`^Redis at 127\\.0\\.0\\.1:${server.port} failed during add \\(\\d+ documents\\): the connection was lost .*; at least \\d+ of them were added before the failure \\(the server may have run more whose answers were lost\\), each whole or not at all: add the same batch again when the server is back \\(the added ones replay\\)$`),
    );

    const completed = (error as IndexUnavailableError).completed!;
    expect((error as Error).message).toContain(`; at least ${completed} of them were added before the failure`);

    // Back from its append-only file: whole documents only, and fewer than all of them.
    await server.restart();
    const afterCrash = await wholeDocuments(server.url, prefix, settings);
    expect(afterCrash.ids.length).toBeGreaterThanOrEqual(killedAt);
    expect(afterCrash.ids.length).toBeLessThan(docs.length);

    // The same run again, on the same index object (its client reconnects): nothing lost or twice.
    const again = await findNearDuplicates(docs, { index });
    expect(again.clusters).toEqual(expected.clusters);
    expect(again.indexedMatches).toEqual([]);
    const complete = await wholeDocuments(server.url, prefix, settings);
    expect(complete.ids).toEqual(docs.map((d) => d.id).sort());
    expect(await index.size()).toBe(docs.length);
  });

  it('refuses operations while the server is down, with the same error, and works once it is back', async () => {
    await server.kill();
    await expect(index.has(docs[0]!.id)).rejects.toThrow(IndexUnavailableError);
    await expect(index.has(docs[0]!.id)).rejects.toThrow(`Redis at 127.0.0.1:${server.port} failed during has`);
    await server.restart();
    expect(await index.has(docs[0]!.id)).toBe(true);
  });
});
