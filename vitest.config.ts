import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests run a fixed number of seeded trials; the Reuters recall check signs ~2,800 stories.
    testTimeout: 60_000,
  },
});
