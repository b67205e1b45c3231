import type { ChainableCommander } from 'ioredis';
import type { DeduperEntry } from '../dedupe/Deduper.js';
import type { ResolvedNeardupOptions } from '../dedupe/NeardupOptions.js';
import type { SharedBatchItem, SharedIndex, SharedOutcome } from '../dedupe/SharedIndex.js';
import { IncompatibleSignatureError } from '../errors/IncompatibleSignatureError.js';
import { IndexMismatchError } from '../errors/IndexMismatchError.js';
import { IndexUnavailableError } from '../errors/IndexUnavailableError.js';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { DuplicateIdError } from '../errors/DuplicateIdError.js';
import { bandKeyHigh, bandKeyLow } from '../internal/bandKeys.js';
import { equalFraction } from '../internal/equalFraction.js';
import type { BandsRows } from '../lsh/bandsRows.js';
import { SIGNATURE_FORMAT_VERSION } from '../signature/formatVersion.js';
import { Signature } from '../signature/Signature.js';
import { contentPrint, decodeRecord, encodeRecord } from './documentRecord.js';
import { ADD_SCRIPT, EXPIRED_SCRIPT, GET_SCRIPT, INIT_SCRIPT, REMOVE_SCRIPT, SIZE_SCRIPT } from './luaScripts.js';
import { connectClient, unavailable, waitReady, type IndexClient } from './redisClient.js';
import { resolveRedisIndexOptions, type RedisIndexOptions } from './RedisIndexOptions.js';

/** Version of how an index is laid out in Redis (keys, scripts, records); stored with the index. */
export const REDIS_LAYOUT_VERSION = 1;

// A bucket is named by its band's number (one byte: see MAX_REDIS_BANDS) and the band's 64-bit key.
const BUCKET_BYTES = 9;

// Purging expired documents is storage reclamation only (queries never see them), so a process
// does it at most this often, before a write.
const PURGE_INTERVAL_MS = 1000;
const PURGE_BATCH = 1000;

const SCRIPTS = {
  neardupAdd: ADD_SCRIPT,
  neardupRemove: REMOVE_SCRIPT,
  neardupGet: GET_SCRIPT,
  neardupExpired: EXPIRED_SCRIPT,
  neardupSize: SIZE_SCRIPT,
  neardupInit: INIT_SCRIPT,
} as const;

type ScriptArg = string | Buffer | number;
// The scripts as ioredis defines them (defineCommand), on a client or a pipeline; `...Buffer`
// variants return binary strings as Buffers. The first argument is the number of keys.
type Scripts = { [K in keyof typeof SCRIPTS as `${K}Buffer`]: (...args: ScriptArg[]) => unknown } & {
  [K in keyof typeof SCRIPTS]: (...args: ScriptArg[]) => unknown;
};

/**
 * An LSH index kept in Redis and shared by every process that connects to it with the same
 * prefix, on one machine or many. It finds the same candidates as the in-memory {@link LshIndex}
 * (same band keys), and behind a deduper or `findNearDuplicates` (the `index` option) it gives the
 * same matches and clusters.
 *
 * - Atomic: adding a document (its record and every band entry) is one Lua script, so a crash or
 *   a lost connection never leaves half a document; a deduper's add finds the matches and inserts
 *   in that same step, so of two processes adding near-duplicates at once, exactly one sees the
 *   other. Batches are pipelined: one round trip each.
 * - Safe to run again: adding an id the index holds with the same signature is a replay (nothing
 *   changes; a deduper gets the matches among the documents added before it). With another
 *   signature it is a {@link DuplicateIdError}.
 * - Checked: the settings (scheme, numPerm, seed, shingling, bands, rows, verify, format
 *   versions) are stored with the index; connecting with others throws {@link IndexMismatchError}.
 * - Expiring: with `ttl`, a document disappears from queries when it expires, and from every band
 *   at the next purge.
 *
 * Create one with {@link connectRedisIndex}; {@link RedisIndex.close} it when done.
 */
export class RedisIndex implements SharedIndex, BandsRows {
  /** The settings in force (the index's, with this process's threshold and representative). */
  readonly options: ResolvedNeardupOptions;
  /** The index's name: its keys start with `{prefix}:`. */
  readonly prefix: string;
  /** Seconds documents added by this process stay, or undefined for no expiry. */
  readonly ttl: number | undefined;
  /** Number of bands. */
  readonly bands: number;
  /** Values per band. */
  readonly rows: number;
  /** Values per signature. */
  readonly numPerm: number;
  readonly #client: IndexClient;
  readonly #keys: string[]; // meta, ids, docs, expiry, bands
  readonly #params: string;
  readonly #ttlMs: number;
  #lastPurge = 0;
  #closed = false;

