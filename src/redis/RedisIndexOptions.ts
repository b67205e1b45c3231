import type { Cluster, ClusterOptions, Redis, RedisOptions } from 'ioredis';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { NEARDUP_OPTIONS, resolveNeardupOptions, type NeardupOptions, type ResolvedNeardupOptions } from '../dedupe/NeardupOptions.js';
import { optionsObject } from '../internal/validate.js';

/**
 * Options of {@link connectRedisIndex}: where the index lives, its name, how long documents stay,
 * and the pipeline's {@link NeardupOptions} (numPerm, seed, scheme, shingling, bands and rows,
 * verify), which every process sharing the index must give alike.
 */
export interface RedisIndexOptions extends NeardupOptions {
  /**
   * The server: a `redis://` or `rediss://` (TLS) URL, with user, password and database number
   * in it if needed (`redis://user:secret@host:6379/2`); or an ioredis client (`Redis` or
   * `Cluster`) you made yourself, which the index uses as it is and never closes.
   * @defaultValue 'redis://127.0.0.1:6379'
   */
  readonly redis?: string | Redis | Cluster;
  /**
   * The index's name: every key it writes starts with `{prefix}:`. Processes that give the same
   * prefix share one index; other prefixes are other indexes. The braces make it a hash tag, so
   * that in Redis Cluster all keys of one index are in one slot (see the README).
   * @defaultValue 'neardup'
   */
  readonly prefix?: string;
  /**
   * Seconds a document stays in the index after it is added; then no query finds it any more,
   * and its entries are deleted from every band by the next write of any process (or by
   * {@link RedisIndex.purgeExpired}). Fractions are allowed. Each process sets its own: the
   * expiry is stored with each document.
   * @defaultValue undefined (documents stay until removed)
   */
  readonly ttl?: number;
  /**
   * Options for the client made from the `redis` URL, passed to ioredis as they are: `tls`
   * (certificates), `username` and `password` (an ACL user), `connectTimeout`, `commandTimeout`...
   * For a cluster they are the options of each node's connection. Not allowed with a client you
   * made: configure that one directly.
   * @defaultValue {}
   */
  readonly clientOptions?: RedisOptions;
  /**
   * Whether the `redis` URL is a node of a Redis Cluster (the others are discovered from it).
   * @defaultValue false
   */
  readonly cluster?: boolean;
  /**
   * Options of the cluster client made with `cluster: true`, passed to ioredis's `Cluster` as they
   * are (`natMap`, `scaleReads`...). `clientOptions` become its `redisOptions`.
   * @defaultValue {}
   */
  readonly clusterOptions?: ClusterOptions;
}

/** The keys of {@link RedisIndexOptions}, for refusing unknown ones. */
export const REDIS_INDEX_OPTIONS: Readonly<Record<keyof RedisIndexOptions, true>> = {
  ...NEARDUP_OPTIONS,
  redis: true,
  prefix: true,
  ttl: true,
  clientOptions: true,
  cluster: true,
  clusterOptions: true,
};

/** The default server of {@link RedisIndexOptions.redis}. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
/** The default {@link RedisIndexOptions.prefix}. */
export const DEFAULT_PREFIX = 'neardup';

/** The most bands a Redis index takes: a bucket names its band in one byte. */
export const MAX_REDIS_BANDS = 256;

/** {@link RedisIndexOptions} validated, with defaults filled in. */
export interface ResolvedRedisIndexOptions {
  readonly neardup: ResolvedNeardupOptions;
  readonly redis: string | Redis | Cluster;
  /** The database number in the URL (0 when none, or for a client). */
  readonly database: number;
  readonly prefix: string;
  /** Milliseconds, 0 for none. */
  readonly ttlMs: number;
  readonly clientOptions: RedisOptions;
  readonly cluster: boolean;
  readonly clusterOptions: ClusterOptions;
}

/**
 * Validates options and fills in defaults.
 * @throws {InvalidOptionError} naming the first option that breaks its rule.
 */
export function resolveRedisIndexOptions(options: RedisIndexOptions | undefined): ResolvedRedisIndexOptions {
  const { redis = DEFAULT_REDIS_URL, prefix = DEFAULT_PREFIX, ttl, clientOptions, cluster = false, clusterOptions, ...rest } = optionsObject(
    'options',
    options,
    REDIS_INDEX_OPTIONS,
  );
  const neardup = resolveNeardupOptions(rest);
  if (neardup.bands > MAX_REDIS_BANDS) throw new InvalidOptionError('bands', `at most ${MAX_REDIS_BANDS} for a Redis index`, neardup.bands);
  let database = 0;
  if (typeof redis === 'string') {
    database = databaseOf(redis, cluster === true);
  } else if (redis === null || typeof redis !== 'object' || typeof (redis as { pipeline?: unknown }).pipeline !== 'function') {
    throw new InvalidOptionError('redis', 'a redis:// or rediss:// URL, or an ioredis client', redis);
  } else if (clientOptions !== undefined || clusterOptions !== undefined || cluster) {
    const name = clientOptions !== undefined ? 'clientOptions' : clusterOptions !== undefined ? 'clusterOptions' : 'cluster';
    throw new InvalidOptionError(name, 'left unset when redis is a client you made (configure that client instead)', name === 'cluster' ? cluster : (clientOptions ?? clusterOptions));
  }
  if (typeof prefix !== 'string' || prefix.length === 0 || prefix.length > 256 || /[{}]/.test(prefix)) {
    throw new InvalidOptionError('prefix', 'a string of 1 to 256 characters without { or }', prefix);
  }
  if (ttl !== undefined && (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl < 0.001 || ttl > 100 * 365 * 86_400)) {
    throw new InvalidOptionError('ttl', 'a number of seconds from 0.001 to 3153600000 (100 years)', ttl);
  }
  for (const [name, value] of [['clientOptions', clientOptions], ['clusterOptions', clusterOptions]] as const) {
    if (value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) throw new InvalidOptionError(name, 'an options object', value);
  }
  if (typeof cluster !== 'boolean') throw new InvalidOptionError('cluster', 'a boolean', cluster);
  return {
    neardup,
    redis,
    database,
    prefix,
    ttlMs: ttl === undefined ? 0 : Math.max(1, Math.round(ttl * 1000)),
    clientOptions: clientOptions ?? {},
    cluster,
    clusterOptions: clusterOptions ?? {},
  };
}

const URL_RULE = 'a redis:// or rediss:// URL, redis://[user:password@]host[:port][/database], or an ioredis client';

// Checks a server URL as ioredis will read it, and returns its database number.
function databaseOf(redis: string, cluster: boolean): number {
  let url: URL;
  try {
    url = new URL(redis);
  } catch {
    throw new InvalidOptionError('redis', URL_RULE, redis); // no host, a port above 65535, ...
  }
  if ((url.protocol !== 'redis:' && url.protocol !== 'rediss:') || url.hostname === '') throw new InvalidOptionError('redis', URL_RULE, redis);
  if (url.pathname === '' || url.pathname === '/') return 0;
  if (!/^\/\d{1,5}$/.test(url.pathname)) throw new InvalidOptionError('redis', `${URL_RULE} (the database is a number: redis://host:6379/2)`, redis);
  const database = Number(url.pathname.slice(1));
  if (cluster && database !== 0) throw new InvalidOptionError('redis', `${URL_RULE}, without a database with cluster: true (a cluster has database 0 only)`, redis);
  return database;
}
