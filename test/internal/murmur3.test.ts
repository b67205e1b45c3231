import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fmix32, mixBlock, mixScrambled, murmur3Bytes, murmur3Scrambled, murmur3Words, scrambleBlock, splitmix32 } from '../../src/internal/murmur3.js';
import { seed } from './shingleReference.js';

const numRuns = 300;
const bytes = (...values: number[]) => Uint8Array.from(values);
const utf8 = (s: string) => new TextEncoder().encode(s);
const uint32 = fc.integer({ min: 0, max: 0xffffffff });

/** The little-endian bytes of 32-bit words, as MurmurHash3 reads its input on any machine. */
function littleEndian(words: readonly number[]): Uint8Array {
  const out = new Uint8Array(words.length * 4);
  const view = new DataView(out.buffer);
  words.forEach((w, i) => view.setUint32(i * 4, w >>> 0, true));
  return out;
}

// An independent MurmurHash3_x86_32 in BigInt arithmetic, which cannot lose low bits: if any
// intermediate of the Number version went through floating point, random inputs would disagree.
const M = 0xffffffffn;
const mul = (a: bigint, b: bigint) => (a * b) & M;
const rotl = (x: bigint, r: bigint) => ((x << r) | (x >> (32n - r))) & M;
function bigFmix(h: bigint): bigint {
  h ^= h >> 16n;
  h = mul(h, 0x85ebca6bn);
  h ^= h >> 13n;
  h = mul(h, 0xc2b2ae35n);
  return h ^ (h >> 16n);
}
function bigMurmur3(data: Uint8Array, seed32: number): number {
  let h = BigInt(seed32 >>> 0);
  const scramble = (k: bigint) => mul(rotl(mul(k, 0xcc9e2d51n), 15n), 0x1b873593n);
  const blocks = Math.floor(data.length / 4);
  for (let i = 0; i < blocks; i++) {
    const k = BigInt(data[4 * i]!) | (BigInt(data[4 * i + 1]!) << 8n) | (BigInt(data[4 * i + 2]!) << 16n) | (BigInt(data[4 * i + 3]!) << 24n);
    h = (mul(rotl(h ^ scramble(k), 13n), 5n) + 0xe6546b64n) & M;
  }
  let k = 0n;
  for (let i = data.length - 1; i >= blocks * 4; i--) k = (k << 8n) | BigInt(data[i]!);
  if (data.length % 4 !== 0) h ^= scramble(k);
  return Number(bigFmix(h ^ BigInt(data.length)));
}

describe('murmur3Bytes', () => {
  // MurmurHash3_x86_32 known answers from SMHasher's reference implementation, as published in the
  // Stack Overflow answer "MurmurHash3 Test Vectors" (https://stackoverflow.com/a/31929528). Each
  // row targets one mistake: unsigned seed, signed blocks, byte order, each tail length, zero bytes.
  it.each([
    ['no bytes', bytes(), 0, 0x00000000],
    ['no bytes', bytes(), 1, 0x514e28b7],
    ['no bytes', bytes(), 0xffffffff, 0x81f16f39],
    ['ff ff ff ff', bytes(0xff, 0xff, 0xff, 0xff), 0, 0x76293b50],
    ['21 43 65 87', bytes(0x21, 0x43, 0x65, 0x87), 0, 0xf55b516b],
    ['21 43 65 87', bytes(0x21, 0x43, 0x65, 0x87), 0x5082edee, 0x2362f9de],
    ['21 43 65', bytes(0x21, 0x43, 0x65), 0, 0x7e4a8634],
    ['21 43', bytes(0x21, 0x43), 0, 0xa0f7b07a],
    ['21', bytes(0x21), 0, 0x72661cf4],
    ['00 00 00 00', bytes(0, 0, 0, 0), 0, 0x2362f9de],
    ['00 00 00', bytes(0, 0, 0), 0, 0x85f0b427],
    ['00 00', bytes(0, 0), 0, 0x30f4c306],
    ['00', bytes(0), 0, 0x514e28b7],
  ])('hashes the bytes %s with seed %i to the SMHasher value', (_name, input, seed32, expected) => {
    expect(murmur3Bytes(input, seed32)).toBe(expected);
  });

  // The same answer's string vectors (UTF-8 bytes), and the widely quoted seed-0 values (Python's
  // mmh3.hash('test') is -1167338989, i.e. 0xba6bd213 unsigned).
  it.each([
    ['', 0, 0x00000000],
    ['', 1, 0x514e28b7],
    ['', 0xffffffff, 0x81f16f39],
    ['\0\0\0\0', 0, 0x2362f9de],
    ['aaaa', 0x9747b28c, 0x5a97808a],
    ['aaa', 0x9747b28c, 0x283e0130],
    ['aa', 0x9747b28c, 0x5d211726],
    ['a', 0x9747b28c, 0x7fa09ea6],
    ['abcd', 0x9747b28c, 0xf0478627],
    ['abc', 0x9747b28c, 0xc84a62dd],
    ['ab', 0x9747b28c, 0x74875592],
    ['Hello, world!', 0x9747b28c, 0x24884cba],
    ['ππππππππ', 0x9747b28c, 0xd58063c1],
    ['a'.repeat(256), 0x9747b28c, 0x37405bdc],
    ['abc', 0, 0xb3dd93fa],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', 0, 0xee925b90],
    ['The quick brown fox jumps over the lazy dog', 0x9747b28c, 0x2fa826cd],
    ['test', 0, 0xba6bd213],
    ['Hello, world!', 0, 0xc0363e43],
    ['The quick brown fox jumps over the lazy dog', 0, 0x2e4ff723],
  ])('hashes the UTF-8 of %j with seed %i to the published value', (input, seed32, expected) => {
    expect(murmur3Bytes(utf8(input), seed32)).toBe(expected);
  });

  it('agrees with a BigInt implementation on arbitrary bytes and seeds', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), uint32, (data, s) => {
        expect(murmur3Bytes(data, s)).toBe(bigMurmur3(data, s));
      }),
      { seed, numRuns },
    );
  });

  it('treats a seed as 32 bits, so a negative seed equals its unsigned form', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 16 }), uint32, (data, s) => {
        expect(murmur3Bytes(data, s | 0)).toBe(murmur3Bytes(data, s >>> 0));
      }),
      { seed, numRuns },
    );
  });
});

