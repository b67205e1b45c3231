import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { murmur3Bytes } from '../../src/internal/murmur3.js';
import { hashToken, scanGeneration, scanShingles, SHINGLE_SEED, TOKEN_SEED } from '../../src/internal/scanShingles.js';
import { hashShingles } from '../../src/shingle/hashShingles.js';
import { resolveShingling, type ShingleOptions } from '../../src/shingle/ShingleOptions.js';
import { shingle } from '../../src/shingle/shingle.js';
import { asciiWordishText, hex, referenceHashSet, referenceShingleHashes, seed, text } from './shingleReference.js';

const numRuns = 300;

/** The hashes a scan returns, copied out of the scratch buffer the next scan reuses. */
function scan(input: string, options: ShingleOptions): number[] {
  return Array.from(scanShingles(input, resolveShingling(options)));
}

const options: fc.Arbitrary<ShingleOptions> = fc.oneof(
  fc.integer({ min: 1, max: 8 }).map((shingleSize) => ({ shingleSize })),
  fc.integer({ min: 1, max: 8 }).map((charNgrams) => ({ charNgrams })),
  fc.constantFrom<ShingleOptions>({ shingleSize: 64 }, { charNgrams: 64 }),
);

describe('TOKEN_SEED and SHINGLE_SEED', () => {
  it('are the ASCII words "near" and "dups" read as big-endian 32-bit integers', () => {
    expect(TOKEN_SEED).toBe(Buffer.from('near').readUInt32BE(0));
    expect(SHINGLE_SEED).toBe(Buffer.from('dups').readUInt32BE(0));
  });
});

describe('hashToken', () => {
  it('is MurmurHash3_x86_32 of the token’s UTF-16LE bytes with TOKEN_SEED', () => {
    fc.assert(
      fc.property(text, (token) => {
        expect(hashToken(token)).toBe(murmur3Bytes(Buffer.from(token, 'utf16le'), TOKEN_SEED));
      }),
      { seed, numRuns },
    );
  });

  it('hashes astral letters as their two UTF-16 code units', () => {
    expect(hashToken('\u{20000}')).toBe(murmur3Bytes(Uint8Array.of(0x40, 0xd8, 0x00, 0xdc), TOKEN_SEED));
  });
});

