// A throwaway redis-server for the Redis benchmark: a free loopback port, no persistence
// (--save '' --appendonly no), a temporary --dir deleted afterwards. Stopped by stop(), and, should
// this process end first (an error, process.exit), killed by an 'exit' hook.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What to tell someone whose machine has no redis-server. */
export const INSTALL_HINT =
  'redis-server was not found on PATH: the Redis benchmark (section 8) starts a throwaway server of its own. ' +
  'Install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) and run the benchmark again.';

/** `redis-server --version` (its first line), or undefined when there is no redis-server. */
export function redisServerVersion() {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) return undefined;
  return probe.stdout.trim().split('\n')[0];
}

/** A loopback port that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts redis-server and resolves to { port, url, dir, pid, stop() } once it accepts connections.
 * Tries another port when the one found free was taken in the meantime.
 */
export async function startRedisServer() {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce();
    } catch (error) {
      if (attempt >= 3 || !/Address already in use/i.test(error.message)) throw error;
    }
  }
}

async function startOnce() {
  const dir = mkdtempSync(join(tmpdir(), 'neardup-bench-redis-'));
  const port = await freePort();
  const args = ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no'];
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const running = () => child.exitCode === null && child.signalCode === null;
  const cleanUp = () => {
    if (running()) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', cleanUp);
  const exited = new Promise((_, reject) => {
    child.once('error', (error) => reject(new Error(`could not start redis-server: ${error.message}`)));
    child.once('exit', (code, signal) => reject(new Error(`redis-server exited (${signal ?? `code ${code}`}) before accepting connections:\n${output}`)));
  });
  exited.catch(() => {});
  try {
    await Promise.race([waitForPort(port, 10_000), exited]);
  } catch (error) {
    process.off('exit', cleanUp);
    cleanUp();
    throw error;
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    pid: child.pid,
    /** Stops the server (SIGTERM, then SIGKILL after 5 s) and deletes its directory. */
    async stop() {
      process.off('exit', cleanUp);
      if (running()) {
        await new Promise((resolve) => {
          const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Resolves once something accepts TCP connections on the port.
async function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const up = await new Promise((resolve) => {
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
