import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectRedisIndex } from '../../src/redis/index.js';
import { freePort } from '../__helpers__/redisServer.js';
import { redisUrl, uniquePrefix } from '../__helpers__/redis.js';
import { COPY, WIRE, articles, json, neardup, pairsOf, root, temporaryDirectory } from './neardup.js';


const prefixes: string[] = [];
function prefix(name: string): string {
  const made = uniquePrefix(`cli-${name}`);
  prefixes.push(made);
  return made;
}
afterAll(async () => {
  for (const name of prefixes) {
    const index = await connectRedisIndex({ redis: redisUrl(), prefix: name }).catch(() => undefined);
    await index?.drop();
    await index?.close();
  }
});

const lines = readFileSync(join(root, 'test', 'fixtures', 'reuters-subset.jsonl'), 'utf8').trimEnd().split('\n');

describe('--redis: incremental runs on a shared index', () => {
  const dir = temporaryDirectory();
  writeFileSync(join(dir, 'first.jsonl'), lines.filter((_, i) => i % 2 === 0).join('\n') + '\n');
  writeFileSync(join(dir, 'second.jsonl'), lines.filter((_, i) => i % 2 === 1).join('\n') + '\n');
  writeFileSync(join(dir, 'whole.jsonl'), lines.join('\n') + '\n');
  const run = (...args: string[]) => neardup(args, { cwd: dir });

  it('two runs on two halves find exactly the pairs of one run on the whole, cross-half pairs as matches', () => {
    const shared = ['--redis', redisUrl(), '--redis-prefix', prefix('halves'), '--format', 'json'];
    const whole = json(run('whole.jsonl', '--format', 'json').stdout);
    const first = run('first.jsonl', ...shared);
    const second = run('second.jsonl', ...shared, '--workers', '1');
    expect([first.status, second.status]).toEqual([0, 0]);
    expect(first.stderr).toContain(`(0 indexed before, ${first.stderr.match(/^neardup: (\d+) documents/)![1]} now)`);
    const secondReport = json(second.stdout);
    expect(pairsOf(json(first.stdout), secondReport)).toEqual(pairsOf(whole));
    expect(secondReport.matches!.length).toBeGreaterThan(200);
    expect(secondReport.stats).toMatchObject({ indexedBefore: lines.length - secondReport.stats['documents']!, indexedAfter: lines.length });
  });

  it('gives the same report when the same input runs again: nothing is added twice', () => {
    const shared = ['--redis', redisUrl(), '--redis-prefix', prefix('again'), '--format', 'json'];
    const once = json(neardup([articles, ...shared]).stdout);
    const again = json(neardup([articles, ...shared]).stdout);
    expect(once.clusters.map((c) => c.ids)).toEqual([[WIRE, COPY]]);
    expect(again.clusters).toEqual(once.clusters);
    expect(again.stats).toMatchObject({ indexedBefore: 5, indexedAfter: 5 });
  });

  it('refuses (or skips) a document whose id the index holds with another text, naming its line', () => {
    const name = prefix('taken');
    writeFileSync(join(dir, 'a.jsonl'), '{"id":"x","text":"the first text of the id x"}\n');
    writeFileSync(join(dir, 'b.jsonl'), '{"id":"y","text":"some other words"}\n{"id":"x","text":"a second, different text"}\n');
    expect(run('a.jsonl', '--redis', redisUrl(), '--redis-prefix', name).status).toBe(0);
    const refused = run('b.jsonl', '--redis', redisUrl(), '--redis-prefix', name);
    expect([refused.status, refused.stderr]).toEqual([3, `neardup: b.jsonl:2: duplicate id "x" (Redis index "${name}" holds it with another text)\n`]);
    const skipped = run('b.jsonl', '--redis', redisUrl(), '--redis-prefix', name, '--skip-invalid', '--format', 'json');
    expect(skipped.status).toBe(0);
    expect(json(skipped.stdout).stats).toMatchObject({ documents: 1, skipped: 1 });
    expect(skipped.stderr).toContain('neardup: skipped b.jsonl:2: duplicate id "x"');
  });

  it('refuses an index made with other settings, and an unreachable server, with exit status 3', async () => {
    const name = prefix('settings');
    expect(neardup([articles, '--redis', redisUrl(), '--redis-prefix', name]).status).toBe(0);
    const other = neardup([articles, '--redis', redisUrl(), '--redis-prefix', name, '--num-perm', '64']);
    expect([other.status, other.stderr]).toEqual([3, expect.stringContaining(`neardup: index "${name}" was created with numPerm 128, and this process asks for numPerm 64`)]);
    const port = await freePort();
    const down = neardup([articles, '--redis', `redis://127.0.0.1:${port}`]);
    expect([down.status, down.stderr]).toEqual([3, `neardup: Redis at 127.0.0.1:${port} failed during connect: nothing accepts connections there (connect ECONNREFUSED 127.0.0.1:${port}); is redis-server running?\n`]);
  });

  it('checks the Redis flags before reading any input (exit status 2)', () => {
    expect(neardup([articles, '--redis-prefix', 'news']).stderr).toContain('neardup: --redis-prefix: give --redis URL too');
    expect(neardup([articles, '--redis', 'localhost:6379']).stderr).toContain('neardup: --redis: redis must be a redis:// or rediss:// URL');
    expect(neardup([articles, '--redis', redisUrl(), '--redis-ttl=-1']).stderr).toContain('neardup: --redis-ttl: ttl must be a number of seconds');
    expect(neardup([articles, '--redis', redisUrl(), '--redis-prefix', 'a{b}']).stderr).toContain('neardup: --redis-prefix: prefix must be a string of 1 to 256 characters without { or }');
    expect(neardup([articles, '--redis', redisUrl(), '--index', 'x.ndx']).status).toBe(2);
  });
});