describe('scanShingles', () => {
  it('returns the hash of every readable shingle of shingle(), in order and with repeats', () => {
    fc.assert(
      fc.property(text, options, (input, opts) => {
        expect(scan(input, opts)).toEqual(referenceShingleHashes(input, opts));
      }),
      { seed, numRuns },
    );
  });

  it('returns nothing for a text without words', () => {
    for (const input of ['', ' ', '... — !?', '😀 👍🏽', '\ud800', '\udc00 \ud800']) {
      expect(scan(input, { shingleSize: 3 })).toEqual([]);
      expect(scan(input, { charNgrams: 3 })).toEqual([]);
    }
  });

  it('folds ASCII case inline exactly as the normalized path does', () => {
    // An ASCII text skips normalizeText; adding one accented word sends the same words through
    // NFKC and toLowerCase. With one-word shingles the hashes of the ASCII words must not move.
    fc.assert(
      fc.property(asciiWordishText, (ascii) => {
        expect(scan(`${ascii} é`, { shingleSize: 1 })).toEqual([...scan(ascii, { shingleSize: 1 }), ...referenceShingleHashes('é', { shingleSize: 1 })]);
      }),
      { seed, numRuns },
    );
  });

  it('hashes "ABC def" and "ABC def é" to the same first two words', () => {
    const words = referenceShingleHashes('abc def', { shingleSize: 1 });
    expect(scan('ABC def', { shingleSize: 1 })).toEqual(words);
    expect(scan('ABC def é', { shingleSize: 1 }).slice(0, 2)).toEqual(words);
  });

  it('leaves the ASCII fast path at a non-ASCII character anywhere, whatever an earlier text left in its buffers', () => {
    // A long text first, so the byte buffer is larger than the texts below and still holds letters.
    scan('Long earlier text '.repeat(500), { shingleSize: 2 });
    fc.assert(
      fc.property(asciiWordishText, fc.nat(), fc.constantFrom('É', 'ß', '€', '\u00ad', 'ﬁ', '😀'), (ascii, at, odd) => {
        const p = at % (ascii.length + 1);
        const input = ascii.slice(0, p) + odd + ascii.slice(p);
        expect(scan(input, { shingleSize: 2 })).toEqual(referenceShingleHashes(input, { shingleSize: 2 }));
      }),
      { seed, numRuns },
    );
  });

  it('leaves the ASCII fast path for a long text ending in a non-ASCII character, whatever its length', () => {
    // Lengths around the byte buffer's sizes (64 KiB at first, doubling) and past the 16 MiB it
    // keeps: with one-word shingles every word gives the same hash wherever it stands, so the long
    // text needs no reference scan.
    const [a] = referenceShingleHashes('a', { shingleSize: 1 });
    for (const length of [65_535, 65_536, 65_537, 131_072, (1 << 24) + 3]) {
      for (const last of ['é', '😀', '\ud800', '\u0080']) {
        const words = length >>> 1;
        const hashes = scan('a '.repeat(words) + last, { shingleSize: 1 });
        const expected = referenceShingleHashes(last, { shingleSize: 1 });
        expect(hashes.length, `${length} ${JSON.stringify(last)}`).toBe(words + expected.length);
        expect(hashes[0]).toBe(a);
        expect(hashes[words - 1]).toBe(a);
        expect(hashes.slice(words)).toEqual(expected);
      }
    }
  });

  it('grows its scratch buffer for a long text without losing the hashes already written', () => {
    const long = Array.from({ length: 9000 }, (_, i) => `w${i % 7000}`).join(' ');
    expect(scan(long, { shingleSize: 2 })).toEqual(referenceShingleHashes(long, { shingleSize: 2 }));
    expect(scan(long, { charNgrams: 3 })).toEqual(referenceShingleHashes(long, { charNgrams: 3 }));
  });

  it('does not carry state from one scan into the next (the scratch buffers are shared)', () => {
    const first = scan('one two three four five six', { shingleSize: 3 });
    scan(Array.from({ length: 100 }, (_, i) => `w${i}`).join(' '), { shingleSize: 64 });
    scan('x'.repeat(200), { charNgrams: 64 });
    expect(scan('one two three four five six', { shingleSize: 3 })).toEqual(first);
  });

  it('scans a text longer than the scratch space it keeps between scans, and the next text as before', () => {
    const before = scan('one two three four five six', { shingleSize: 3 });
    const huge = 'ab '.repeat(1_500_000); // 4.5M code points joined: more units than are kept
    const hashes = scanShingles(huge, resolveShingling({ charNgrams: 3 }));
    expect(hashes).toHaveLength(4_499_997);
    expect(Array.from(hashes.subarray(0, 5))).toEqual(scan('ab ab a', { charNgrams: 3 }));
    expect(scan('one two three four five six', { shingleSize: 3 })).toEqual(before);
  });

  it('handles the largest shingle size with exactly that many words, and one more', () => {
    const words = Array.from({ length: 65 }, (_, i) => `w${i}`);
    const exact = words.slice(0, 64).join(' ');
    expect(scan(exact, { shingleSize: 64 })).toEqual(referenceShingleHashes(exact, { shingleSize: 64 }));
    expect(scan(words.join(' '), { shingleSize: 64 })).toHaveLength(2);
  });

  it('counts scans in scanGeneration, so a holder of an older view can tell it was overwritten', () => {
    const before = scanGeneration();
    scanShingles('one', resolveShingling({}));
    scanShingles('', resolveShingling({ charNgrams: 2 }));
    expect(scanGeneration()).toBe(before + 2);
  });
});

