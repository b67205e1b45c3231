// One band's buckets: band key -> the slots of the documents whose band hashed to it. A bucket
// holds a bare slot number until a second document joins it, since most buckets never do.

/** A multimap from 53-bit band keys to document slots. */
export class BandTable {
  readonly #buckets = new Map<number, number | number[]>();

  add(key: number, slot: number): void {
    const bucket = this.#buckets.get(key);
    if (bucket === undefined) this.#buckets.set(key, slot);
    else if (typeof bucket === 'number') this.#buckets.set(key, [bucket, slot]);
    else bucket.push(slot);
  }

  delete(key: number, slot: number): void {
    const bucket = this.#buckets.get(key);
    if (bucket === undefined) return;
    if (typeof bucket === 'number') {
      if (bucket === slot) this.#buckets.delete(key);
      return;
    }
    const at = bucket.indexOf(slot);
    if (at < 0) return;
    bucket.splice(at, 1);
    if (bucket.length === 1) this.#buckets.set(key, bucket[0]!);
  }

  /** Calls `visit` for every slot in the bucket of `key`. */
  forEach(key: number, visit: (slot: number) => void): void {
    const bucket = this.#buckets.get(key);
    if (bucket === undefined) return;
    if (typeof bucket === 'number') visit(bucket);
    else for (let i = 0; i < bucket.length; i++) visit(bucket[i]!);
  }

  get keyCount(): number {
    return this.#buckets.size;
  }
}
