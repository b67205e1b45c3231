// Copies of small Uint32Arrays kept as views of shared chunks: the shingle hashes a one-shot
// findNearDuplicates run keeps for exact verification. A typed array of more than 64 bytes gets a
// backing store of its own outside the JavaScript heap, which costs about half a microsecond to
// allocate and more to collect (V8 also counts it as external memory, which brings full
// collections sooner): as much as signing a short article. A view of a chunk is an ordinary heap
// object.
//
// A chunk lives as long as any view into it, as Node's small Buffers keep their 8 KiB pool alive:
// a view kept alone keeps its whole chunk. The chunk size bounds that waste.

/** Chunk size for kept shingle hashes: 256 KiB, about 450 Reuters articles. */
export const SHINGLE_CHUNK_WORDS = 1 << 16;

/** Copies arrays into views of shared chunks of `chunkWords` 32-bit words. */
export class HashArena {
  readonly #chunkWords: number;
  #chunk = new Uint32Array(0);
  #used = 0;

  /** @param chunkWords - words per chunk; an array of more than a quarter of that gets its own. */
  constructor(chunkWords: number) {
    this.#chunkWords = chunkWords;
  }

  /**
   * A copy of `words`: a view of a chunk shared with other copies, so its `.buffer` must never be
   * used, transferred or detached, and the chunk stays alive as long as any of its views.
   */
  copy(words: Uint32Array): Uint32Array {
    const count = words.length;
    if (count > this.#chunkWords >>> 2) return words.slice();
    if (this.#used + count > this.#chunk.length) {
      this.#chunk = new Uint32Array(this.#chunkWords);
      this.#used = 0;
    }
    const at = this.#used;
    this.#used = at + count;
    const out = this.#chunk.subarray(at, at + count);
    out.set(words);
    return out;
  }
}
