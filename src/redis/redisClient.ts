import { Cluster, Redis } from 'ioredis';
import { IndexUnavailableError } from '../errors/IndexUnavailableError.js';
import type { ResolvedRedisIndexOptions } from './RedisIndexOptions.js';

/** A client of the index, whether the index made it (and closes it) or was given it. */
export interface IndexClient {
  readonly client: Redis | Cluster;
  /** Whether the index made the client, so closes it. */
  readonly owned: boolean;
  /** `host:port`, for messages. */
  readonly server: string;
  /** The last connection error the client reported (owned clients only): it says more than the failed command does. */
  lastError?: Error | undefined;
}

// Clients the index makes fail fast instead of waiting: a command sent while the connection is
// down is refused at once (no offline queue), and one in flight when it drops is not sent again
// (a resent insert would be a replay, but its caller must learn of the failure). The client still
// reconnects in the background, and each operation first waits for it, up to connectTimeout.
const FAIL_FAST = { lazyConnect: true, enableOfflineQueue: false, autoResendUnfulfilledCommands: false, maxRetriesPerRequest: 0 } as const;

/** The default of ioredis's connectTimeout, also how long an operation waits for a reconnection. */
export const CONNECT_TIMEOUT_MS = 10_000;

/** Makes (or takes) the client and connects it. @throws {IndexUnavailableError} when it cannot connect. */
export async function connectClient(options: ResolvedRedisIndexOptions): Promise<IndexClient> {
  const { redis, clientOptions, cluster, clusterOptions } = options;
  let index: IndexClient;
  if (typeof redis !== 'string') {
    index = { client: redis, owned: false, server: describeClient(redis) };
  } else {
    const url = new URL(redis);
    const server = `${url.hostname}:${url.port || 6379}`;
    const client = cluster
      ? new Cluster([{ host: url.hostname, port: Number(url.port || 6379) }], {
          ...clusterOptions,
          lazyConnect: true,
          enableOfflineQueue: false,
          redisOptions: {
            ...credentialsOf(url),
            ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
            ...clientOptions,
            ...FAIL_FAST,
            lazyConnect: false,
          },
        })
      : new Redis(redis, { ...clientOptions, ...FAIL_FAST });
    index = { client, owned: true, server };
    // Also keeps ioredis from printing 'Unhandled error event' while it reconnects.
    client.on('error', (error: Error) => void (index.lastError = error));
    client.on('ready', () => void (index.lastError = undefined));
  }
  try {
    if (index.client.status === 'wait') await index.client.connect();
    await waitReady(index, 'connect');
    await index.client.ping();
  } catch (error) {
    if (index.owned) index.client.disconnect();
    throw unavailable(index, 'connect', error);
  }
  return index;
}

/** Waits until the client is connected (it may be reconnecting after a failure). */
export async function waitReady(index: IndexClient, operation: string): Promise<void> {
  const { client } = index;
  if (client.status === 'ready') return;
  if (client.status === 'end' || client.status === 'close') {
    throw new IndexUnavailableError(index.server, operation, 'the connection is closed (the index was closed, or the server could not be reached again)');
  }
  const timeout = (client as Redis).options?.connectTimeout ?? CONNECT_TIMEOUT_MS;
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

/** The client's error as an IndexUnavailableError, with a hint for the usual causes. */
export function unavailable(index: IndexClient, operation: string, error: unknown): IndexUnavailableError {
  if (error instanceof IndexUnavailableError) return error;
  let text = error instanceof Error ? error.message : String(error);
  if (index.lastError !== undefined && /Connection is closed|Stream isn't writeable/.test(text)) {
    // The connection error says more than the failed command: it is both the reason and the cause.
    text = index.lastError.message;
    error = index.lastError;
  }
  let reason = text;
  if (/WRONGPASS|invalid password|invalid username-password/i.test(text)) {
    reason = `the server refused the credentials (${text}); check the password (and, for an ACL user, the username) in the URL or clientOptions`;
  } else if (/NOAUTH/i.test(text)) {
    reason = `the server requires a password (${text}); give it in the URL (redis://:secret@host:port) or clientOptions.password`;
  } else if (/ECONNREFUSED/.test(text)) {
    reason = `nothing accepts connections there (${text}); is redis-server running?`;
  } else if (/Connection is closed|Stream isn't writeable|aborted due to connection close|ECONNRESET|EPIPE|Socket closed/i.test(text)) {
    reason = `the connection was lost (${text})`;
  }
  return new IndexUnavailableError(index.server, operation, reason, { cause: error });
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
