import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { DuplicateIdError, IncompatibleSignatureError, InvalidOptionError, LshIndex, MinHasher, UnknownOptionError } from '../../src/index.js';
import { connectRedisIndex, IndexMismatchError, IndexUnavailableError } from '../../src/redis/index.js';
import { startRedisServer } from '../__helpers__/redisServer.js';
import { wordSource } from '../__helpers__/random.js';
import { freshIndexes, redisUrl, requireRedisServer, uniquePrefix } from '../__helpers__/redis.js';
import { wholeDocuments } from '../__helpers__/redisIntegrity.js';

const words = wordSource(7);
const hasher = new MinHasher();
// 300 stories, each with a copy that has every 25th word changed (Jaccard above 0.6).
const stories = Array.from({ length: 300 }, () => words(200));
const texts = stories.flatMap((story, i) => [
  { id: `s${i}`, text: story.join(' ') },
  { id: `s${i}-edit`, text: story.map((w, j) => (j % 25 === 3 ? `edit${j}` : w)).join(' ') },
]);
const signed = texts.map(({ id, text }) => ({ id, signature: hasher.sign(text) }));
const signatureOf = (id: string) => signed.find((s) => s.id === id)!.signature;

const index = freshIndexes();

describe('RedisIndex', () => {
  it('finds exactly the candidates the in-memory LshIndex finds', async () => {
    const shared = await index('candidates');
    const memory = new LshIndex();
    await shared.insertMany(signed);
    for (const { id, signature } of signed) memory.insert(id, signature);
    const found = await shared.queryMany(signed.map((s) => s.signature));
    let candidates = 0;
    signed.forEach(({ signature }, i) => {
      expect(found[i]!.sort()).toEqual(memory.query(signature).sort());
      candidates += found[i]!.length;
    });
    expect(candidates).toBeGreaterThanOrEqual(2 * signed.length); // each finds itself and its copy
    expect(await shared.size()).toBe(signed.length);
  });

  it('estimates similarity as the in-memory index does, and knows which ids it holds', async () => {
    const shared = await index('similarity');
    const memory = new LshIndex();
    await shared.insertMany(signed.slice(0, 2));
    for (const { id, signature } of signed.slice(0, 2)) memory.insert(id, signature);
    expect(await shared.similarity('s0', signed[1]!.signature)).toBe(memory.similarity('s0', signed[1]!.signature));
    expect(await shared.similarity('absent', signed[1]!.signature)).toBeUndefined();
    expect([await shared.has('s0'), await shared.has('absent')]).toEqual([true, false]);
  });

  it('removes every trace of a document', async () => {
    const shared = await index('remove');
    await shared.insertMany(signed.slice(0, 20));
    expect(await shared.remove('s3')).toBe(true);
    expect(await shared.remove('s3')).toBe(false);
    expect(await shared.query(signatureOf('s3'))).toEqual(['s3-edit']);
    const contents = await wholeDocuments(redisUrl(), shared.prefix, shared);
    expect(contents.ids).toHaveLength(19);
    expect(contents.bandEntries).toBe(19 * shared.bands);
  });

  it('takes the same document again as a replay, and refuses its id with another signature', async () => {
    const shared = await index('replay');
    await shared.insert('s0', signed[0]!.signature);
    await shared.insert('s0', signed[0]!.signature);
    expect(await shared.size()).toBe(1);
    await expect(shared.insert('s0', signed[2]!.signature)).rejects.toThrow(new DuplicateIdError('s0'));
  });

  it('refuses signatures made with other parameters', async () => {
    const shared = await index('incompatible');
    await expect(shared.insert('x', new MinHasher({ seed: 2 }).sign('a b c d e f'))).rejects.toThrow(IncompatibleSignatureError);
    await expect(shared.query(new MinHasher({ numPerm: 64 }).sign('a b c d e f'))).rejects.toThrow(IncompatibleSignatureError);
  });

  it('lets an expired document disappear from queries at once, and from every band at the next purge', async () => {
    const shared = await index('ttl', { ttl: 0.3 });
    await shared.insertMany(signed.slice(0, 10));
    expect(await shared.query(signed[0]!.signature)).toEqual(expect.arrayContaining(['s0', 's0-edit']));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await shared.query(signed[0]!.signature)).toEqual([]);
    expect([await shared.has('s0'), await shared.size()]).toEqual([false, 0]);
    expect(await shared.purgeExpired()).toBe(10);
    expect((await wholeDocuments(redisUrl(), shared.prefix, shared)).bandEntries).toBe(0);
    // The id is free again: adding it is a new document, not a replay.
    await shared.insert('s0', signed[0]!.signature);
    expect(await shared.has('s0')).toBe(true);
  });

  it('stores its settings, and refuses a process with other settings, naming the first that differs', async () => {
    const shared = await index('settings');
    const connect = (options: object) => connectRedisIndex({ redis: redisUrl(), prefix: shared.prefix, ...options });
    await expect(connect({ numPerm: 64 })).rejects.toThrow(
      `index "${shared.prefix}" was created with numPerm 128, and this process asks for numPerm 64: indexes with other settings cannot be shared`,
    );
    await expect(connect({ seed: 9 })).rejects.toThrow(IndexMismatchError);
    await expect(connect({ scheme: 'kperm' })).rejects.toThrow('was created with scheme oph');
    await expect(connect({ shingleSize: 4 })).rejects.toThrow('was created with shingling word 5, and this process asks for shingling word 4');
    await expect(connect({ verify: 'estimate' })).rejects.toThrow('was created with verify exact');
    await expect(connect({ threshold: 0.8 })).rejects.toThrow('(bands and rows follow from threshold, and the index was created with threshold 0.5');
    const same = await connect({ threshold: 0.5, representative: 'central' });
    await same.close();
  });

  it('refuses a prefix whose keys are not a neardup index', async () => {
    const prefix = uniquePrefix('foreign');
    const redis = new Redis(redisUrl());
    await redis.set(`{${prefix}}:meta`, 'someone else');
    await expect(connectRedisIndex({ redis: redisUrl(), prefix })).rejects.toThrow(
      `the keys of prefix "${prefix}" hold something that is not a neardup index (string): choose another prefix`,
    );
    await redis.del(`{${prefix}}:meta`);
    await redis.hset(`{${prefix}}:ids`, 'a', '1');
    await expect(connectRedisIndex({ redis: redisUrl(), prefix })).rejects.toThrow(IndexMismatchError);
    await redis.del(`{${prefix}}:ids`);
    redis.disconnect();
  });

  it('notices when the index is deleted under it', async () => {
    const shared = await index('deleted');
    await shared.insert('s0', signed[0]!.signature);
    const other = await connectRedisIndex({ redis: redisUrl(), prefix: shared.prefix });
    await other.drop();
    await other.close();
    await expect(shared.insert('s1', signed[1]!.signature)).rejects.toThrow(`index "${shared.prefix}" was deleted while this process used it`);
  });

  it('checks its options at the boundary', async () => {
    await expect(connectRedisIndex({ prefix: '' })).rejects.toThrow(new InvalidOptionError('prefix', 'a string of 1 to 256 characters without { or }', ''));
    await expect(connectRedisIndex({ prefix: 'a}b' })).rejects.toThrow(InvalidOptionError);
    await expect(connectRedisIndex({ ttl: 0 })).rejects.toThrow('ttl must be a number of seconds from 0.001');
    await expect(connectRedisIndex({ numPerm: 512, bands: 300, rows: 1 })).rejects.toThrow('bands must be at most 256 for a Redis index, got 300');
    const urlRule = 'redis must be a redis:// or rediss:// URL, redis://[user:password@]host[:port][/database], or an ioredis client';
    for (const redis of ['http://x', 'redis://', 'redis://127.0.0.1:99999', 'redis://[::1:6401']) {
      await expect(connectRedisIndex({ redis })).rejects.toThrow(`${urlRule}, got ${JSON.stringify(redis)}`);
    }
    await expect(connectRedisIndex({ redis: 'redis://127.0.0.1/abc' })).rejects.toThrow('(the database is a number: redis://host:6379/2)');
    await expect(connectRedisIndex({ redis: 'redis://127.0.0.1/1', cluster: true })).rejects.toThrow('without a database with cluster: true');
    await expect(connectRedisIndex({ redis: redisUrl(), prefx: 'x' } as object)).rejects.toThrow(UnknownOptionError);
    const client = new Redis(redisUrl());
    await expect(connectRedisIndex({ redis: client, clientOptions: {} })).rejects.toThrow('clientOptions must be left unset when redis is a client you made');
    client.disconnect();
  });

  it("keeps the index in the URL's database, and refuses a database the server does not have", async () => {
    const shared = await connectRedisIndex({ redis: `${redisUrl()}/3`, prefix: uniquePrefix('database') });
    await shared.insert('s0', signed[0]!.signature);
    const redis = new Redis(`${redisUrl()}/3`);
    expect(await redis.exists(`{${shared.prefix}}:ids`)).toBe(1);
    redis.disconnect();
    await shared.drop();
    await shared.close();
    await expect(connectRedisIndex({ redis: `${redisUrl()}/99`, prefix: uniquePrefix('database') })).rejects.toThrow(IndexUnavailableError);
    await expect(connectRedisIndex({ redis: `${redisUrl()}/99`, prefix: uniquePrefix('database') })).rejects.toThrow('DB index is out of range');
  });

  it('refuses a server that may evict any key when full: it would take documents apart', async () => {
    requireRedisServer();
    const server = await startRedisServer(['--maxmemory', '100mb', '--maxmemory-policy', 'allkeys-lru']);
    try {
      await expect(connectRedisIndex({ redis: server.url })).rejects.toThrow(
        `Redis at 127.0.0.1:${server.port} failed during connect: the server may evict any key when it is full (maxmemory-policy allkeys-lru)`,
      );
    } finally {
      await server.stop();
    }
  });

  it('says so when it is used after close()', async () => {
    const shared = await connectRedisIndex({ redis: redisUrl(), prefix: uniquePrefix('closed') });
    await shared.close();
    await expect(shared.has('x')).rejects.toThrow(`Redis at ${new URL(redisUrl()).host} failed during has: this index was closed (by its close())`);
    await expect(shared.insert('x', signed[0]!.signature)).rejects.toThrow('failed during add: this index was closed');
  });

  it('uses a client it is given, and leaves it open', async () => {
    const client = new Redis(redisUrl());
    const shared = await connectRedisIndex({ redis: client, prefix: uniquePrefix('given') });
    await shared.insert('s0', signed[0]!.signature);
    await shared.drop();
    await shared.close();
    expect(await client.ping()).toBe('PONG');
    client.disconnect();
  });
});
