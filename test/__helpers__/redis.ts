import { afterAll, inject } from 'vitest';
import { connectRedisIndex, type RedisIndex, type RedisIndexOptions } from '../../src/redis/index.js';
import { INSTALL_HINT, hasRedisServer } from './redisServer.js';

/**
 * The URL of the test run's redis-server. Throws (so the test fails, never skips) when there is
 * none, saying how to install it.
 */
export function redisUrl(): string {
  const redis = inject('redis');
  if ('error' in redis) throw new Error(redis.error);
  return redis.url;
}

/** Throws the install hint unless redis-server can be started (for tests that start their own). */
export function requireRedisServer(): void {
  if (!hasRedisServer()) throw new Error(INSTALL_HINT);
}

let next = 0;

/** A prefix no other test uses. */
export function uniquePrefix(name: string): string {
  return `test:${name}:${process.pid}:${next++}`;
}

/** Connects a fresh index (dropped first, in case a previous run left it) on the shared server. */
export async function freshIndex(name: string, options: RedisIndexOptions = {}): Promise<RedisIndex> {
  const prefix = options.prefix ?? uniquePrefix(name);
  const first = await connectRedisIndex({ redis: redisUrl(), ...options, prefix });
  await first.drop();
  await first.close();
  return connectRedisIndex({ redis: redisUrl(), ...options, prefix });
}

/**
 * For a test file: a function that connects fresh indexes on the shared server (see
 * {@link freshIndex}), each dropped and closed after the file's tests.
 */
export function freshIndexes(): (name: string, options?: RedisIndexOptions) => Promise<RedisIndex> {
  const opened: RedisIndex[] = [];
  afterAll(async () => {
    for (const index of opened) {
      await index.drop().catch(() => {}); // a test may have dropped or closed it already
      await index.close();
    }
  });
  return async (name, options = {}) => {
    const index = await freshIndex(name, options);
    opened.push(index);
    return index;
  };
}
