import { Cluster, Redis } from 'ioredis';
import { IndexMismatchError } from '../errors/IndexMismatchError.js';
import { IndexUnavailableError } from '../errors/IndexUnavailableError.js';
import type { ResolvedRedisIndexOptions } from './RedisIndexOptions.js';

/** A client of the index, whether the index made it (and closes it) or was given it. */
export interface IndexClient {
  readonly client: Redis | Cluster;
  /** Whether the index made the client, so closes it. */
  readonly owned: boolean;
  /** `host:port`, for messages. */
  readonly server: string;
  /** The index's prefix, for messages. */
  readonly prefix: string;
  /** The last connection error the client reported (owned clients only): it says more than the failed command does. */
  lastError?: Error | undefined;
}

// Clients the index makes fail fast instead of waiting: a command sent while the connection is
// down is refused at once (no offline queue), and one in flight when it drops is not sent again
// (a resent insert would be a replay, but its caller must learn of the failure). The client still
// reconnects in the background, and each operation first waits for it, up to connectTimeout.
const FAIL_FAST = { lazyConnect: true, enableOfflineQueue: false, autoResendUnfulfilledCommands: false, maxRetriesPerRequest: 0 } as const;

// Reconnection attempts come every 50 ms, 100 ms, ... up to every 500 ms (ioredis: up to 2 s), so
// an operation waiting for a server that is back does not wait out a long backoff.
const reconnectDelay = (attempt: number): number => Math.min(attempt * 50, 500);
// A server loading its data after a restart answers LOADING; ask again this often (ioredis: up to
// every 10 s, by the server's estimate rounded up to whole seconds).
const LOADING_CHECK_MS = 200;

/** The default of ioredis's connectTimeout, also how long an operation waits for a reconnection. */
export const CONNECT_TIMEOUT_MS = 10_000;

