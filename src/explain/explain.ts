import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { murmur3Words } from '../internal/murmur3.js';
import { hashToken, SHINGLE_SEED } from '../internal/scanShingles.js';
import { optionsObject } from '../internal/validate.js';
import { exactJaccard, hashShingles } from '../shingle/hashShingles.js';
import { resolveShingling, SHINGLE_OPTIONS, shingleOptionsOf, type ShingleOptions, type Shingling } from '../shingle/ShingleOptions.js';
import { tokenCodePointSpans, tokenizeWithOffsets } from './tokenizeWithOffsets.js';

/** A range [start, end) of UTF-16 offsets into one of the two original texts. */
export interface TextRange {
  start: number;
  end: number;
}

/** One passage the two texts share: a maximal run of consecutive shingles found consecutively in both. */
export interface Passage {
  /** Where the passage stands in the first text: `a.slice(start, end)` is the passage as printed there. */
  readonly a: TextRange;
  /** Where it stands in the second text. */
  readonly b: TextRange;
  /** Number of consecutive shared shingles in the run. */
  readonly shingles: number;
}

/** Why two texts are similar: their similarity and the passages they share. */
export interface Explanation {
  /** Exact Jaccard similarity of the two shingle sets: `exactJaccard(hashShingles(a), hashShingles(b))`. */
  readonly similarity: number;
  /** The shared passages, by position in `a`, not overlapping in `a`. */
  readonly passages: ReadonlyArray<Passage>;
}

/**
 * At most this many occurrences in `b` of one shingle are tried as the start of a run, so a text
 * that repeats one phrase thousands of times costs linear, not quadratic, time.
 */
const MAX_OCCURRENCES_TRIED = 64;

/** The units shingles are made of (words, or the code points of the words joined by one space), with their hashes and places. */
interface Units {
  /** Token hash (words) or code point (characters), the input of the shingle hash. */
  readonly values: number[];
  /** Original offset where each unit starts and ends. */
  readonly starts: number[];
  readonly ends: number[];
}

/**
 * Explains a pair: the exact similarity of two texts and the passages they share, as character
 * ranges in the original texts, ready to highlight. A passage is a maximal run of consecutive
 * shingles of `a` that also occur consecutively, in the same order, in `b`, mapped back to the
 * original text from the start of its first word to the end of its last (for character n-grams,
 * from its first character to its last, widened to whole original characters: a passage that
 * starts or ends inside the 'fi' of 'ﬁ' takes the ligature, one inside a composed accent 'e' +
 * U+0301 takes the whole word). Offsets are UTF-16 code unit offsets into the strings as
 * given, before any normalization, so `a.slice(p.a.start, p.a.end)` prints the passage as `a`
 * wrote it, capitals, ligatures and punctuation included.
 *
 * The passages are found greedily from the start of `a`: at each shingle of `a` that occurs in
 * `b`, the occurrence that continues the longest run is taken (the first such one after the
 * previous passage, when there is a tie; of a shingle that occurs more than 64 times in `b`, 64
 * occurrences are tried), and the search goes on after the run. Passages come in the order of `a`
 * and never overlap in `a`: when a run starts within the last words of the previous one, its
 * first words are left to the previous passage, in both texts. They may overlap in `b` when `a`
 * repeats something `b` says once. Two texts without a shared shingle have no passages; two equal
 * texts have one passage spanning all their words.
 *
 * @param options how the texts were shingled: give the same `shingleSize` or `charNgrams` as the
 *   run that reported the pair, or the passages will not match its similarity.
 * @throws {InvalidOptionError} when `a` or `b` is not a string or a shingle option is out of range.
 * @example
 * ```ts
 * const a = 'Breaking: The Home Secretary will meet tech firms on Thursday, officials said.';
 * const b = 'the home secretary will meet tech firms on Thursday to discuss encryption';
 * const { similarity, passages } = explain(a, b, { shingleSize: 3 });
 * // similarity 0.538... (7 of 13 shingles shared), one passage of 7 shingles
 * a.slice(passages[0].a.start, passages[0].a.end); // 'The Home Secretary will meet tech firms on Thursday'
 * b.slice(passages[0].b.start, passages[0].b.end); // 'the home secretary will meet tech firms on Thursday'
 * ```
 */
