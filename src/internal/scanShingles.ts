// The hot path: text -> tokens -> shingle hashes. One pass reads the text (its UTF-8 bytes when it
// is pure ASCII, its UTF-16 code units otherwise), and a second one its tokens' hashes.
// Nothing is allocated per token or per shingle. The passes write to scratch buffers that are
// reused from document to document (they grow only for a longer text than any before):
// 1. the text's tokens (words, or code points for char n-grams): each token's hash is computed as
//    its characters are read, and written to `blocks`, already scrambled for murmur3;
// 2. the shingles: murmur3 over each window of k units, written to `out`.
// The second pass is its own loop because the first branches at every word's end, which the
// processor cannot predict: a shingle hash computed there is a chain of dependent steps that each
// misprediction cuts off, while a loop of its own, free of such branches, runs four windows' chains
// side by side. Consumers then loop over `out` in their own monomorphic loop; a per-shingle callback
// would make this one call site see every consumer and stop V8 from inlining it.
// Pure ASCII text is not normalized (NFKC is the identity on ASCII): it is copied once to bytes with
// TextEncoder.encodeInto, and A-Z is folded inline.
//
// Hash format (locked by golden vectors in test/internal/scanShingles.test.ts):
// - token hash   = MurmurHash3_x86_32(UTF-16LE bytes of the normalized token, seed TOKEN_SEED)
// - word shingle = MurmurHash3_x86_32(little-endian bytes of its k token hashes, seed SHINGLE_SEED)
// - char n-gram  = MurmurHash3_x86_32(little-endian 32-bit code points, seed SHINGLE_SEED), over the
//                  normalized text's words joined by one space

import { isAscii, normalizeNonAscii } from '../text/normalizeText.js';
import type { Shingling } from '../shingle/ShingleOptions.js';
import { fmix32, mixBlock, mixScrambled, murmur3Scrambled, scrambleBlock } from './murmur3.js';
import { bmpClasses, isWordCodePoint, SKIP, unitClass, WORD } from './wordChars.js';

/** Seed of the per-token hash. Part of the shingle format: changing it changes every signature. */
export const TOKEN_SEED = 0x6e656172; // "near"
/** Seed of the shingle hash. Part of the shingle format. */
export const SHINGLE_SEED = 0x64757073; // "dups"

// The first pass's output, the units of the shingles: each token's hash (each code point, for char
// n-grams) as the 32-bit block murmur3 folds in, already scrambled (scrambleBlock): a unit is in k
// windows, and is scrambled once instead of once per window. Int32, so that V8 reads the values
// back as small integers.
let blocks = new Int32Array(4096);
// The most units `blocks` keeps between scans: a longer text's buffer is dropped after its scan, so
// one huge text does not pin its size for the process (as KEEP_BYTES below).
const KEEP_BLOCKS = 1 << 22;
// The shingle hashes: what scanShingles returns a view of.
let out = new Uint32Array(4096);
let generation = 0;

/** Counts scans, so a caller holding a view can tell that a later scan has overwritten it. */
export function scanGeneration(): number {
  return generation;
}

// Makes room for `count` units (dropping what is there): the scans call it before their loop with
// the most units the text could give, so the loop never checks.
function blockRoom(count: number): Int32Array<ArrayBuffer> {
  if (count > blocks.length) blocks = new Int32Array(Math.max(count, 2 * blocks.length));
  return blocks;
}

const NOT_WORD = -1; // the character ends a word
const IGNORED = -2; // an in-word format character: skipped, the word goes on

/**
 * The word-character code point starting at `i`, NOT_WORD, or IGNORED for the in-word format
 * characters. Astral characters (surrogate pairs) return their full code point (> 0xFFFF).
 */
