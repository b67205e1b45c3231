// Vitest global setup: one redis-server for the whole run, shared by the Redis tests (each uses
// its own key prefix). Tests that crash or reconfigure a server start their own.
import type { TestProject } from 'vitest/node';
import { hasRedisServer, INSTALL_HINT, startRedisServer } from './redisServer.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared server's URL, or why there is none. */
    redis: { url: string } | { error: string };
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (!hasRedisServer()) {
    // Not thrown here: the other tests still run, and every Redis test fails with this message.
    project.provide('redis', { error: INSTALL_HINT });
    return undefined;
  }
  const server = await startRedisServer();
  project.provide('redis', { url: server.url });
  return () => server.stop();
}
