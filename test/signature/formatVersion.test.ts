import { describe, expect, it } from 'vitest';
import { MinHasher, Signature, SIGNATURE_FORMAT_VERSION, type Scheme } from '../../src/index.js';
import { ARTICLE_000, ARTICLE_001, article } from '../__helpers__/articles.js';

// GOLDEN VECTORS. They lock the whole signature format: tokenizer, shingle hashes, both schemes'
// permutations, densification and the byte layout. Changing any of these values means the format
// changed: bump SIGNATURE_FORMAT_VERSION (and the version these vectors are written for), never just
// the vectors, or stored signatures will silently compare as garbage against new ones.
const GOLDEN_VERSION = 1;

/** The signed text: the first 400 characters of the first seed article (cuts "terrorist" short). */
const TEXT = article(ARTICLE_000).slice(0, 400);

const GOLDEN_BYTES: Record<Scheme, Record<1 | 42, string>> = {
  kperm: {
    1:
      '4e445347010100001000000001000000' +
      'b1900d02422139060b8fa108d8cd3602465d7b05784d8309fabd2800c16f290da5be2b054e90ab01bee96d02e2cc57060e328202005f23127c1e8111d9008705',
    42:
      '4e44534701010000100000002a000000' +
      '4442a903faf49e003f93800cc5e6e600fb5a5a02b5a6c317796ed601c5d1d600f829cd00770b100bb1664f004e0a1b09d67aaf017bc71701528053105a023709',
  },
  oph: {
    // Bin 5 is empty (0xffffffff): 53 shingles in 16 bins.
    1:
      '4e445347010200001000000001000000' +
      'f39fbfcf8bfab3547f6bd72df5c27d05734bcc70ffffffff7b223a1d2bc86311ec60c8675ca26c0692f6316df352a44cc1dd3f5b47e579006cf7ec01dea4800b',
    42:
      '4e44534701020000100000002a000000' +
      '31b7327254532a3cf41b2f399a0a4a1fbe2fc53eec0b1a2b6291f5639c56d3a4da6bc60f9d605e18cd2aa80c5182853769699d4a3d1c234767350b6e5c889123',
  },
};

// The densified oph values of seed 1: empty bin 5 borrows the value of bin 15 (0x0b80a4de).
const GOLDEN_OPH_VALUES_SEED_1 = [
  0xcfbf9ff3, 0x54b3fa8b, 0x2dd76b7f, 0x057dc2f5, 0x70cc4b73, 0x0b80a4de, 0x1d3a227b, 0x1163c82b,
  0x67c860ec, 0x066ca25c, 0x6d31f692, 0x4ca452f3, 0x5b3fddc1, 0x0079e547, 0x01ecf76c, 0x0b80a4de,
];

// The estimated similarity of the two seed articles (exact Jaccard of their 5-shingles: 0.6679).
const GOLDEN_SIMILARITY_000_001: Record<Scheme, number> = { kperm: 89 / 128, oph: 85 / 128 };

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