function wordCodePointAt(s: string, i: number): number {
  const u = s.charCodeAt(i);
  if (u < 0xd800 || u > 0xdfff) {
    const c = unitClass(u);
    return c === WORD ? u : c === SKIP ? IGNORED : NOT_WORD;
  }
  if (u > 0xdbff || i + 1 >= s.length) return NOT_WORD;
  const lo = s.charCodeAt(i + 1);
  if (lo < 0xdc00 || lo > 0xdfff) return NOT_WORD;
  const cp = ((u - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
  return isWordCodePoint(cp) ? cp : NOT_WORD;
}

/** Lower-cases ASCII A-Z (the only upper case left in text that skipped normalizeText). */
function foldAscii(cp: number): number {
  return cp - 65 >>> 0 < 26 ? cp | 32 : cp;
}

/**
 * The shingle hashes of `text`, in order of occurrence (repeats included; MinHash does not mind),
 * as a view of a scratch buffer that the next call overwrites: use it before scanning again.
 * Empty for a text without words.
 */
export function scanShingles(text: string, shingling: Shingling): Uint32Array {
  generation++;
  let count: number;
  if (shingling.kind === 'char') count = scanChars(isAscii(text) ? text : normalizeNonAscii(text));
  else {
    count = scanAsciiWords(text);
    if (count === NOT_ASCII) count = scanWords(normalizeNonAscii(text));
  }
  const windows = hashWindows(blocks, count, shingling.size); // may replace `out` with a bigger one
  if (blocks.length > KEEP_BLOCKS) blocks = new Int32Array(4096);
  return out.subarray(0, windows);
}

const hashWindows = windowHasher();

// Makes the second pass, with its seed a `const` of this function (see asciiWordScanner).
function windowHasher(): (units: Int32Array, count: number, k: number) => number {
  const shingleSeed = SHINGLE_SEED;
  /**
   * Writes to `out` the murmur3 hash of each window of k consecutive units (as murmur3Scrambled
   * would), or of all of them when there are fewer than k but some; returns how many it wrote.
   */
  return function hashWindows(u: Int32Array, count: number, k: number): number {
    if (count < k) {
      if (count === 0) return 0;
      out[0] = murmur3Scrambled(u, 0, count, shingleSeed);
      return 1;
    }
    const windows = count - k + 1;
    if (out.length < windows) out = new Uint32Array(Math.max(windows, 2 * out.length));
    const o = out;
    const length = k << 2; // the hashed bytes, murmur3's last step
    let w = 0;
    // Four windows at a time: four independent chains, one step of each per unit.
    for (; w + 3 < windows; w += 4) {
      let h0 = shingleSeed;
      let h1 = shingleSeed;
      let h2 = shingleSeed;
      let h3 = shingleSeed;
      for (let j = w; j < w + k; j++) {
        h0 = mixScrambled(h0, u[j]!);
        h1 = mixScrambled(h1, u[j + 1]!);
        h2 = mixScrambled(h2, u[j + 2]!);
        h3 = mixScrambled(h3, u[j + 3]!);
      }
      o[w] = fmix32(h0 ^ length);
      o[w + 1] = fmix32(h1 ^ length);
      o[w + 2] = fmix32(h2 ^ length);
      o[w + 3] = fmix32(h3 ^ length);
    }
    for (; w < windows; w++) o[w] = murmur3Scrambled(u, w, k, shingleSeed);
    return windows;
  };
}

// The text's UTF-8 bytes, for the ASCII scan: reading a byte array is faster than charCodeAt, and
// encodeInto copies a one-byte string at memory speed. Reused like `out`; a text longer than
// KEEP_BYTES gets a buffer of its own, so one huge text does not pin its size for the process.
const encoder = new TextEncoder();
const KEEP_BYTES = 1 << 24;
let bytes = new Uint8Array(1 << 16);

const NOT_ASCII = -1;

const scanAsciiWords = asciiWordScanner();

// Makes the ASCII scan, with its tables and constants as `const`s of this function: the bundler
// turns module-level `const`s into `var`s (see murmur3.ts), whose values V8 reads from memory at
// every use, while these it folds into the compiled loop (the table's size among them, which
// drops the bounds check of every lookup).
function asciiWordScanner(): (s: string) => number {
  // By byte: 0 for a character that ends a word, else the character lower-cased. Bytes from 128 up
  // never reach it (such a text is refused before the loop); 256 entries let V8 drop the bounds
  // check of every lookup.
  const fold = new Uint8Array(256);
  for (let c = 48; c <= 57; c++) fold[c] = c;
  for (let c = 97; c <= 122; c++) fold[c] = c;
  for (let c = 65; c <= 90; c++) fold[c] = c | 32;
  const tokenSeed = TOKEN_SEED;
  /**
   * The first pass of scanWords, for pure ASCII text (most news in English), which needs neither
   * normalization nor surrogate handling: writes the scrambled token hashes to `blocks` and returns
   * their count; returns NOT_ASCII, having written nothing, for any other text. One pass over the
   * bytes: skip to a word, then read its characters two at a time, folding each pair into the
   * token hash as it is read.
   */
  return function scanAsciiWords(s: string): number {
    const len = s.length;
    let b = bytes;
    if (b.length < len) {
      if (len > KEEP_BYTES) b = new Uint8Array(len);
      else b = bytes = new Uint8Array(Math.min(KEEP_BYTES, Math.max(len, 2 * b.length)));
    }
    // Every UTF-16 code unit of ASCII text is one byte, and any other character (a lone surrogate
    // too) takes two or more: the copy is pure ASCII exactly when it reads all `len` units into
    // `len` bytes. Any other text is known as such before the loop, at the cost of the copy alone.
    const copied = encoder.encodeInto(s, b);
    if (copied.read !== len || copied.written !== len) return NOT_ASCII;
    const u = blockRoom((len + 1) >>> 1); // a word and the character that ends it: two bytes at least
    let tokens = 0;
    let i = 0;
    for (;;) {
      let c = 0;
      while (i < len && (c = fold[b[i]!]!) === 0) i++;
      if (i >= len) break;
      const start = i;
      let h = tokenSeed;
      // c is the word's next character; read its partner, then the one after that.
      for (;;) {
        const first = c;
        c = ++i < len ? fold[b[i]!]! : 0;
        if (c === 0) {
          h ^= scrambleBlock(first);
          break;
        }
        h = mixBlock(h, first | (c << 16));
        c = ++i < len ? fold[b[i]!]! : 0;
        if (c === 0) break;
      }
      u[tokens++] = scrambleBlock(fmix32(h ^ ((i - start) << 1))); // the token hash, scrambled
    }
    return tokens;
  };
}

const scanWords = unicodeWordScanner();

// Makes the scan of any text, normalized: code point classes from the Unicode table, surrogate
// pairs, in-word format characters skipped; the token hash is built as the characters are read. Its
// table and constants are `const`s of this function, as in asciiWordScanner.
function unicodeWordScanner(): (s: string) => number {
  const classes = bmpClasses();
  const word = WORD;
  const skip = SKIP;
  const tokenSeed = TOKEN_SEED;
  /** The first pass for any normalized text: writes the scrambled token hashes to `blocks`, returns their count. */
  return function scanWords(s: string): number {
    const u = blockRoom((s.length + 1) >>> 1); // a token and the character that ends it: two code units at least
    let tokens = 0;
    let h = tokenSeed; // murmur3 state of the current token
    let pending = -1; // a code unit waiting for its partner to make a 32-bit block
    let units = 0; // code units in the current token
    const len = s.length;
    for (let i = 0; i <= len; i++) {
      // The word-character code point at i, or -1 where a word ends (wordCodePointAt).
      let cp = -1;
      if (i < len) {
        const u = s.charCodeAt(i);
        if (u < 0xd800 || u > 0xdfff) {
          const c = classes[u]!;
          if (c === skip) continue; // an in-word format character: skipped, the word goes on
          if (c === word) cp = u;
        } else if (u <= 0xdbff && i + 1 < len) {
          const lo = s.charCodeAt(i + 1);
          if (lo >= 0xdc00 && lo <= 0xdfff) {
            const astral = ((u - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
            if (isWordCodePoint(astral)) cp = astral;
          }
        }
      }
      if (cp >= 0) {
        // One or two UTF-16 code units, folded into the token hash two at a time.
        // (The text is normalized, so already lower case: no folding here.)
        const first = cp > 0xffff ? 0xd800 + ((cp - 0x10000) >>> 10) : cp;
        if (pending < 0) pending = first;
        else {
          h = mixBlock(h, pending | (first << 16));
          pending = -1;
        }
        units++;
        if (cp > 0xffff) {
          const second = 0xdc00 + ((cp - 0x10000) & 0x3ff);
          if (pending < 0) pending = second;
          else {
            h = mixBlock(h, pending | (second << 16));
            pending = -1;
          }
          units++;
          i++;
        }
        continue;
      }
      if (units === 0) continue;
      // End of a token: finish its hash.
      if (pending >= 0) h ^= scrambleBlock(pending);
      u[tokens++] = scrambleBlock(fmix32(h ^ (units << 1))); // the token hash, scrambled
      h = tokenSeed;
      pending = -1;
      units = 0;
    }
    return tokens;
  };
}

// The first pass for char n-grams: writes the scrambled code points of the text's words, joined by
// one space, to `blocks` and returns their count.
function scanChars(s: string): number {
  const u = blockRoom(s.length); // a code point takes a code unit at least, and a space a separator
  let chars = 0;
  let inWord = false;
  const len = s.length;
  for (let i = 0; i < len; i++) {
    let cp = wordCodePointAt(s, i);
    if (cp === IGNORED) continue;
    if (cp < 0) {
      inWord = false;
      continue;
    }
    if (cp > 0xffff) i++;
    // Words are joined by exactly one space, so spacing and punctuation never change n-grams.
    if (!inWord && chars > 0) u[chars++] = scrambleBlock(0x20);
    inWord = true;
    u[chars++] = scrambleBlock(foldAscii(cp));
  }
  return chars;
}

/** Hashes one normalized token exactly as the scan does (for readable shingles and tests). */
export function hashToken(token: string): number {
  let h = TOKEN_SEED;
  const len = token.length;
  let i = 0;
  for (; i + 1 < len; i += 2) h = mixBlock(h, token.charCodeAt(i) | (token.charCodeAt(i + 1) << 16));
  if (i < len) h ^= scrambleBlock(token.charCodeAt(i));
  return fmix32(h ^ (len << 1));
}
