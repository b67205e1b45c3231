// Where the scan's time goes: the floor (scanShingles) taken apart into the steps it does, each
// step a pass over the same ASCII stories that does everything the one before it does and one
// thing more. Each pass is a copy of the scan's ASCII loop (src/internal/scanShingles.ts) cut short
// at its step, so the difference between two rows is what that step costs inside the real loop:
//   1. read: copy each story to bytes (TextEncoder.encodeInto), as the scan does first;
//   2. + classify every byte without a branch: the least any byte-at-a-time tokenizer pays;
//   3. tokenize: find every word as the scan does, by branching at word boundaries;
//   4. + token hashes: fold two characters at a time into the word's murmur3 hash, and write it
//      out scrambled: the scan's first pass;
//   5. + shingle hashes: the second pass, murmur3 over each window of 5 token hashes. That is the
//      floor itself, which the table shows beside these passes.
// checkAnatomy() checks step 4 against the package's own hashToken, so that the copies cannot
// drift from the scan without the bench saying so. It checks the very passes that are timed:
// V8 folds a closure's constants into its code only while the closure is the one instance of its
// function, so a second scanAnatomy() would slow both (by half, measured).

// As the scan's table: 0 ends a word, else the lower-cased character (bytes from 128 up never come).
const FOLD = new Uint8Array(256);
for (let c = 48; c <= 57; c++) FOLD[c] = c;
for (let c = 97; c <= 122; c++) FOLD[c] = c;
for (let c = 65; c <= 90; c++) FOLD[c] = c | 32;
const IS_WORD = new Int32Array(256);
for (let c = 0; c < 128; c++) IS_WORD[c] = FOLD[c] === 0 ? 0 : 1;

/** The step passes over `texts` (pure ASCII), each returning a checksum. */
export function scanAnatomy(texts, { TOKEN_SEED, mixBlock, scrambleBlock, fmix32 }) {
  const encoder = new TextEncoder();
  const bytes = new Uint8Array(Math.max(1, ...texts.map((t) => t.length)));
  const blocks = new Int32Array(Math.max(1, ...texts.map((t) => (t.length + 1) >>> 1)));
  const read = () => {
    let s = 0;
    for (const t of texts) s ^= encoder.encodeInto(t, bytes).written;
    return s;
  };
  const classify = () => {
    let words = 0;
    for (const t of texts) {
      const len = t.length;
      const b = bytes;
      encoder.encodeInto(t, b);
      let prev = 0;
      for (let i = 0; i < len; i++) {
        const w = IS_WORD[b[i]];
        words += w & ~prev; // a word starts here
        prev = w;
      }
    }
    return words;
  };
  // Step 3: the scan's loop, finding the words only (one branch per character). Like the scan, it
  // is given pure ASCII only, so it checks no byte for it.
  const tokenize = () => {
    let s = 0;
    for (const t of texts) {
      const len = t.length;
      const b = bytes;
      encoder.encodeInto(t, b);
      let i = 0;
      for (;;) {
        let c = 0;
        while (i < len && (c = FOLD[b[i]]) === 0) i++;
        if (i >= len) break;
        const start = i;
        while (++i < len && FOLD[b[i]] !== 0);
        s += i - start;
      }
    }
    return s;
  };
  // Step 4: the scan's first pass, with its token hashes (two characters a murmur3 block) written
  // out scrambled. `onToken` receives each one (for checkAnatomy; the timed pass leaves it out).
  const tokenHashes = (onToken) => {
    let s = 0;
    for (const t of texts) {
      const len = t.length;
      const b = bytes;
      encoder.encodeInto(t, b);
      const u = blocks;
      let tokens = 0;
      let i = 0;
      for (;;) {
        let c = 0;
        while (i < len && (c = FOLD[b[i]]) === 0) i++;
        if (i >= len) break;
        const start = i;
        let h = TOKEN_SEED;
        for (;;) {
          const first = c;
          c = ++i < len ? FOLD[b[i]] : 0;
          if (c === 0) {
            h ^= scrambleBlock(first);
            break;
          }
          h = mixBlock(h, first | (c << 16));
          c = ++i < len ? FOLD[b[i]] : 0;
          if (c === 0) break;
        }
        const tokenHash = fmix32(h ^ ((i - start) << 1));
        onToken?.(tokenHash);
        u[tokens++] = scrambleBlock(tokenHash);
      }
      s ^= u[tokens >>> 1];
    }
    return s;
  };
  return { read, classify, tokenize, tokenHashes };
}

/**
 * Throws unless the token hashes of `anatomy` (made by scanAnatomy over `texts`) are the package's
 * (hashToken of each lower-cased word).
 */
export function checkAnatomy(anatomy, texts, internals) {
  const got = [];
  anatomy.tokenHashes((h) => got.push(h));
  const want = texts.flatMap((t) => (t.toLowerCase().match(/[a-z0-9]+/g) ?? []).map((w) => internals.hashToken(w)));
  if (got.length !== want.length || got.some((h, i) => h !== want[i])) throw new Error('bench/lib/scanAnatomy.mjs no longer hashes tokens as the scan does');
}
