/**
 * The fraction of positions where two arrays of comparable signature values agree: the MinHash
 * estimate of the Jaccard similarity of their sets. The arrays have the same length.
 */
export function equalFraction(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}
