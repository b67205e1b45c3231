import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNearDuplicates, type Document } from '../../src/index.js';
import { connectRedisIndex, IndexUnavailableError, type RedisIndex } from '../../src/redis/index.js';
import { ARTICLE_000, ARTICLE_001, article } from '../__helpers__/articles.js';
import { redisUrl, requireRedisServer } from '../__helpers__/redis.js';
import { freePort, startRedisServer, type RedisServer } from '../__helpers__/redisServer.js';
import { rejection } from '../__helpers__/thrown.js';

// A Redis Cluster of three masters, made for this file: an index is one hash tag ({prefix}), so
// all its keys are in one slot, on one master, and each index may be on another.

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

const seeds = ['000_912c03f999ecb889.txt', '001_b93039228490cdd2.txt', '002_225f6cc3ca976ca7.txt', '003_263d6c9119b7a74b.txt', '004_91963fac4861a865.txt'].map((id) => ({
  id,
  text: article(id),
}));

function readDocs(path: string, count: number): Document[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, count)
    .map((line) => {
      const { id, text } = JSON.parse(line) as { id: string | number; text: string };
      return { id: String(id), text };
    });
}

function redisCli(port: number, ...args: string[]): string {
  return execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { encoding: 'utf8' }).trim();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Fixed prefixes: a cluster made anew for each run holds nothing else.
const PREFIXES = ['news', 'sport', 'finance', 'weather', 'culture', 'science'];

const nodes: RedisServer[] = [];
let seed: string;