/** Makes (or takes) the client and connects it. @throws {IndexUnavailableError} when it cannot connect. */
export async function connectClient(options: ResolvedRedisIndexOptions): Promise<IndexClient> {
  const { redis, clientOptions, cluster, clusterOptions } = options;
  let index: IndexClient;
  if (typeof redis !== 'string') {
    index = { client: redis, owned: false, server: describeClient(redis), prefix: options.prefix };
  } else {
    const url = new URL(redis);
    const server = `${url.hostname}:${url.port || 6379}`;
    const client = cluster
      ? new Cluster([{ host: url.hostname, port: Number(url.port || 6379) }], {
          clusterRetryStrategy: reconnectDelay,
          ...clusterOptions,
          lazyConnect: true,
          enableOfflineQueue: false,
          redisOptions: {
            maxLoadingRetryTime: LOADING_CHECK_MS,
            ...credentialsOf(url),
            ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
            ...clientOptions,
            // Nodes stay lazy (FAIL_FAST's lazyConnect): the cluster refuses a command (its ready
            // check's CLUSTER INFO included) sent to a node that is connecting, but sends it to one
            // that has not started yet, so eager nodes made the ready check fail, and the cluster
            // reconnect, again and again.
            ...FAIL_FAST,
          },
        })
      : new Redis(redis, { retryStrategy: reconnectDelay, maxLoadingRetryTime: LOADING_CHECK_MS, ...clientOptions, ...FAIL_FAST });
    index = { client, owned: true, server, prefix: options.prefix };
    // Also keeps ioredis from printing 'Unhandled error event' while it reconnects. A cluster's
    // 'Failed to refresh slots cache.' keeps the seed node's own error in lastNodeError.
    client.on('error', (error: Error & { lastNodeError?: Error }) => void (index.lastError = error.lastNodeError ?? error));
    client.on('ready', () => void (index.lastError = undefined));
  }
  try {
    if (index.client.status === 'wait') {
      const connecting = index.client.connect();
      if (index.client instanceof Cluster) {
        // A cluster's connect() never settles when its ready check fails (cluster_state:fail): it
        // reconnects and checks again, forever. connectTimeout bounds it.
        const timeout = connectTimeoutOf(index.client);
        let timer: NodeJS.Timeout | undefined;
        const expired = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no connection after ${timeout} ms (is the cluster up? CLUSTER INFO must say cluster_state:ok)`)), timeout);
        });
        connecting.catch(() => {});
        await Promise.race([connecting, expired]).finally(() => clearTimeout(timer));
      } else {
        await connecting;
      }
    }
    await waitReady(index, 'connect');
    await index.client.ping();
    // ioredis selects the URL's database on every connection but only reports a failure (a
    // number the server does not have) as an event; asking again makes it an error here.
    if (options.database !== 0) await (index.client as Redis).select(options.database);
    await checkServer(index);
  } catch (error) {
    if (index.owned) index.client.disconnect();
    throw unavailable(index, 'connect', error);
  }
  return index;
}

// Refuses a server that could break the guarantees: one older than Redis 5 (the scripts read the
// clock before they write, and set many hash fields at once), or one that may evict any key when
// full, which would take an index's documents apart. A user not allowed INFO skips the check.
async function checkServer(index: IndexClient): Promise<void> {
  let info: string;
  try {
    info = await index.client.info();
  } catch (error) {
    if (/NOPERM/.test((error as Error).message)) return;
    throw error;
  }
  const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim();
  const version = field('redis_version');
  if (version !== undefined && Number(version.split('.')[0]) < 5) {
    throw new IndexUnavailableError(index.server, 'connect', `Redis ${version} is too old: neardup needs Redis 5 or later`);
  }
  const policy = field('maxmemory_policy');
  if (policy?.startsWith('allkeys-')) {
    throw new IndexUnavailableError(
      index.server,
      'connect',
      `the server may evict any key when it is full (maxmemory-policy ${policy}), which would take an index's documents apart: ` +
        "set maxmemory-policy to noeviction, or to a volatile-* policy (an index's keys never expire)",
    );
  }
}

/** Waits until the client is connected (it may be reconnecting after a failure). */
export async function waitReady(index: IndexClient, operation: string): Promise<void> {
  const { client } = index;
  if (client.status === 'ready') return;
  if (client.status === 'end' || client.status === 'close') {
    throw new IndexUnavailableError(index.server, operation, 'the connection is closed (the index was closed, or the server could not be reached again)');
  }
  const timeout = connectTimeoutOf(client);
  await new Promise<void>((resolve, reject) => {
    let lastError: unknown;
    const onError = (error: unknown) => void (lastError = error);
    const done = (error?: unknown) => {
      clearTimeout(timer);
      client.off('ready', onReady);
      client.off('error', onError);
      client.off('end', onEnd);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onReady = () => done();
    const onEnd = () => done(lastError ?? new Error('the connection ended'));
    const timer = setTimeout(() => done(lastError ?? new Error(`no connection after ${timeout} ms`)), timeout);
    client.on('ready', onReady);
    client.on('error', onError);
    client.on('end', onEnd);
  }).catch((error: unknown) => {
    throw unavailable(index, operation, error);
  });
}

// connectTimeout of the client, or of each node's connection for a cluster (clientOptions).
function connectTimeoutOf(client: Redis | Cluster): number {
  return (client instanceof Cluster ? client.options.redisOptions?.connectTimeout : client.options.connectTimeout) ?? CONNECT_TIMEOUT_MS;
}

/**
 * The client's error as an IndexUnavailableError, with a hint for the usual causes; or, when the
 * index's keys hold data of another type, an IndexMismatchError.
 */
export function unavailable(index: IndexClient, operation: string, error: unknown, completed?: number): IndexUnavailableError | IndexMismatchError {
  if (error instanceof IndexUnavailableError || error instanceof IndexMismatchError) return error;
  let text = error instanceof Error ? error.message : String(error);
  if (index.lastError !== undefined && /Connection is closed|Stream isn't writeable|None of startup nodes is available/.test(text)) {
    // The connection error says more than the failed command: it is both the reason and the cause.
    text = index.lastError.message;
    error = index.lastError;
  }
  let reason = text;
  const code = (error as { code?: unknown } | null | undefined)?.code;
  if (/WRONGPASS|invalid password|invalid username-password/i.test(text)) {
    reason = `the server refused the credentials (${text}); check the password (and, for an ACL user, the username) in the URL or clientOptions`;
  } else if (/NOAUTH/i.test(text)) {
    reason = `the server requires a password (${text}); give it in the URL (redis://:secret@host:port) or clientOptions.password`;
  } else if (/^WRONGTYPE/.test(text)) {
    return new IndexMismatchError(index.prefix, 'keys', text, 'a neardup index', `the keys of prefix ${JSON.stringify(index.prefix)} were changed by something else than neardup (${text})`);
  } else if (/^NOPERM/.test(text)) {
    reason = `the server's ACL refused this user (${text}); an index needs its keys (~{${index.prefix}}:*) and the commands of +@scripting +@hash +@sortedset +@keyspace +ping`;
  } else if (/^MOVED \d+ /.test(text)) {
    reason = `the server is a node of a Redis Cluster, and the index's keys are on another node (${text}); give cluster: true`;
  } else if (/cluster support disabled/i.test(text)) {
    reason = `the server is not a node of a Redis Cluster (${text}); leave cluster unset`;
  } else if (typeof code === 'string' && /CERT|ALTNAME|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code)) {
    reason = `the server's TLS certificate was not accepted (${text}); give the authority that signed it in clientOptions.tls.ca, and a host the certificate names`;
  } else if (/ECONNREFUSED/.test(text)) {
    reason = `nothing accepts connections there (${text}); is redis-server running?`;
  } else if (/Connection is closed|Stream isn't writeable|aborted due to connection close|ECONNRESET|EPIPE|Socket closed/i.test(text)) {
    reason = `the connection was lost (${text})`;
    if (operation === 'connect' && /ECONNRESET/.test(text)) reason += '; if the server speaks TLS, use a rediss:// URL';
  }
  return new IndexUnavailableError(index.server, operation, reason, { cause: error, ...(completed === undefined ? {} : { completed }) });
}

function credentialsOf(url: URL): { username?: string; password?: string } {
  return {
    ...(url.username === '' ? {} : { username: decodeURIComponent(url.username) }),
    ...(url.password === '' ? {} : { password: decodeURIComponent(url.password) }),
  };
}

function describeClient(client: Redis | Cluster): string {
  if (client instanceof Cluster) {
    const [node] = client.nodes();
    return node === undefined ? 'a Redis Cluster' : `${node.options.host ?? '127.0.0.1'}:${node.options.port ?? 6379} (cluster)`;
  }
  const { host = '127.0.0.1', port = 6379, path } = client.options;
  return path ?? `${host}:${port}`;
}
