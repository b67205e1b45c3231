// Copies of hash arrays (a document's shingle hashes, kept for exact verification) packed into
// shared chunks. A typed array of more than a few dozen bytes gets a backing store of its own
// outside the JavaScript heap, which costs about half a microsecond to allocate and more to
// collect: as much as signing a short article. A view of a chunk is an ordinary heap object.
//
// A chunk lives as long as any view into it: documents removed out of order free their space only
// when their chunk's other documents are gone too. Chunks are small (CHUNK_WORDS), so that waste
// stays a few hundred kilobytes per chunk still in use.

const CHUNK_WORDS = 1 << 16; // 256 KiB

/** Hands out copies of Uint32Arrays as views of shared chunks. */
export class HashArena {
  #chunk = new Uint32Array(0);
  #used = 0;

  /** A copy of `hashes`: a view of a chunk, owned by the caller from now on. */
  copy(hashes: Uint32Array): Uint32Array {
    const n = hashes.length;
    // A text longer than a chunk gets its own array, as without the arena.
    if (n > CHUNK_WORDS >>> 2) return hashes.slice();
    if (this.#used + n > this.#chunk.length) {
      this.#chunk = new Uint32Array(CHUNK_WORDS);
      this.#used = 0;
    }
    const at = this.#used;
    this.#chunk.set(hashes, at);
    this.#used = at + n;
    return this.#chunk.subarray(at, at + n);
  }
}
