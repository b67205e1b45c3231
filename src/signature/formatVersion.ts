/**
 * Version of the signature format: the tokenizer, the shingle hashes, both schemes' permutations
 * and the byte layout of {@link Signature.toBytes}. Every signature carries it and signatures of
 * different versions refuse to be compared. Any change that alters a signature bumps it.
 */
export const SIGNATURE_FORMAT_VERSION = 1;