  /** @internal Use {@link connectRedisIndex}. */
  constructor(init: { options: ResolvedNeardupOptions; prefix: string; ttlMs: number; client: IndexClient; params: string }) {
    this.options = init.options;
    this.prefix = init.prefix;
    this.#ttlMs = init.ttlMs;
    this.ttl = init.ttlMs === 0 ? undefined : init.ttlMs / 1000;
    ({ bands: this.bands, rows: this.rows, numPerm: this.numPerm } = init.options);
    this.#client = init.client;
    this.#params = init.params;
    this.#keys = keysOf(init.prefix);
  }

  /**
   * Adds a document by its signature, as {@link LshIndex.insert} does. Its shingle set is not
   * stored, so a deduper with `verify: 'exact'` confirms matches with it by their estimate.
   * @throws {DuplicateIdError} when the id holds another signature (the same one is a replay: nothing changes).
   * @throws {IncompatibleSignatureError} when the signature's parameters differ from the index's.
   * @throws {IndexUnavailableError} when the server fails; the document is then whole in the index or absent.
   */
  async insert(id: string, signature: Signature): Promise<void> {
    await this.insertMany([{ id, signature }]);
  }

  /**
   * Adds documents by their signatures in one round trip, each atomically.
   * @throws {DuplicateIdError} naming the position of the first id that holds another signature
   *   (the other documents were added).
   * @throws {IndexUnavailableError} when the server fails: the documents before the failure are
   *   whole in the index, the rest absent; insert them all again to complete the batch.
   */
  async insertMany(entries: Iterable<{ readonly id: string; readonly signature: Signature }>): Promise<void> {
    const items = [...entries].map(({ id, signature }, position) => {
      if (typeof id !== 'string') throw new InvalidOptionError(`entries[${position}].id`, 'a string', id);
      this.#checkSignature(signature);
      return { id, prepared: { values: signature.values, isEmpty: signature.isEmpty, shingles: undefined } };
    });
    const outcomes = await this.matchPrepared(items, 'add');
    const failed = outcomes.findIndex((outcome) => outcome.status === 'duplicate');
    if (failed >= 0) throw new DuplicateIdError(items[failed]!.id, items.length === 1 ? undefined : failed);
  }

  /**
   * Ids of the documents that share at least one band with `signature`, each once, as
   * {@link LshIndex.query} returns them: candidates, to confirm with {@link RedisIndex.similarity}.
   * @throws {IncompatibleSignatureError} when the signature's parameters differ from the index's.
   */
  async query(signature: Signature): Promise<string[]> {
    return (await this.queryMany([signature]))[0]!;
  }

  /** {@link RedisIndex.query} for many signatures, in one round trip. */
  async queryMany(signatures: Iterable<Signature>): Promise<string[][]> {
    const items = [...signatures].map((signature) => {
      this.#checkSignature(signature);
      return { id: '', prepared: { values: signature.values, isEmpty: signature.isEmpty, shingles: undefined } };
    });
    const outcomes = await this.matchPrepared(items, 'check');
    // A check never meets a duplicate, and empty documents are in no bucket.
    return outcomes.map((outcome) => (outcome.status === 'duplicate' ? [] : outcome.candidates.map((c) => c.id)));
  }

  /**
   * Estimated similarity between a stored document and a signature, or undefined when the id is
   * not in the index; 0 when either is empty.
   */
  async similarity(id: string, signature: Signature): Promise<number | undefined> {
    this.#checkSignature(signature);
    const [stored] = await this.#get([id], 'similarity');
    if (stored === undefined) return undefined;
    return stored.entry.isEmpty || signature.isEmpty ? 0 : equalFraction(stored.entry.values, signature.values);
  }

