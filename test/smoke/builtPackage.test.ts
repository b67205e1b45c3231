import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// These tests load dist/ (built by `npm test` before vitest starts) through the package's own
// name, as a user's `import` or `require` would, so a broken exports map or format fails here.
const root = fileURLToPath(new URL('../..', import.meta.url));
const articles = fileURLToPath(new URL('../../examples/articles', import.meta.url));

const program = (load: string) => `
${load}
const { readdirSync, readFileSync } = require('node:fs');
const docs = readdirSync(${JSON.stringify(articles)}).sort().map((name) => ({ id: name.slice(0, 3), text: readFileSync(${JSON.stringify(articles)} + '/' + name, 'utf8') }));
nd.findNearDuplicates(docs).then(({ clusters }) => {
  const sig = new nd.MinHasher().sign(docs[0].text);
  console.log(JSON.stringify({ clusters, bytes: Array.from(sig.toBytes().slice(0, 24)), errorIsClass: new nd.InvalidOptionError('x', 'y', 1) instanceof nd.NeardupError }));
});`;

function run(type: 'module' | 'commonjs', load: string): unknown {
  const source = type === 'module' ? `import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);${program(load)}` : program(load);
  return JSON.parse(execFileSync(process.execPath, [`--input-type=${type}`, '-e', source], { cwd: root, encoding: 'utf8' }));
}

describe('the built package', () => {
  const esm = run('module', "import * as nd from 'neardup';");
  const cjs = run('commonjs', "const nd = require('neardup');");

  it('imports as ESM and clusters the syndicated seed articles', () => {
    expect(esm).toMatchObject({ clusters: [{ ids: ['000', '001'], representative: '000' }], errorIsClass: true });
  });

  it('requires as CommonJS with the same results, byte for byte', () => {
    expect(cjs).toEqual(esm);
  });

  it('publishes dist with both formats and their type declarations', () => {
    const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as [{ files: { path: string }[] }];
    const files = pack.files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining(['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'dist/redis.js', 'dist/redis.cjs', 'dist/redis.d.ts', 'package.json', 'README.md']),
    );
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/'))).toEqual([]);
  });

  it('loads no Redis client for the core entry, and one for neardup/redis, sharing its classes', () => {
    const loaded = (type: 'module' | 'commonjs', load: string) => {
      const check = `const loaded = Object.keys(require('node:module')._cache).some((path) => path.includes('/node_modules/ioredis/'));
        console.log(JSON.stringify({ loaded, same: typeof redis === 'undefined' ? null : redis.IndexMismatchError === nd.IndexMismatchError }));`;
      const source = type === 'module' ? `import { createRequire } from 'node:module'; const require = createRequire(import.meta.url); ${load} ${check}` : `${load} ${check}`;
      return JSON.parse(execFileSync(process.execPath, [`--input-type=${type}`, '-e', source], { cwd: root, encoding: 'utf8' })) as unknown;
    };
    expect(loaded('module', "import * as nd from 'neardup';")).toEqual({ loaded: false, same: null });
    expect(loaded('commonjs', "const nd = require('neardup');")).toEqual({ loaded: false, same: null });
    expect(loaded('module', "import * as nd from 'neardup'; import * as redis from 'neardup/redis';")).toEqual({ loaded: true, same: true });
    expect(loaded('commonjs', "const nd = require('neardup'); const redis = require('neardup/redis');")).toEqual({ loaded: true, same: true });
  });

  it('refuses, by name, to compare a signature of its CommonJS build with one of its ES module build', () => {
    const source = `import { createRequire } from 'node:module'; import * as esm from 'neardup';
      const cjs = createRequire(import.meta.url)('neardup');
      const a = new esm.MinHasher().sign('one two three four five six'), b = new cjs.MinHasher().sign('one two three four five six');
      let error; try { a.similarity(b); } catch (e) { error = e; }
      console.log(JSON.stringify({ twoClasses: esm.Signature !== cjs.Signature, isInvalidOption: error instanceof esm.InvalidOptionError, message: error?.message,
        converted: a.similarity(esm.Signature.fromBytes(b.toBytes())) }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', source], { cwd: root, encoding: 'utf8' })) as Record<string, unknown>;
    expect(out).toMatchObject({ twoClasses: true, isInvalidOption: true, converted: 1 });
    expect(out['message']).toMatch(/^other must be a Signature of this copy of neardup \(this one comes from another copy or build of it/);
  });

  it('runs the command without loading the Redis client, unless --redis is given', () => {
    const hook = `data:text/javascript,${encodeURIComponent(
      "import { createRequire } from 'node:module'; const Module = createRequire('/')('node:module');" +
        "process.on('exit', () => process.stderr.write(Object.keys(Module._cache).some((p) => p.includes('/node_modules/ioredis/')) ? 'ioredis loaded' : 'ioredis not loaded'));",
    )}`;
    const stderr = (args: string[]) => spawnSync(process.execPath, ['--import', hook, join(root, 'dist', 'cli.js'), articles, '-q', ...args], { encoding: 'utf8' }).stderr;
    expect(stderr([])).toBe('ioredis not loaded');
    expect(stderr(['--redis', 'redis://127.0.0.1:1'])).toContain('ioredis loaded'); // refused, but loaded to try
  });
});
