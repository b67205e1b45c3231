// Bundles bench/internals.ts (the hot path's unexported functions: murmur3Words, murmur3Bytes,
// hashToken, scanShingles) with esbuild into a temporary ES module and imports it. esbuild is
// already installed as tsup's dependency. The bundle is deleted once imported.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export async function loadInternals() {
  const dir = mkdtempSync(join(tmpdir(), 'neardup-bench-'));
  const outfile = join(dir, 'internals.mjs');
  try {
    await build({
      entryPoints: [new URL('../internals.ts', import.meta.url).pathname],
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outfile,
      logLevel: 'error',
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
