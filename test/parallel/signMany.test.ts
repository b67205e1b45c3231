import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as source from '../../src/index.js';

// Worker threads load dist/worker.js: the built package, imported at run time (npm test builds first).
const built = (await import(new URL('../../dist/index.js', import.meta.url).href)) as typeof source;
const fixture = fileURLToPath(new URL('../fixtures/reuters-subset.jsonl', import.meta.url));
const texts = readFileSync(fixture, 'utf8').split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { text: string }).text);
texts.splice(7, 0, '', '!!!'); // two empty documents among them
const bytes = (signatures: source.Signature[]) => signatures.map((s) => Buffer.from(s.toBytes()).toString('hex'));

describe('signMany', () => {
  it('gives, on one thread, exactly what MinHasher.sign gives for each text, in order', async () => {
    const hasher = new source.MinHasher({ numPerm: 64, seed: 9 });
    expect(bytes(await source.signMany(texts.slice(0, 300), { numPerm: 64, seed: 9 }))).toEqual(bytes(texts.slice(0, 300).map((t) => hasher.sign(t))));
  });

  it.each([
    ['oph', 1],
    ['oph', 2],
    ['kperm', 2],
  ] as const)('gives the same signatures on %s with %i worker threads, byte for byte, empty ones included', async (scheme, workers) => {
    const alone = await built.signMany(texts, { scheme });
    const pooled = await built.signMany(texts, { scheme, workers });
    expect(pooled).toHaveLength(texts.length);
    expect(bytes(pooled)).toEqual(bytes(alone));
    expect(pooled[7]!.isEmpty && pooled[8]!.isEmpty).toBe(true);
    // Rebuilt signatures behave as signatures: merges and similarities agree too.
    expect(pooled[0]!.merge(pooled[1]!).equals(alone[0]!.merge(alone[1]!))).toBe(true);
    expect(pooled[3]!.similarity(pooled[4]!)).toBe(alone[3]!.similarity(alone[4]!));
  });

  it("shares one buffer per batch (oph), which a transfer of one signature's values cannot empty", async () => {
    const pooled = await built.signMany(texts.slice(0, 20), { workers: 1 });
    expect(pooled[1]!.values.buffer).toBe(pooled[0]!.values.buffer);
    expect(pooled[0]!.values).toHaveLength(128);
    const before = bytes(pooled);
    const buffer = pooled[0]!.values.buffer as ArrayBuffer;
    // Node 20 copies an untransferable buffer; Node 21 and later refuse it with a DataCloneError.
    try {
      expect(structuredClone(buffer, { transfer: [buffer] }).byteLength).toBe(buffer.byteLength);
    } catch (error) {
      expect((error as Error).name).toBe('DataCloneError');
    }
    expect(buffer.byteLength).toBeGreaterThan(0);
    expect(bytes(pooled)).toEqual(before);
    // An array of its own, for a caller that needs one:
    const own = pooled[0]!.values.slice();
    expect(own.buffer.byteLength).toBe(128 * 4);
  });

  it('keeps input order when answers come back out of order (one batch far longer than the others)', async () => {
    // The first batch of 256 is 50 times as long as the others: while one worker signs it, the
    // other answers several short batches, and their answers still land after the first batch's.
    // (Which worker gets which batch is a matter of speed, not of results: not tested here.)
    const uneven = [...texts.slice(0, 256).map((t) => `${t} `.repeat(50)), ...texts.slice(256, 1800)];
    const hasher = new source.MinHasher();
    expect(bytes(await built.signMany(uneven, { workers: 2 }))).toEqual(bytes(uneven.map((t) => hasher.sign(t))));
  });

  it('reads async iterables', async () => {
    async function* stream() {
      yield* texts.slice(0, 500);
    }
    expect(bytes(await built.signMany(stream(), { workers: 2 }))).toEqual(bytes(await built.signMany(texts.slice(0, 500))));
  });

  it('refuses a text that is not a string, naming its position, and unknown options', async () => {
    await expect(source.signMany(['a b c', 5 as unknown as string])).rejects.toThrow('texts[1] must be a string, got 5');
    await expect(built.signMany(['a b c', 5 as unknown as string], { workers: 1 })).rejects.toThrow('texts[1] must be a string, got 5');
    await expect(source.signMany([], { worker: 2 } as never)).rejects.toThrow('unknown option "worker" (did you mean "workers"?)');
  });
});