// Golden vectors: the exact shingle hash sets of fixed texts. They lock the token hash, the
// shingle hash, both seeds, NFKC + case folding and the word-character table. Changing any of
// these values changes every signature: it means bumping SIGNATURE_FORMAT_VERSION
// (src/signature/formatVersion.ts), never just editing the numbers here.
const GOLDEN: readonly { name: string; text: string; word5: string[]; word1: string[]; word3: string[]; char4: string[] }[] = [
  {
    name: 'ASCII',
    text: 'The quick brown fox jumps over',
    word5: ['0x5af9a388', '0xdceca263'],
    word1: ['0x23af04c3', '0x29b4cf2b', '0x4f2c33a5', '0x77e60eb3', '0x7b6798ff', '0xd5d098a2'],
    word3: ['0x01de1c4f', '0x5cb4eea4', '0xadd764d3', '0xcb2a0f6c'],
    char4: [
      '0x0c775b98', '0x313f5bed', '0x433cee7c', '0x566b0a48', '0x6496fc1b', '0x66761048', '0x6f4db558', '0x7319ab49',
      '0x732a58a9', '0x8ffa6608', '0x9c15084c', '0x9c1ed70b', '0xb3777e3b', '0xb8c8feb9', '0xb8e954a5', '0xb9dc2f0d',
      '0xbb8e0bfb', '0xcb4674d7', '0xd27e8cae', '0xd83bd186', '0xe601f690', '0xe7a962d8', '0xe95fe9fb', '0xec161e4f',
      '0xf6533b20', '0xf7be3693', '0xfa012567',
    ],
  },
  {
    name: 'ASCII with repeated shingles',
    text: 'A rose is a rose is a rose.',
    word5: ['0x7af9ba73', '0x963df164', '0xa1044151'],
    word1: ['0x5b5201a6', '0xc63d0c7f', '0xe19f968f'],
    word3: ['0x1f76adb6', '0x5eb8ddb8', '0xd249caf3'],
    char4: [
      '0x0f525c65', '0x346a4b30', '0x3bf1d9e4', '0x53cdf15e', '0x8a86c33d', '0x8b7a9f8a', '0xd0b65460', '0xdbff392c',
      '0xe430beab', '0xffd48a97',
    ],
  },
  {
    name: 'accented Latin',
    text: 'Éloïse a dîné à Genève',
    word5: ['0xac87235c'],
    word1: ['0x3bacbecb', '0x4e3d9830', '0x563f68da', '0xab477dea', '0xe19f968f'],
    word3: ['0x15812e57', '0x172da68e', '0x8c38444c'],
    char4: [
      '0x076f6f0f', '0x24fcf468', '0x4860c9bb', '0x4b273874', '0x50bb8fc1', '0x54054dbe', '0x5ac4ffe3', '0x6167057a',
      '0x68ebfb6e', '0x861abe1d', '0x923edba1', '0x9b93fb52', '0xa1988dd5', '0xa47f841b', '0xb8d6eadd', '0xd7821fdd',
      '0xde094754', '0xe3959326', '0xf6edfb8e',
    ],
  },
  {
    name: 'Hindi with vowel signs and virama',
    text: 'हिन्दी एक भाषा है',
    word5: ['0xf0f1259d'],
    word1: ['0x0d5c8ef9', '0xc8a791b2', '0xe000cfc0', '0xe4aa4cfb'],
    word3: ['0x502e352f', '0xba288892'],
    char4: [
      '0x133e3954', '0x218b65a8', '0x2c81a6f3', '0x2e1add1a', '0x60b535c9', '0x72e4593d', '0x755ea720', '0x8532626c',
      '0x94e40746', '0x9c8844b4', '0xc01b6df2', '0xea5ca079', '0xebbecab8', '0xfefd0a0c',
    ],
  },
  {
    name: 'Hebrew with niqqud',
    text: 'שָׁלוֹם עֲלֵיכֶם',
    word5: ['0xb3f51a13'],
    word1: ['0x318160d3', '0xd09b4779'],
    word3: ['0xb3f51a13'],
    char4: [
      '0x20b08efc', '0x2f3e3f5b', '0x6b7f1b29', '0x6e1c5333', '0x93a49c97', '0x94655649', '0x97182ba9', '0xa8049d85',
      '0xcb024558', '0xd0afb131', '0xf1da2c95', '0xf658b927', '0xfb8e231c',
    ],
  },
  {
    name: 'astral letters and an emoji',
    text: '𝒜lpha 😀 𠀀𠀁 𐐀𐐨 beta',
    word5: ['0xa28baadd'],
    word1: ['0x2ae63339', '0x643e5239', '0xb3f6f386', '0xdd73fa36'],
    word3: ['0x3c030740', '0xed279332'],
    char4: [
      '0x07a57735', '0x0ab4ae7a', '0x64295cab', '0x65ceabed', '0x7e328cbb', '0x822bd380', '0x8bde982d', '0x9386e721',
      '0xa0d6e8fd', '0xd018493c', '0xe0070ec2', '0xe85026c9', '0xf87043d8',
    ],
  },
  {
    name: 'a text shorter than the shingle size',
    text: 'Hi!',
    word5: ['0x27f2dfa5'],
    word1: ['0x27f2dfa5'],
    word3: ['0x27f2dfa5'],
    char4: ['0x479f1b2a'],
  },
  { name: 'the empty text', text: '', word5: [], word1: [], word3: [], char4: [] },
  { name: 'a punctuation-only text', text: ' … — !? “” ', word5: [], word1: [], word3: [], char4: [] },
];

const GOLDEN_OPTIONS = [
  ['word5', { shingleSize: 5 }],
  ['word1', { shingleSize: 1 }],
  ['word3', { shingleSize: 3 }],
  ['char4', { charNgrams: 4 }],
] as const;

describe('the shingle hash format (golden vectors)', () => {
  const cases = GOLDEN.flatMap((g) => GOLDEN_OPTIONS.map(([key, opts]) => ({ name: g.name, text: g.text, opts, expected: g[key] })));

  it.each(cases)('hashes $name with $opts to its golden set', ({ text: input, opts, expected }) => {
    expect(hex(hashShingles(input, opts))).toEqual(expected);
  });

  it.each(cases)('derives the golden set of $name with $opts from its readable shingles', ({ text: input, opts, expected }) => {
    // Ties the hard-coded numbers to the format's definition, not only to the current code.
    expect(hex(referenceHashSet(input, opts))).toEqual(expected);
  });

  it('uses the default shingle size 5 when no options are given', () => {
    expect(hex(hashShingles(GOLDEN[0]!.text))).toEqual(GOLDEN[0]!.word5);
  });

  it('gives a text of fewer words than the size the same single shingle at every size', () => {
    expect(shingle('Hi!', { shingleSize: 5 })).toEqual(['hi']);
    expect(hex(hashShingles('Hi!', { shingleSize: 64 }))).toEqual(['0x27f2dfa5']);
  });
});
