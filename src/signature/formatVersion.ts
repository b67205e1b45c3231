/**
 * Version of the signature format: the tokenizer, the shingle hashes, both schemes' permutations
 * and the byte layout of {@link Signature.toBytes}. Every signature carries it and signatures of
 * different versions refuse to be compared. Any change that alters a signature bumps it.
 *
 * Version 2: an `oph` bin's value is the mixed shingle hash that also picks the bin; version 1
 * mixed the shingle hash a second time, with another seed, for the value.
 */
export const SIGNATURE_FORMAT_VERSION = 2;
