// One band's buckets: a 64-bit band key -> the slots of the documents whose band hashed to it.
//
// Open addressing over typed arrays rather than a Map: a Map boxes every key above 2^31 as a heap
// number and allocates an entry per bucket, which made bucket lookups a quarter of the run time.
// Here a key is two uint32 halves, a bucket is the head of an intrusive list threaded through
// `next` (one int32 per document slot), and nothing is allocated per insert or lookup.

const EMPTY = -1; // never used: probing stops here
const TOMBSTONE = -2; // was used: probing goes on

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
    if ((this.#used + 1) * 2 > this.#head.length) this.#rehash();
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
    const mask = this.#head.length - 1;
    for (let at = low & mask; ; at = (at + 1) & mask) {
      const head = this.#head[at]!;
      if (head === EMPTY) return -1;
      if (head >= 0 && this.#keyLow[at] === low && this.#keyHigh[at] === high) return at;
    }
  }

  // Index of the first reusable place for a key known to be absent.
  #vacancy(low: number): number {
    const mask = this.#head.length - 1;
    let at = low & mask;
    while (this.#head[at]! >= 0) at = (at + 1) & mask;
    return at;
  }

  #rehash(): void {
    const oldHigh = this.#keyHigh;
    const oldLow = this.#keyLow;
    const oldHead = this.#head;
    const capacity = Math.max(16, 1 << Math.ceil(Math.log2(this.#live * 4 + 4)));
    this.#keyHigh = new Uint32Array(capacity);
    this.#keyLow = new Uint32Array(capacity);
    this.#head = new Int32Array(capacity).fill(EMPTY);
    const mask = capacity - 1;
    for (let i = 0; i < oldHead.length; i++) {
      if (oldHead[i]! < 0) continue;
      let at = oldLow[i]! & mask;
      while (this.#head[at] !== EMPTY) at = (at + 1) & mask;
      this.#keyHigh[at] = oldHigh[i]!;
      this.#keyLow[at] = oldLow[i]!;
      this.#head[at] = oldHead[i]!;
    }
    this.#used = this.#live;
  }

  #growSlots(slots: number): void {
    const next = new Int32Array(Math.max(slots, this.#next.length * 2));
    next.set(this.#next);
    this.#next = next;
  }
}
