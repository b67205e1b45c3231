import fc from 'fast-check';

/** Any unsigned 32-bit integer: the domain of shingle hashes and seeds. */
export const uint32 = fc.integer({ min: 0, max: 0xffffffff });

/** Unsigned 32-bit integers with the top of the range (where float `a * x` loses bits) well represented. */
export const uint32NearMax = fc.oneof(uint32, fc.integer({ min: 0xffffff00, max: 0xffffffff }), fc.constant(0xffffffff));

/** A set of distinct shingle hashes. */
export function hashSet(constraints: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<number[]> {
  return fc.uniqueArray(uint32, { minLength: constraints.minLength ?? 0, maxLength: constraints.maxLength ?? 200 });
}

/** Two overlapping sets A and B of distinct hashes (any of the shared, A-only and B-only parts may be empty). */
export interface OverlappingSets {
  readonly a: number[];
  readonly b: number[];
  readonly union: number[];
}

/** Overlapping pairs of hash sets, cut from one set of distinct values at two random points. */
export function overlappingSets(constraints: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<OverlappingSets> {
  return fc
    .tuple(hashSet(constraints), fc.nat(), fc.nat())
    .map(([values, x, y]) => {
      const i = values.length === 0 ? 0 : x % (values.length + 1);
      const j = i + (values.length === 0 ? 0 : y % (values.length - i + 1));
      // values[0, i) is shared, [i, j) is A's only, [j, n) is B's only.
      return { a: values.slice(0, j), b: values.slice(0, i).concat(values.slice(j)), union: values };
    });
}

/** Signer parameters: a numPerm from 1 to `maxNumPerm` and any uint32 seed. */
export function signerParams(maxNumPerm = 256): fc.Arbitrary<{ numPerm: number; seed: number }> {
  return fc.record({ numPerm: fc.integer({ min: 1, max: maxNumPerm }), seed: uint32 });
}