export function explain(a: string, b: string, options?: ShingleOptions): Explanation {
  const shingling = resolveShingling(optionsObject('options', options, SHINGLE_OPTIONS));
  if (typeof a !== 'string') throw new InvalidOptionError('a', 'a string', a);
  if (typeof b !== 'string') throw new InvalidOptionError('b', 'a string', b);
  const shingleOptions = shingleOptionsOf(shingling);
  const similarity = exactJaccard(hashShingles(a, shingleOptions), hashShingles(b, shingleOptions));
  if (similarity === 0) return { similarity, passages: [] };
  const unitsA = unitsOf(a, shingling);
  const unitsB = unitsOf(b, shingling);
  const hashesA = shingleHashes(unitsA.values, shingling.size);
  const hashesB = shingleHashes(unitsB.values, shingling.size);
  const spanA = Math.min(shingling.size, unitsA.values.length); // units per shingle
  const spanB = Math.min(shingling.size, unitsB.values.length);

  const occurrences = new Map<number, number[]>();
  for (let j = 0; j < hashesB.length; j++) {
    const list = occurrences.get(hashesB[j]!);
    if (list === undefined) occurrences.set(hashesB[j]!, [j]);
    else list.push(j);
  }

  const passages: Passage[] = [];
  let nextB = 0; // the shingle of b just after the previous passage
  let coveredUnitsA = 0; // units of a covered by the previous passage
  let coveredCharsA = 0;
  for (let i = 0; i < hashesA.length; ) {
    const list = occurrences.get(hashesA[i]!);
    if (list === undefined) {
      i++;
      continue;
    }
    let bestJ = -1;
    let bestLength = 0;
    for (const j of occurrencesToTry(list, nextB)) {
      let length = 1;
      while (i + length < hashesA.length && j + length < hashesB.length && hashesA[i + length] === hashesB[j + length]) length++;
      if (length > bestLength) {
        bestLength = length;
        bestJ = j;
      }
    }
    // Units i .. i + length - 1 + span - 1 of a pair with units bestJ + the same offsets in b.
    const skip = Math.max(0, coveredUnitsA - i);
    const lastA = i + bestLength - 1 + spanA - 1;
    const lastB = bestJ + bestLength - 1 + spanB - 1;
    const startA = Math.max(unitsA.starts[i + skip]!, coveredCharsA);
    const endA = unitsA.ends[lastA]!;
    const startB = unitsB.starts[bestJ + skip]!;
    const endB = unitsB.ends[lastB]!;
    // Empty only in corner cases: a run of a single space between character n-grams, or tokens
    // that share one original character ('½' is '1' and '2') split between two passages.
    if (startA < endA && startB < endB) {
      passages.push({ a: { start: startA, end: endA }, b: { start: startB, end: endB }, shingles: bestLength });
      coveredCharsA = endA;
    }
    coveredUnitsA = lastA + 1;
    nextB = bestJ + bestLength;
    i += bestLength;
  }
  return { similarity, passages };
}

/** The occurrences to try, in order: from the first at or after `from`, then the earlier ones; at most MAX_OCCURRENCES_TRIED. */
function occurrencesToTry(list: number[], from: number): number[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  const ordered = lo === 0 ? list : list.slice(lo).concat(list.slice(0, lo));
  return ordered.length > MAX_OCCURRENCES_TRIED ? ordered.slice(0, MAX_OCCURRENCES_TRIED) : ordered;
}

/** The shingle units of a text with their original offsets, in the same order the scan reads them. */
function unitsOf(text: string, shingling: Shingling): Units {
  const tokens = tokenizeWithOffsets(text);
  const values: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  if (shingling.kind === 'word') {
    for (const t of tokens) {
      values.push(hashToken(t.token));
      starts.push(t.start);
      ends.push(t.end);
    }
    return { values, starts, ends };
  }
  for (let n = 0; n < tokens.length; n++) {
    const t = tokens[n]!;
    if (n > 0) {
      // The space that joins two words belongs to neither: a passage that starts with it starts at
      // the next word, one that ends with it ends at the previous word.
      values.push(0x20);
      starts.push(t.start);
      ends.push(tokens[n - 1]!.end);
    }
    const spans = tokenCodePointSpans(text, t);
    let k = 0;
    for (const ch of t.token) {
      values.push(ch.codePointAt(0)!);
      starts.push(spans[k]!.start);
      ends.push(spans[k]!.end);
      k++;
    }
  }
  return { values, starts, ends };
}

/** The shingle hashes of a unit sequence, in order: the format of `forEachShingleHash`. */
function shingleHashes(values: number[], size: number): number[] {
  if (values.length === 0) return [];
  if (values.length < size) return [murmur3Words(values, 0, values.length, SHINGLE_SEED)];
  const hashes: number[] = [];
  for (let i = 0; i + size <= values.length; i++) hashes.push(murmur3Words(values, i, size, SHINGLE_SEED));
  return hashes;
}
