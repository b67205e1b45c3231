import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts', redis: 'src/redis/index.ts', worker: 'src/parallel/signingWorker.ts' },
    format: ['esm', 'cjs'],
    dts: { entry: { index: 'src/index.ts', redis: 'src/redis/index.ts' } },
    // Spares the CLI's files (cli.js and its chunks in cli/): the two builds run in parallel and
    // only this one cleans dist/.
    clean: ['!cli.js', '!cli.js.map', '!cli', '!cli/**'],
    sourcemap: true,
    target: 'node20',
    // Shared chunks, so that neardup and neardup/redis load one copy of each class (instanceof holds across both).
    splitting: true,
    shims: true,
    // Each format's bundle starts the signing worker built in the same format beside it.
    esbuildOptions(options, { format }) {
      options.define = { ...options.define, __NEARDUP_WORKER_FILE__: JSON.stringify(format === 'cjs' ? './worker.cjs' : './worker.js') };
    },
  },
  // The `neardup` command: an ESM file, made executable by tsup because of its hashbang, and a
  // chunk for --redis, so that other runs never load the Redis client. It starts the signing
  // worker that the library build above puts beside it.
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    banner: { js: '#!/usr/bin/env node' },
    clean: false,
    sourcemap: true,
    target: 'node20',
    splitting: true,
    esbuildOptions(options) {
      options.chunkNames = 'cli/[name]-[hash]'; // beside the library's chunks, never mixed with them
      options.define = { ...options.define, __NEARDUP_WORKER_FILE__: JSON.stringify('./worker.js') };
    },
  },
]);
