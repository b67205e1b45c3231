// Real redis-server processes for the Redis tests: on a free loopback port, in a throwaway data
// directory, stopped afterwards. Nothing is mocked.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What to tell someone whose machine has no redis-server. */
export const INSTALL_HINT =
  'redis-server was not found on PATH. The Redis tests run against a real server: install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis), then run npm test again.';

/** Whether redis-server can be started here. */
export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** A running redis-server. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  /** Kills the server at once (SIGKILL: a crash, no save). */
  kill(): Promise<void>;
  /** Starts it again on the same port and data directory, with the same arguments. */
  restart(): Promise<void>;
  /** Stops it and deletes its data directory. */
  stop(): Promise<void>;
}

/** A loopback port that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts redis-server on a free loopback port. `args` are extra command-line options
 * (`['--requirepass', 'secret']`, `['--appendonly', 'yes']`); persistence is off unless given.
 * `readyPort` is the port to wait for when it is not `port`: a TLS-only server (`port: 0` and
 * `--tls-port P` in `args`) waits for P.
 */
export async function startRedisServer(
  args: readonly string[] = [],
  options: { port?: number; urlOf?: (port: number) => string; readyPort?: number } = {},
): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'neardup-redis-'));
  const port = options.port ?? (await freePort());
  const all = ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', ...args];
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn('redis-server', all, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    const exited = new Promise<never>((_, reject) =>
      child!.once('exit', (code) => reject(new Error(`redis-server exited (code ${code}) before accepting connections:\n${output}`))),
    );
    exited.catch(() => {});
    await Promise.race([waitForPort(options.readyPort ?? port, 10_000), exited]);
  };
  const stopChild = async (signal: NodeJS.Signals) => {
    const running = child;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill(signal);
    });
  };
  await start();
  return {
    port,
    url: options.urlOf?.(port) ?? `redis://127.0.0.1:${port}`,
    dir,
    kill: () => stopChild('SIGKILL'),
    restart: start,
    stop: async () => {
      await stopChild('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Resolves once something accepts TCP connections on the port (and answers PING).
async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (up) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not listen on port ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