beforeAll(async () => {
  requireRedisServer();
  for (let i = 0; i < 3; i++) {
    // The cluster bus gets a free port of its own (the default, port + 10000, may be taken or too high).
    const busPort = await freePort();
    nodes.push(
      await startRedisServer(['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '2000', '--cluster-port', String(busPort)]),
    );
  }
  execFileSync('redis-cli', ['--cluster', 'create', ...nodes.map((node) => `127.0.0.1:${node.port}`), '--cluster-replicas', '0', '--cluster-yes'], { stdio: 'ignore' });
  const deadline = Date.now() + 15_000;
  while (!nodes.every((node) => redisCli(node.port, 'CLUSTER', 'INFO').includes('cluster_state:ok'))) {
    if (Date.now() > deadline) throw new Error(`the cluster did not reach cluster_state:ok:\n${redisCli(nodes[0]!.port, 'CLUSTER', 'INFO')}`);
    await sleep(50);
  }
  seed = `redis://127.0.0.1:${nodes[0]!.port}`;
}, 30_000);

const opened: RedisIndex[] = [];
async function clusterIndex(prefix: string, at = seed): Promise<RedisIndex> {
  const index = await connectRedisIndex({ redis: at, cluster: true, prefix });
  opened.push(index);
  return index;
}

afterAll(async () => {
  for (const index of opened) await index.close();
  for (const node of nodes) await node.stop();
});

/** The port of the master that serves `slot`, from CLUSTER NODES (lines: id addr flags master ping pong epoch link slot...). */
function masterOf(slot: number): number {
  for (const line of redisCli(nodes[0]!.port, 'CLUSTER', 'NODES').split('\n')) {
    const [, addr, flags, , , , , , ...slots] = line.split(' ');
    if (!flags!.includes('master')) continue;
    for (const range of slots) {
      const [from, to = from] = range.split('-').map(Number);
      if (slot >= from! && slot <= to!) return Number(addr!.split('@')[0]!.split(':')[1]);
    }
  }
  throw new Error(`no master serves slot ${slot}`);
}

describe('a Redis Cluster', () => {
  it('finds the same clusters as the in-memory index on the seed articles', async () => {
    const { clusters } = await findNearDuplicates(seeds, { index: await clusterIndex('seeds') });
    expect(clusters).toEqual((await findNearDuplicates(seeds)).clusters);
    expect(clusters.map((c) => c.ids)).toEqual([[ARTICLE_000, ARTICLE_001]]);
  });

  it('finds the same clusters as the in-memory index on 1000 Reuters stories', async () => {
    const docs = readDocs(`${fixtures}reuters-subset.jsonl`, 1000);
    const inMemory = await findNearDuplicates(docs);
    const shared = await findNearDuplicates(docs, { index: await clusterIndex('reuters') });
    expect(shared.clusters.length).toBeGreaterThan(20);
    expect(shared.clusters).toEqual(inMemory.clusters);
    expect(shared.stats.pairs).toBe(inMemory.stats.pairs);
  });

  it('keeps each index in the slot of its prefix, indexes on different masters, all of them working', async () => {
    const masters = new Map<string, number>();
    for (const prefix of PREFIXES) {
      const index = await clusterIndex(prefix);
      const found = await findNearDuplicates(seeds, { index });
      expect(found.clusters.map((c) => c.ids)).toEqual([[ARTICLE_000, ARTICLE_001]]);
      expect(await index.size()).toBe(seeds.length);
      const slot = Number(redisCli(nodes[0]!.port, 'CLUSTER', 'KEYSLOT', `{${prefix}}:meta`));
      const port = masterOf(slot);
      // Without -c, redis-cli answers MOVED on a node that does not hold the key: the index is on its master.
      expect(redisCli(port, 'EXISTS', `{${prefix}}:meta`)).toBe('1');
      expect(redisCli(port, 'EXISTS', `{${prefix}}:bands`)).toBe('1');
      masters.set(prefix, port);
    }
    // The six fixed prefixes hash to slots of all three masters' ranges.
    expect(new Set(masters.values()).size).toBe(3);
  });

  it('removes, finds and counts documents of an index on any master, reached through any node', async () => {
    for (const prefix of PREFIXES) {
      const index = await clusterIndex(`${prefix}-edit`, `redis://127.0.0.1:${nodes[2]!.port}`);
      await findNearDuplicates(seeds, { index });
      expect(await index.has(ARTICLE_000)).toBe(true);
      expect(await index.remove(ARTICLE_000)).toBe(true);
      expect(await index.remove(ARTICLE_000)).toBe(false);
      expect(await index.has(ARTICLE_000)).toBe(false);
      expect(await index.size()).toBe(seeds.length - 1);
    }
  });

  it('refuses a node given without cluster: true when the prefix lives on another master, saying to give it', async () => {
    let refused = 0;
    for (const prefix of PREFIXES) {
      const slot = Number(redisCli(nodes[0]!.port, 'CLUSTER', 'KEYSLOT', `{${prefix}}:meta`));
      const port = masterOf(slot);
      const connecting = connectRedisIndex({ redis: seed, prefix });
      if (port === nodes[0]!.port) {
        // The seed node holds this one's slot: a plain client works with it.
        await (await connecting).close();
        continue;
      }
      const error = await rejection(IndexUnavailableError, connecting);
      expect(error.message).toBe(
        `Redis at 127.0.0.1:${nodes[0]!.port} failed during connect: the server is a node of a Redis Cluster, and the index's keys are on another node ` +
          `(MOVED ${slot} 127.0.0.1:${port}); give cluster: true`,
      );
      refused++;
    }
    expect(refused).toBeGreaterThan(0);
  });

  it('refuses cluster: true on a server that is not a cluster node, saying to leave it unset', async () => {
    const at = new URL(redisUrl()).host;
    const error = await rejection(IndexUnavailableError, connectRedisIndex({ redis: redisUrl(), cluster: true, prefix: 'x' }));
    expect(error.message).toBe(`Redis at ${at} failed during connect: the server is not a node of a Redis Cluster (ERR This instance has cluster support disabled); leave cluster unset`);
  }, 5000);

  it('refuses cluster: true where nothing listens, at once', async () => {
    const at = `127.0.0.1:${await freePort()}`;
    const error = await rejection(IndexUnavailableError, connectRedisIndex({ redis: `redis://${at}`, cluster: true, prefix: 'x' }));
    // ioredis asks the seed node for the slots on a connection of its own, whose ECONNREFUSED it
    // drops: all it reports is that the connection closed.
    expect(error.message).toBe(`Redis at ${at} failed during connect: the connection was lost (Connection is closed.)`);
  }, 5000);

  // Last: it breaks the cluster.
  it('fails, without hanging, when a master is lost and the cluster is down', async () => {
    const before = await Promise.all(PREFIXES.map((prefix) => clusterIndex(prefix)));
    const lost = nodes[2]!;
    await lost.kill();
    const deadline = Date.now() + 15_000;
    while (!redisCli(nodes[0]!.port, 'CLUSTER', 'INFO').includes('cluster_state:fail')) {
      if (Date.now() > deadline) throw new Error('the cluster did not notice the lost master');
      await sleep(100);
    }
    // Operations give up after ioredis's retries (16 redirections, 100 ms apart): the server's
    // CLUSTERDOWN, or the lost connection for an index that lived on the lost master.
    const errors = await Promise.all(before.map((index) => rejection(IndexUnavailableError, index.size())));
    for (const [position, error] of errors.entries()) {
      const onLost = masterOf(Number(redisCli(nodes[0]!.port, 'CLUSTER', 'KEYSLOT', `{${PREFIXES[position]}}:meta`))) === lost.port;
      expect(error.message).toBe(
        `Redis at 127.0.0.1:${nodes[0]!.port} failed during size: ${onLost ? 'the connection was lost (Connection is closed.)' : 'CLUSTERDOWN The cluster is down'}`,
      );
    }
    // A new connection fails the ready check (cluster_state:fail) again and again: it gives up after connectTimeout.
    const error = await rejection(IndexUnavailableError, connectRedisIndex({ redis: seed, cluster: true, prefix: 'news', clientOptions: { connectTimeout: 1000 } }));
    expect(error.message).toBe(
      `Redis at 127.0.0.1:${nodes[0]!.port} failed during connect: no connection after 1000 ms (is the cluster up? CLUSTER INFO must say cluster_state:ok)`,
    );
  }, 20_000);
});
