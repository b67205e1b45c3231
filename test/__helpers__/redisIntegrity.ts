// Reads an index's keys straight from Redis and checks that it holds whole documents only: every
// id has its record, every record its id, and each document is in exactly the bucket of each of
// its bands, once. What a half-inserted or half-removed document would break.
import { Redis } from 'ioredis';
import { bandKeyHigh, bandKeyLow } from '../../src/internal/bandKeys.js';
import { decodeRecord } from '../../src/redis/documentRecord.js';

export interface IndexContents {
  /** Document ids, sorted. */
  readonly ids: string[];
  /** Band entries in all buckets. */
  readonly bandEntries: number;
}

/** Throws (naming what is wrong) unless the index holds whole documents only; returns what it holds. */
export async function wholeDocuments(url: string, prefix: string, options: { numPerm: number; bands: number; rows: number }): Promise<IndexContents> {
  const redis = new Redis(url);
  try {
    const tag = `{${prefix}}`;
    const ids = await redis.hgetall(`${tag}:ids`);
    const docs = await hashOf(redis, `${tag}:docs`);
    const problems: string[] = [];
    if (Object.keys(ids).length !== Object.keys(docs).length) problems.push(`${Object.keys(ids).length} ids but ${Object.keys(docs).length} records`);
    const expected = new Map<string, Set<string>>(); // bucket (band:key hex) -> numbers
    let nonEmpty = 0;
    for (const [id, number] of Object.entries(ids)) {
      const record = docs[number];
      if (record === undefined) {
        problems.push(`id ${id} has number ${number} but no record`);
        continue;
      }
      const entry = decodeRecord(record, options.numPerm);
      if (entry.id !== id) problems.push(`record ${number} is of id ${entry.id}, not ${id}`);
      if (entry.isEmpty) continue;
      nonEmpty++;
      for (let band = 0; band < options.bands; band++) {
        const key = Buffer.alloc(8);
        key.writeUInt32BE(bandKeyHigh(entry.values, band * options.rows, options.rows), 0);
        key.writeUInt32BE(bandKeyLow(entry.values, band * options.rows, options.rows), 4);
        const bucket = `${band}:${key.toString('hex')}`;
        if (!expected.has(bucket)) expected.set(bucket, new Set());
        expected.get(bucket)!.add(number);
      }
    }
    let bandEntries = 0;
    {
      // A bucket's field is its band's number (1 byte) and the band's key (8 bytes).
      const buckets = (await redis.callBuffer('HGETALL', `${tag}:bands`)) as Buffer[];
      for (let i = 0; i < buckets.length; i += 2) {
        const band = buckets[i]![0]!;
        const key = buckets[i]!.subarray(1).toString('hex');
        const value = buckets[i + 1]!;
        const numbers: string[] = [];
        for (let at = 0; at < value.length; at += 4) numbers.push(String(value.readUInt32BE(at)));
        bandEntries += numbers.length;
        if (new Set(numbers).size !== numbers.length) problems.push(`bucket ${band}:${key} holds a document twice`);
        const want = expected.get(`${band}:${key}`) ?? new Set<string>();
        const stray = numbers.filter((n) => !want.has(n));
        if (stray.length > 0) problems.push(`bucket ${band}:${key} holds documents ${stray.join(', ')} that do not belong there`);
        expected.delete(`${band}:${key}`);
        for (const n of numbers) want.delete(n);
        if (want.size > 0) problems.push(`bucket ${band}:${key} misses documents ${[...want].join(', ')}`);
      }
    }
    if (expected.size > 0) problems.push(`${expected.size} buckets missing altogether`);
    if (bandEntries !== nonEmpty * options.bands) problems.push(`${bandEntries} band entries for ${nonEmpty} documents of ${options.bands} bands`);
    if (problems.length > 0) throw new Error(`index ${prefix} is not whole: ${problems.slice(0, 5).join('; ')}`);
    return { ids: Object.keys(ids).sort(), bandEntries };
  } finally {
    redis.disconnect();
  }
}

// A hash with text fields and binary values (HGETALL's flat reply, fields decoded as UTF-8).
async function hashOf(redis: Redis, key: string): Promise<Record<string, Buffer>> {
  const flat = (await redis.callBuffer('HGETALL', key)) as Buffer[];
  const out: Record<string, Buffer> = {};
  for (let i = 0; i < flat.length; i += 2) out[flat[i]!.toString()] = flat[i + 1]!;
  return out;
}
