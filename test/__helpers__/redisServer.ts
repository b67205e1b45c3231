// Real redis-server processes for the Redis tests and the Redis benchmark (bench/internals.ts
// re-exports this file): on a free loopback port, in a throwaway data directory, stopped and
// deleted afterwards, or killed when this process exits first. Nothing is mocked.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What to tell someone whose machine has no redis-server. */
export const INSTALL_HINT =
  'redis-server was not found on PATH. The Redis tests and the Redis benchmark start real servers of their own: ' +
  'install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis), then run them again.';

/** `redis-server --version` (its first line), or undefined when there is no redis-server. */
export function redisServerVersion(): string | undefined {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return probe.error !== undefined || probe.status !== 0 ? undefined : probe.stdout.trim().split('\n')[0];
}

/** Whether redis-server can be started here. */
export function hasRedisServer(): boolean {
  return redisServerVersion() !== undefined;
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
  /** Stops it (SIGTERM, SIGKILL after 5 s) and deletes its data directory. */
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
 * Starts redis-server on a free loopback port (another one if that was taken in the meantime).
 * `args` are extra command-line options (`['--requirepass', 'secret']`, `['--appendonly', 'yes']`);
 * persistence is off unless given. `readyPort` is the port to wait for when it is not `port`: a
 * TLS-only server (`port: 0` and `--tls-port P` in `args`) waits for P.
 */
export async function startRedisServer(args: readonly string[] = [], options: { port?: number; readyPort?: number } = {}): Promise<RedisServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(args, options.port ?? (await freePort()), options.readyPort);
    } catch (error) {
      if (options.port !== undefined || attempt >= 3 || !/Address already in use/i.test((error as Error).message)) throw error;
    }
  }
}

async function startOnce(args: readonly string[], port: number, readyPort: number | undefined): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'neardup-redis-'));
  const all = ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', ...args];
  let child: ChildProcess | undefined;
  const running = () => child !== undefined && child.exitCode === null && child.signalCode === null;
  const cleanUp = () => {
    if (running()) child!.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', cleanUp);
  const start = async () => {
    child = spawn('redis-server', all, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
    const exited = new Promise<never>((_, reject) => {
      child!.once('error', (error) => reject(new Error(`could not start redis-server: ${error.message}`)));
      child!.once('exit', (code, signal) => reject(new Error(`redis-server exited (${signal ?? `code ${code}`}) before accepting connections:\n${output}`)));
    });
    exited.catch(() => {});
    await Promise.race([waitForPort(readyPort ?? port, 10_000), exited]);
  };
  const stopChild = async (signal: NodeJS.Signals) => {
    if (!running()) return;
    const stopping = child!;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => stopping.kill('SIGKILL'), 5000);
      stopping.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      stopping.kill(signal);
    });
  };
  try {
    await start();
  } catch (error) {
    process.off('exit', cleanUp);
    cleanUp();
    throw error;
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    kill: () => stopChild('SIGKILL'),
    restart: start,
    stop: async () => {
      process.off('exit', cleanUp);
      await stopChild('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Resolves once something accepts TCP connections on the port.
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
