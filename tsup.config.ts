import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', worker: 'src/parallel/signingWorker.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  clean: true,
  sourcemap: true,
  target: 'node20',
  splitting: false,
  shims: true,
  // Each format's bundle starts the signing worker built in the same format beside it.
  esbuildOptions(options, { format }) {
    options.define = { ...options.define, __NEARDUP_WORKER_FILE__: JSON.stringify(format === 'cjs' ? './worker.cjs' : './worker.js') };
  },
});
