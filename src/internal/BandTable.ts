// One band's buckets: the document slots whose band (`rows` values from `start`) is the same.
//
// Open addressing over typed arrays rather than a Map: a Map boxes keys and allocates an entry
// per bucket, which made bucket lookups a quarter of the run time. A place in the table holds a
// bucket's first slot and one byte (a tag) that says whether the place is free, was freed, or
// holds a bucket, and then gives 8 bits of the band's hash; the bucket's other slots are an
// intrusive list threaded through `next` (one int32 per document slot). The band's values are
// not copied into the table: the index keeps every document's signature, so a place whose tag
// matches is confirmed by comparing its first slot's stored rows with the band looked up. A
// bucket therefore holds exactly the documents whose rows are equal (no hash collisions), in 5
// bytes a place and 4 a document, and nothing is allocated per insert or lookup.
//
// A probe reads the tags alone until one matches: a fifth of the table's bytes, more likely to be
// in cache than the first slots (and a new band, the common case, reads no first slot at all).

const FREE = 0; // tag of a place never used: probing stops here
const FREED = 1; // tag of a place whose bucket was emptied: probing goes on
const MAX_LOAD_PERCENT = 75; // rehash before buckets and freed places fill 75% of the places

// The tag of a band: 2 to 255, from the hash's low byte, independent of its home place.
function tagOf(hash: number): number {
  return 2 + ((hash & 0xff) % 254);
}

/** How a table reads the signatures the index stores. */
export interface StoredRows {
  /** Whether the stored values of `slot` from `start` equal `values` from `start`, `rows` of them. */
  equal(slot: number, values: Uint32Array, start: number, rows: number): boolean;
  /** The band hash (internal/bandHash.ts) of the stored values of `slot` from `start`. */
  hash(slot: number, start: number): number;
}

// A band's first place: floor(top 21 bits of the hash * capacity / 2^21), so the capacity need not
// be a power of two. The product is below 2^52, exact in a double for any capacity below 2^31,
// and the result is always below the capacity.
function home(hash: number, capacity: number): number {
  return ((hash >>> 11) * capacity) / 2097152 | 0;
}

/** A multimap from a band's values (`rows` of them from `start`) to the slots of its documents. */
export class BandTable {
  readonly #start: number;
  readonly #rows: number;
  readonly #stored: StoredRows;
  #tag = new Uint8Array(16); // FREE, FREED or a band's tagOf
  #head = new Int32Array(16);
  #next = new Int32Array(16);
  #used = 0; // buckets + freed places
  #live = 0;

  constructor(start: number, rows: number, stored: StoredRows) {
    this.#start = start;
    this.#rows = rows;
    this.#stored = stored;
  }

  /** Number of buckets (distinct bands held). */
  get bucketCount(): number {
    return this.#live;
  }

  /**
   * The first slot in the bucket of the band of `values` (whose {@link bandHash} is `hash`), or
   * -1. Walk the rest with {@link BandTable.nextSlot}.
   */
  firstSlot(hash: number, values: Uint32Array): number {
    const at = this.#find(hash, values);
    return at < 0 ? -1 : this.#head[at]!;
  }

  /** The slot after `slot` in its bucket, or -1. */
  nextSlot(slot: number): number {
    return this.#next[slot]!;
  }