describe('murmur3Words', () => {
  it('equals murmur3Bytes of the words’ little-endian bytes, from any start', () => {
    fc.assert(
      fc.property(fc.array(uint32, { maxLength: 40 }), fc.nat(), fc.nat(), uint32, (words, a, b, s) => {
        const start = words.length === 0 ? 0 : a % (words.length + 1);
        const count = b % (words.length - start + 1);
        expect(murmur3Words(words, start, count, s)).toBe(murmur3Bytes(littleEndian(words.slice(start, start + count)), s));
      }),
      { seed, numRuns },
    );
  });

  it('reads a Uint32Array, an Int32Array and a plain array of the same bits alike', () => {
    fc.assert(
      fc.property(fc.array(uint32, { minLength: 1, maxLength: 16 }), uint32, (words, s) => {
        const expected = murmur3Words(words, 0, words.length, s);
        expect(murmur3Words(Uint32Array.from(words), 0, words.length, s)).toBe(expected);
        expect(murmur3Words(Int32Array.from(words.map((w) => w | 0)), 0, words.length, s)).toBe(expected);
      }),
      { seed, numRuns },
    );
  });

  it('hashes no words to the hash of no bytes', () => {
    expect(murmur3Words([], 0, 0, 1)).toBe(0x514e28b7);
    expect(murmur3Words([7, 8, 9], 2, 0, 0xffffffff)).toBe(0x81f16f39);
  });

  it('hashes the word 0x87654321 like the bytes 21 43 65 87', () => {
    expect(murmur3Words([0x87654321], 0, 1, 0)).toBe(0xf55b516b);
  });
});

describe('mixScrambled', () => {
  it('is mixBlock with the block scrambled beforehand', () => {
    fc.assert(
      fc.property(uint32, uint32, (h, block) => {
        expect(mixScrambled(h | 0, scrambleBlock(block))).toBe(mixBlock(h | 0, block));
      }),
      { seed, numRuns },
    );
  });
});

describe('murmur3Scrambled', () => {
  it('gives murmur3Words of the words whose scrambled values it reads, from any start', () => {
    fc.assert(
      fc.property(fc.array(uint32, { maxLength: 40 }), fc.nat(), fc.nat(), uint32, (words, a, b, s) => {
        const start = words.length === 0 ? 0 : a % (words.length + 1);
        const count = b % (words.length - start + 1);
        const scrambled = Int32Array.from(words, (w) => scrambleBlock(w));
        expect(murmur3Scrambled(scrambled, start, count, s)).toBe(murmur3Words(words, start, count, s));
      }),
      { seed, numRuns },
    );
  });
});

describe('fmix32', () => {
  it('maps 0 to 0 and returns an unsigned 32-bit integer', () => {
    expect(fmix32(0)).toBe(0);
    fc.assert(
      fc.property(uint32, (h) => {
        const out = fmix32(h);
        expect(Number.isInteger(out) && out >= 0 && out <= 0xffffffff).toBe(true);
      }),
      { seed, numRuns },
    );
  });

  it('agrees with the BigInt finalizer', () => {
    fc.assert(
      fc.property(uint32, (h) => {
        expect(fmix32(h)).toBe(Number(bigFmix(BigInt(h))));
        expect(fmix32(h | 0)).toBe(fmix32(h));
      }),
      { seed, numRuns },
    );
  });
});

describe('mixBlock and scrambleBlock', () => {
  it('compose to murmur3Bytes: one mixed block, then the length and the finalizer', () => {
    fc.assert(
      fc.property(uint32, uint32, (block, s) => {
        expect(fmix32(mixBlock(s, block) ^ 4)).toBe(murmur3Bytes(littleEndian([block]), s));
      }),
      { seed, numRuns },
    );
  });

  it('fold a tail of up to three bytes with scrambleBlock alone', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 3 }), uint32, (tail, s) => {
        let k = 0;
        for (let i = tail.length - 1; i >= 0; i--) k = (k << 8) | tail[i]!;
        expect(fmix32((s ^ scrambleBlock(k)) ^ tail.length)).toBe(murmur3Bytes(tail, s));
      }),
      { seed, numRuns },
    );
  });
});

describe('splitmix32', () => {
  // Not MurmurHash3, but it derives MinHash parameters from the user's seed, so it is part of the
  // signature format. It adds the golden-ratio increment and applies a two-round xorshift-multiply
  // mixer; a BigInt version of that recipe pins it down exactly.
  function bigSplitmix(state: number): number {
    let z = (BigInt(state >>> 0) + 0x9e3779b9n) & M;
    z = mul(z ^ (z >> 16n), 0x21f0aaadn);
    z = mul(z ^ (z >> 15n), 0x735a2d97n);
    return Number(z ^ (z >> 15n));
  }

  it('agrees with the BigInt recipe and returns an unsigned 32-bit integer', () => {
    fc.assert(
      fc.property(uint32, (state) => {
        const out = splitmix32(state);
        expect(out).toBe(bigSplitmix(state));
        expect(splitmix32(state | 0)).toBe(out);
        expect(out >= 0 && out <= 0xffffffff).toBe(true);
      }),
      { seed, numRuns },
    );
  });
});