  /** Whether a document with this id is in the index and not expired. */
  async has(id: string): Promise<boolean> {
    if (typeof id !== 'string') throw new InvalidOptionError('id', 'a string', id);
    return (await this.#get([id], 'has'))[0] !== undefined;
  }

  /**
   * Removes a document and every trace of it (record, id, expiry and every band entry), in one
   * atomic step. False when it was not there.
   */
  async remove(id: string): Promise<boolean> {
    if (typeof id !== 'string') throw new InvalidOptionError('id', 'a string', id);
    // The id's number is read first, and the script removes only if it still has that number: a
    // remove racing with another process's remove and re-add of the same id never removes the new one.
    for (;;) {
      const [stored] = await this.#get([id], 'remove');
      if (stored === undefined) return false;
      const [reply] = await this.#run('remove', (p) => p.neardupRemoveBuffer(...this.#removeArgs(id, stored.number, stored.entry, 'remove')));
      if (this.#status(reply!) === 'removed') return true;
    }
  }

  /** Number of documents in the index (all processes' documents, expired ones excluded). */
  async size(): Promise<number> {
    const [reply] = await this.#run('size', (p) => p.neardupSizeBuffer(this.#keys.length, ...this.#keys, this.#params));
    this.#status(reply!);
    return Number(String(reply![1]));
  }

  /**
   * Deletes the expired documents from every band now (writes do it anyway, at most once a
   * second per process). Returns how many were deleted.
   */
  async purgeExpired(): Promise<number> {
    this.#lastPurge = Date.now();
    let purged = 0;
    for (;;) {
      const [reply] = await this.#run('purge', (p) => p.neardupExpiredBuffer(this.#keys.length, ...this.#keys, this.#params, PURGE_BATCH));
      this.#status(reply!);
      const found = pairs(reply!).map(([number, record]) => ({ number: String(number), entry: this.#decode(record) }));
      if (found.length === 0) return purged;
      const replies = await this.#run('purge', (p) => {
        for (const { number, entry } of found) p.neardupRemoveBuffer(...this.#removeArgs(entry.id, number, entry, 'purge'));
      });
      purged += replies.filter((r) => this.#status(r) === 'removed').length;
      if (found.length < PURGE_BATCH) return purged;
    }
  }

  /** Deletes the whole index (every document and the stored settings) for every process. */
  async drop(): Promise<void> {
    await this.#run('drop', (p) => p.unlink(...this.#keys));
  }

  /** Closes the connection, if the index made it (a client you gave is left open). */
  async close(): Promise<void> {
    this.#closed = true;
    if (!this.#client.owned) return;
    await this.#client.client.quit().catch(() => this.#client.client.disconnect());
  }

  /**
   * @internal For each document in order, atomically: its candidates among the documents before
   * it, then (`add`) its insertion. One round trip for the batch (an add makes a second one, for
   * purging expired documents, when this process last purged a second or more ago).
   */
  async matchPrepared(items: readonly SharedBatchItem[], mode: 'add' | 'check'): Promise<SharedOutcome[]> {
    if (items.length === 0) return [];
    this.#assertOpen(mode);
    if (mode === 'add' && Date.now() - this.#lastPurge >= PURGE_INTERVAL_MS) await this.purgeExpired();
    let replies: Buffer[][];
    try {
      replies = await this.#run(mode, (p) => {
        for (const item of items) p.neardupAddBuffer(...this.#addArgs(mode, item));
      });
    } catch (error) {
      if (!(error instanceof IndexUnavailableError) || mode !== 'add' || this.#closed) throw error;
      const done = error.completed ?? 0;
      throw new IndexUnavailableError(
        this.#client.server,
        `add (${items.length} documents)`,
        `${error.reason}; at least ${done} of them were added before the failure ` +
          '(the server may have run more whose answers were lost), each whole or not at all: add the same batch again when the server is back (the added ones replay)',
        { cause: error.cause, completed: done },
      );
    }
    return replies.map((reply, position): SharedOutcome => {
      const status = this.#status(reply);
      if (status === 'duplicate') return { status };
      const { values, isEmpty, shingles } = items[position]!.prepared;
      const candidates = reply.slice(1).map((candidate) =>
        // A copy of this document's content: only its id came back.
        candidate[0] === 0 ? { id: candidate.toString('utf8', 1), values, isEmpty, shingles } : this.#decode(candidate),
      );
      return { status: status as 'added' | 'replayed' | 'checked', candidates };
    });
  }

  #addArgs(mode: 'add' | 'check', { id, prepared }: SharedBatchItem): ScriptArg[] {
    const print = contentPrint(prepared.values, prepared.isEmpty, prepared.shingles);
    const record = mode === 'add' ? encodeRecord(id, prepared.values, prepared.isEmpty, prepared.shingles, print) : '';
    return [this.#keys.length, ...this.#keys, this.#params, mode, id, record, this.#ttlMs, this.#buckets(prepared.values, prepared.isEmpty), print];
  }

  #removeArgs(id: string, number: string, entry: DeduperEntry, mode: 'remove' | 'purge'): ScriptArg[] {
    return [this.#keys.length, ...this.#keys, this.#params, id, number, this.#buckets(entry.values, entry.isEmpty), mode];
  }

  // A document's buckets, 9 bytes each: the band's number, then its 64-bit key as the in-memory
  // index cuts it. None for an empty document.
  #buckets(values: Uint32Array, isEmpty: boolean): Buffer {
    if (isEmpty) return Buffer.alloc(0);
    const out = Buffer.alloc(BUCKET_BYTES * this.bands);
    for (let band = 0, at = 0; band < this.bands; band++, at += BUCKET_BYTES) {
      const start = band * this.rows;
      out[at] = band;
      out.writeUInt32BE(bandKeyHigh(values, start, this.rows), at + 1);
      out.writeUInt32BE(bandKeyLow(values, start, this.rows), at + 5);
    }
    return out;
  }

  async #get(ids: readonly string[], operation: string): Promise<({ number: string; entry: DeduperEntry } | undefined)[]> {
    const [reply] = await this.#run(operation, (p) => p.neardupGetBuffer(this.#keys.length, ...this.#keys, this.#params, ...ids));
    this.#status(reply!);
    return pairs(reply!).map(([number, record]) => (number.length === 0 ? undefined : { number: String(number), entry: this.#decode(record) }));
  }

  // Runs commands in one pipeline (one round trip) and returns their replies, or throws an
  // IndexUnavailableError whose `completed` says how many commands succeeded before a failure.
  async #run(operation: string, build: (pipeline: ChainableCommander & Scripts) => void): Promise<Buffer[][]> {
    this.#assertOpen(operation);
    await waitReady(this.#client, operation);
    const pipeline = this.#client.client.pipeline() as ChainableCommander & Scripts;
    build(pipeline);
    let results: [Error | null, unknown][] | null;
    try {
      results = await pipeline.exec();
    } catch (error) {
      throw unavailable(this.#client, operation, error, 0);
    }
    if (results === null) throw unavailable(this.#client, operation, new Error('the pipeline was not sent'), 0);
    return results.map(([error, reply], position) => {
      if (error !== null) throw unavailable(this.#client, operation, error, position);
      return reply as Buffer[];
    });
  }

  #assertOpen(operation: string): void {
    if (this.#closed) throw new IndexUnavailableError(this.#client.server, operation, 'this index was closed (by its close())');
  }

  #status(reply: Buffer[]): string {
    const status = String(reply[0]);
    if (status === 'mismatch') {
      const stored = String(reply[1]);
      throw new IndexMismatchError(
        this.prefix,
        'settings',
        stored,
        this.#params,
        stored === ''
          ? `index ${JSON.stringify(this.prefix)} was deleted while this process used it (its settings are gone): connect again to create it anew`
          : `index ${JSON.stringify(this.prefix)} was made anew with other settings while this process used it (${stored}; this process: ${this.#params})`,
      );
    }
    return status;
  }

  #decode(record: Buffer): DeduperEntry {
    try {
      return decodeRecord(record, this.numPerm);
    } catch (error) {
      throw new IndexMismatchError(this.prefix, 'record', (error as Error).message, `a record of layout ${REDIS_LAYOUT_VERSION}`, `index ${JSON.stringify(this.prefix)}: ${(error as Error).message}`);
    }
  }

  #checkSignature(signature: Signature): void {
    if (!(signature instanceof Signature)) throw new InvalidOptionError('signature', 'a Signature', signature);
    const { scheme, numPerm, seed } = this.options;
    const context = 'signature and index';
    if (signature.version !== SIGNATURE_FORMAT_VERSION) throw new IncompatibleSignatureError('format version', SIGNATURE_FORMAT_VERSION, signature.version, context);
    if (signature.scheme !== scheme) throw new IncompatibleSignatureError('scheme', scheme, signature.scheme, context);
    if (signature.numPerm !== numPerm) throw new IncompatibleSignatureError('numPerm', numPerm, signature.numPerm, context);
    if (signature.seed !== seed) throw new IncompatibleSignatureError('seed', seed, signature.seed, context);
  }
}

/**
 * Connects to (or creates) the index named `prefix` on a Redis server or cluster, after checking
 * that its stored settings are the ones given here.
 *
 * @throws {InvalidOptionError} naming an option that breaks its rule.
 * @throws {IndexMismatchError} when the index was created with other settings, or the prefix's
 *   keys hold something else.
 * @throws {IndexUnavailableError} when the server cannot be reached or refuses the credentials.
 * @example
 * ```ts
 * import { createDeduper } from 'neardup';
 * import { connectRedisIndex } from 'neardup/redis';
 *
 * const index = await connectRedisIndex({ redis: 'redis://cache:6379', prefix: 'news', ttl: 7 * 86_400 });
 * const deduper = await createDeduper({ index });
 * await deduper.add('reuters-1', story);        // [] (in every process that shares 'news')
 * await deduper.add('bbc-7', storyWithNewLede); // [{ id: 'reuters-1', similarity: 0.66 }]
 * await index.close();
 * ```
 */
export async function connectRedisIndex(options?: RedisIndexOptions): Promise<RedisIndex> {
  const resolved = resolveRedisIndexOptions(options);
  const { neardup, prefix } = resolved;
  const client = await connectClient(resolved);
  try {
    for (const [name, lua] of Object.entries(SCRIPTS)) {
      if (!(name in client.client)) client.client.defineCommand(name, { lua });
    }
    const settings: [string, string][] = [
      ['layout', String(REDIS_LAYOUT_VERSION)],
      ['formatVersion', String(SIGNATURE_FORMAT_VERSION)],
      ['scheme', neardup.scheme],
      ['numPerm', String(neardup.numPerm)],
      ['seed', String(neardup.seed)],
      ['shingling', `${neardup.shingling.kind} ${neardup.shingling.size}`],
      ['bands', String(neardup.bands)],
      ['rows', String(neardup.rows)],
      ['verify', neardup.verify],
    ];
    const params = settings.map(([name, value]) => `${name}=${value}`).join(' ');
    const keys = keysOf(prefix);
    await waitReady(client, 'connect');
    const reply = (await ((client.client as unknown as Scripts).neardupInit(3, keys[0]!, keys[1]!, keys[2]!, params, ...settings.flat(), 'threshold', String(neardup.threshold)) as Promise<unknown>).catch((error: unknown) => {
        throw unavailable(client, 'connect', error);
      })) as string[];
    checkSettings(prefix, reply, settings);
    return new RedisIndex({ options: neardup, prefix, ttlMs: resolved.ttlMs, client, params });
  } catch (error) {
    if (client.owned) client.client.disconnect();
    throw error;
  }
}

// Refuses an index whose stored settings differ from this process's, naming the first that does.
function checkSettings(prefix: string, reply: string[], settings: readonly [string, string][]): void {
  const [status, ...rest] = reply;
  if (status === 'created') return;
  const foreign = (what: string) =>
    new IndexMismatchError(prefix, 'keys', what, 'a neardup index', `the keys of prefix ${JSON.stringify(prefix)} hold something that is not a neardup index (${what}): choose another prefix`);
  if (status === 'foreign') throw foreign(rest[0] ?? 'unknown');
  const stored = new Map<string, string>();
  for (let i = 0; i + 1 < rest.length; i += 2) stored.set(rest[i]!, rest[i + 1]!);
  if (!stored.has('layout') || !stored.has('params')) throw foreign(`a hash with fields ${[...stored.keys()].join(', ')}`);
  for (const [name, value] of settings) {
    const theirs = stored.get(name);
    if (theirs === value) continue;
    const hint =
      name === 'bands' || name === 'rows'
        ? ` (bands and rows follow from threshold, and the index was created with threshold ${stored.get('threshold')}: give that threshold, or bands and rows)`
        : '';
    throw new IndexMismatchError(
      prefix,
      name,
      theirs,
      value,
      `index ${JSON.stringify(prefix)} was created with ${name} ${theirs}, and this process asks for ${name} ${value}${hint}: ` +
        'indexes with other settings cannot be shared (use another prefix, or the settings the index was created with)',
    );
  }
}

// The keys of an index: meta, ids, docs, expiry, bands; the hash tag {prefix} puts them all in
// one Redis Cluster slot.
function keysOf(prefix: string): string[] {
  const tag = `{${prefix}}`;
  return [`${tag}:meta`, `${tag}:ids`, `${tag}:docs`, `${tag}:expiry`, `${tag}:bands`];
}

// The (number, record) pairs of a reply {'ok', number, record, ...}.
function pairs(reply: Buffer[]): [Buffer, Buffer][] {
  const out: [Buffer, Buffer][] = [];
  for (let i = 1; i + 1 < reply.length; i += 2) out.push([reply[i]!, reply[i + 1]!]);
  return out;
}
