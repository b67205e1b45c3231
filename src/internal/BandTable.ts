// One band's buckets: a 64-bit band key -> the slots of the documents whose band hashed to it.
//
// Open addressing over typed arrays rather than a Map: a Map boxes every key above 2^31 as a heap
// number and allocates an entry per bucket, which made bucket lookups a quarter of the run time.
// Here a key is two uint32 halves, a bucket is the head of an intrusive list threaded through
// `next` (one int32 per document slot), and nothing is allocated per insert or lookup.

const EMPTY = -1; // never used: probing stops here
const TOMBSTONE = -2; // was used: probing goes on
const MAX_LOAD_PERCENT = 75; // rehash before keys and tombstones fill 75% of the table (per 100)

// A key's first place: floor(top 21 bits of low * capacity / 2^21), so the capacity need not be a
// power of two. The product is below 2^52, exact in a double for any capacity below 2^31, and the
// result is always below the capacity.
function home(low: number, capacity: number): number {
  return ((low >>> 11) * capacity) / 2097152 | 0;
}

/** A multimap from 64-bit band keys (two uint32 halves) to document slots. */
export class BandTable {
  #keyHigh = new Uint32Array(16);
  #keyLow = new Uint32Array(16);
  #head = new Int32Array(16).fill(EMPTY);
  #next = new Int32Array(16);
  #used = 0; // live keys + tombstones
  #live = 0;

  /** Number of distinct live keys. */
  get keyCount(): number {
    return this.#live;
  }

  /** The first slot in the bucket of the key, or -1. Walk the rest with {@link BandTable.nextSlot}. */
  firstSlot(high: number, low: number): number {
    const at = this.#find(high, low);
    return at < 0 ? -1 : this.#head[at]!;
  }

  /** The slot after `slot` in its bucket, or -1. */
  nextSlot(slot: number): number {
    return this.#next[slot]!;
  }

  add(high: number, low: number, slot: number): void {
    if (slot >= this.#next.length) this.#growSlots(slot + 1);
    const at = this.#find(high, low);
    if (at >= 0) {
      this.#next[slot] = this.#head[at]!;
      this.#head[at] = slot;
      return;
    }
    if ((this.#used + 1) * 100 > this.#head.length * MAX_LOAD_PERCENT) this.#rehash();
    const free = this.#vacancy(low);
    if (this.#head[free] === EMPTY) this.#used++;
    this.#live++;
    this.#keyHigh[free] = high;
    this.#keyLow[free] = low;
    this.#head[free] = slot;
    this.#next[slot] = -1;
  }

  delete(high: number, low: number, slot: number): void {
    const at = this.#find(high, low);
    if (at < 0) return;
    const head = this.#head[at]!;
    if (head === slot) {
      const rest = this.#next[slot]!;
      this.#head[at] = rest >= 0 ? rest : TOMBSTONE;
      if (rest < 0) this.#live--;
      return;
    }
    for (let s = head; s >= 0; s = this.#next[s]!) {
      if (this.#next[s] === slot) {
        this.#next[s] = this.#next[slot]!;
        return;
      }
    }
  }

  // Index of the live key, or -1.
  #find(high: number, low: number): number {
    const capacity = this.#head.length;
    for (let at = home(low, capacity); ; at = at + 1 === capacity ? 0 : at + 1) {
      const head = this.#head[at]!;
      if (head === EMPTY) return -1;
      if (head >= 0 && this.#keyLow[at] === low && this.#keyHigh[at] === high) return at;
    }
  }

  // Index of the first reusable place for a key known to be absent.
  #vacancy(low: number): number {
    const capacity = this.#head.length;
    let at = home(low, capacity);
    while (this.#head[at]! >= 0) at = at + 1 === capacity ? 0 : at + 1;
    return at;
  }

  #rehash(): void {
    const oldHigh = this.#keyHigh;
    const oldLow = this.#keyLow;
    const oldHead = this.#head;
    // Grow by half when live keys alone pass two thirds of the limit; otherwise only clear the
    // tombstones. Load then stays between 0.5 and 0.75: short probe runs, and a table that is never
    // mostly empty (the bands are half of the index's memory).
    const grow = (this.#live + 1) * 150 > this.#head.length * MAX_LOAD_PERCENT;
    const capacity = grow ? Math.ceil(this.#head.length * 1.5) : this.#head.length;
    this.#keyHigh = new Uint32Array(capacity);
    this.#keyLow = new Uint32Array(capacity);
    this.#head = new Int32Array(capacity).fill(EMPTY);
    for (let i = 0; i < oldHead.length; i++) {
      if (oldHead[i]! < 0) continue;
      let at = home(oldLow[i]!, capacity);
      while (this.#head[at] !== EMPTY) at = at + 1 === capacity ? 0 : at + 1;
      this.#keyHigh[at] = oldHigh[i]!;
      this.#keyLow[at] = oldLow[i]!;
      this.#head[at] = oldHead[i]!;
    }
    this.#used = this.#live;
  }

  #growSlots(slots: number): void {
    const next = new Int32Array(Math.max(slots, Math.ceil(this.#next.length * 1.5)));
    next.set(this.#next);
    this.#next = next;
  }
}