  /**
   * Adds `slot`, whose stored values are already `values`, to the bucket of its band, and returns
   * the bucket's first slot before it (walk the others with {@link BandTable.nextSlot}), or -1 for
   * a new bucket: one probe serves both a lookup and an insert.
   */
  add(hash: number, values: Uint32Array, slot: number): number {
    if (slot >= this.#next.length) this.#growSlots(slot + 1);
    const at = this.#find(hash, values);
    if (at >= 0) {
      const first = this.#head[at]!;
      this.#next[slot] = first;
      this.#head[at] = slot;
      return first;
    }
    let free = ~at; // where the probe found the band absent: the first reusable place it passed
    if ((this.#used + 1) * 100 > this.#head.length * MAX_LOAD_PERCENT) {
      // Grow by half when the buckets alone pass two thirds of the limit; otherwise only clear the
      // freed places. Load then stays between 0.5 and 0.75: short probe runs, and a table that is
      // never mostly empty.
      const grow = (this.#live + 1) * 150 > this.#head.length * MAX_LOAD_PERCENT;
      this.#rehash(grow ? Math.ceil(this.#head.length * 1.5) : this.#head.length);
      free = this.#vacancy(hash);
    }
    if (this.#tag[free] === FREE) this.#used++;
    this.#live++;
    this.#tag[free] = tagOf(hash);
    this.#head[free] = slot;
    this.#next[slot] = -1;
    return -1;
  }

  /**
   * Makes room for `slots` document slots and as many buckets, so that adding that many documents
   * neither rehashes nor grows (a table that already holds as much is left alone).
   */
  reserve(slots: number): void {
    if (slots > this.#next.length) this.#growSlots(slots);
    // A document is in one bucket of each band, so `slots` buckets at most: just under the load
    // limit, less memory than a table grown to hold them (load 0.5 to 0.75).
    const capacity = Math.ceil((slots * 100) / MAX_LOAD_PERCENT) + 1;
    if (capacity > this.#head.length) this.#rehash(capacity);
  }

  /** Removes `slot` (its stored values still `values`) from the bucket of its band. */
  delete(hash: number, values: Uint32Array, slot: number): void {
    const at = this.#find(hash, values);
    if (at < 0) return;
    const head = this.#head[at]!;
    if (head === slot) {
      const rest = this.#next[slot]!;
      if (rest >= 0) this.#head[at] = rest;
      else {
        this.#tag[at] = FREED;
        this.#live--;
      }
      return;
    }
    for (let s = head; s >= 0; s = this.#next[s]!) {
      if (this.#next[s] === slot) {
        this.#next[s] = this.#next[slot]!;
        return;
      }
    }
  }

  // The place of the band's bucket; or, when the band is absent, ~p (negative) where p is the
  // first reusable place (free or freed) of its probe run, where add() puts a new bucket.
  #find(hash: number, values: Uint32Array): number {
    const tags = this.#tag;
    const capacity = tags.length;
    const tag = tagOf(hash);
    let freed = -1;
    for (let at = home(hash, capacity); ; at = at + 1 === capacity ? 0 : at + 1) {
      const t = tags[at]!;
      if (t === FREE) return ~(freed < 0 ? at : freed);
      if (t === FREED) {
        if (freed < 0) freed = at;
      } else if (t === tag && this.#stored.equal(this.#head[at]!, values, this.#start, this.#rows)) return at;
    }
  }

  // The first reusable place (free or freed) for a band known to be absent (after a rehash).
  #vacancy(hash: number): number {
    const tags = this.#tag;
    const capacity = tags.length;
    let at = home(hash, capacity);
    while (tags[at]! > FREED) at = at + 1 === capacity ? 0 : at + 1;
    return at;
  }

  // Places the buckets again, without freed places, in a table of `capacity` places.
  #rehash(capacity: number): void {
    const oldTag = this.#tag;
    const oldHead = this.#head;
    // The heads are placed again in slot order, not table order: their band hashes are computed
    // from the stored signatures, which slot order reads in one pass instead of at random.
    const isHead = new Uint8Array(this.#next.length);
    for (let i = 0; i < oldTag.length; i++) if (oldTag[i]! > FREED) isHead[oldHead[i]!] = 1;
    const tags = new Uint8Array(capacity);
    const heads = new Int32Array(capacity);
    for (let slot = 0; slot < isHead.length; slot++) {
      if (isHead[slot] === 0) continue;
      const hash = this.#stored.hash(slot, this.#start);
      let at = home(hash, capacity);
      while (tags[at] !== FREE) at = at + 1 === capacity ? 0 : at + 1;
      tags[at] = tagOf(hash);
      heads[at] = slot;
    }
    this.#tag = tags;
    this.#head = heads;
    this.#used = this.#live;
  }

  #growSlots(slots: number): void {
    const next = new Int32Array(Math.max(slots, Math.ceil(this.#next.length * 1.5)));
    next.set(this.#next);
    this.#next = next;
  }
}
