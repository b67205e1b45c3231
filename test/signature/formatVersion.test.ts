import { describe, expect, it } from 'vitest';
import { MinHasher, Signature, SIGNATURE_FORMAT_VERSION, type Scheme } from '../../src/index.js';
import { ARTICLE_000, ARTICLE_001, article } from '../__helpers__/articles.js';

// GOLDEN VECTORS. They lock the whole signature format: tokenizer, shingle hashes, both schemes'
// permutations, densification and the byte layout. Changing any of these values means the format
// changed: bump SIGNATURE_FORMAT_VERSION (and the version these vectors are written for), never just
// the vectors, or stored signatures will silently compare as garbage against new ones.
const GOLDEN_VERSION = 2;

/** The signed text: the first 400 characters of the first seed article (cuts "terrorist" short). */
const TEXT = article(ARTICLE_000).slice(0, 400);

const GOLDEN_BYTES: Record<Scheme, Record<1 | 42, string>> = {
  kperm: {
    1:
      '4e445347020100001000000001000000' +
      'b1900d02422139060b8fa108d8cd3602465d7b05784d8309fabd2800c16f290da5be2b054e90ab01bee96d02e2cc57060e328202005f23127c1e8111d9008705',
    42:
      '4e44534702010000100000002a000000' +
      '4442a903faf49e003f93800cc5e6e600fb5a5a02b5a6c317796ed601c5d1d600f829cd00770b100bb1664f004e0a1b09d67aaf017bc71701528053105a023709',
  },
  oph: {
    // Bin 5 is empty (0xffffffff): 53 shingles in 16 bins. Each value's top 4 bits are its bin.
    1:
      '4e445347020200001000000001000000' +
      '34967d03fa9d80120ab57024110f01330725ae42ffffffff523ebf6107ec2e730ac62e884d14c19770d7dca5f115a8b8f6d1b1c1afa476d060825ce2e75d80fa',
    42:
      '4e44534702020000100000002a000000' +
      'e07eac0320df941c3c7bd02168594330f449834029125f55e725aa65a227d17b1a2a4380ffa66193e8b37fa000f087b61d288dc082106ad11e1660e32f1c37f0',
  },
};

// The densified oph values of seed 1: empty bin 5 borrows the value of bin 15 (0xfa805de7).
const GOLDEN_OPH_VALUES_SEED_1 = [
  0x037d9634, 0x12809dfa, 0x2470b50a, 0x33010f11, 0x42ae2507, 0xfa805de7, 0x61bf3e52, 0x732eec07,
  0x882ec60a, 0x97c1144d, 0xa5dcd770, 0xb8a815f1, 0xc1b1d1f6, 0xd076a4af, 0xe25c8260, 0xfa805de7,
];

// The estimated similarity of the two seed articles (exact Jaccard of their 5-shingles: 0.6679).
const GOLDEN_SIMILARITY_000_001: Record<Scheme, number> = { kperm: 89 / 128, oph: 84 / 128 };

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('SIGNATURE_FORMAT_VERSION', () => {
  it('is the version the golden vectors below are written for', () => {
    expect(SIGNATURE_FORMAT_VERSION).toBe(GOLDEN_VERSION);
  });

  it('is carried by every signature and written at byte 4', () => {
    const sig = new MinHasher().sign(TEXT);
    expect(sig.version).toBe(SIGNATURE_FORMAT_VERSION);
    expect(sig.toBytes()[4]).toBe(SIGNATURE_FORMAT_VERSION);
    expect(new MinHasher().sign('').version).toBe(SIGNATURE_FORMAT_VERSION);
  });
});

describe('golden vectors', () => {
  for (const scheme of ['kperm', 'oph'] as const) {
    for (const seed of [1, 42] as const) {
      it(`signs the first 400 characters of article 000 to fixed bytes (${scheme}, numPerm 16, seed ${seed})`, () => {
        expect(hex(new MinHasher({ scheme, numPerm: 16, seed }).sign(TEXT).toBytes())).toBe(GOLDEN_BYTES[scheme][seed]);
      });

      it(`reads the golden bytes back to the same signature (${scheme}, seed ${seed})`, () => {
        const read = Signature.fromBytes(Buffer.from(GOLDEN_BYTES[scheme][seed], 'hex'));
        expect(read.equals(new MinHasher({ scheme, numPerm: 16, seed }).sign(TEXT))).toBe(true);
      });
    }
  }

  it('densifies the golden oph signature to fixed values (seed 1)', () => {
    expect(Array.from(new MinHasher({ scheme: 'oph', numPerm: 16, seed: 1 }).sign(TEXT).values)).toEqual(GOLDEN_OPH_VALUES_SEED_1);
    expect(Array.from(Signature.fromBytes(Buffer.from(GOLDEN_BYTES.oph[1], 'hex')).values)).toEqual(GOLDEN_OPH_VALUES_SEED_1);
  });

  for (const scheme of ['kperm', 'oph'] as const) {
    it(`estimates the similarity of articles 000 and 001 at ${GOLDEN_SIMILARITY_000_001[scheme]} (${scheme}, 128 perms, seed 1)`, () => {
      const h = new MinHasher({ scheme, numPerm: 128, seed: 1 });
      expect(h.sign(article(ARTICLE_000)).similarity(h.sign(article(ARTICLE_001)))).toBe(GOLDEN_SIMILARITY_000_001[scheme]);
    });
  }
});
