import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests run a fixed number of seeded trials; the Reuters recall check signs ~2,800 stories.
    testTimeout: 60_000,
    // Starts one real redis-server for the Redis tests (test/redis/), stopped after the run.
    globalSetup: ['test/__helpers__/redisGlobalSetup.ts'],
    // fast-check: arbitraries reach the bounds the tests give them (see the file).
    setupFiles: ['test/__helpers__/fastCheckSetup.ts'],
  },
});
