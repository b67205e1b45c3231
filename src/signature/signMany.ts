import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { integerOption, optionsObject } from '../internal/validate.js';
import { unpackSignatures } from '../parallel/preparedBatch.js';
import { signInBatches } from '../parallel/signInBatches.js';
import { shingleOptionsOf } from '../shingle/ShingleOptions.js';
import { MINHASH_OPTIONS, MinHasher, type MinHashOptions } from './MinHasher.js';
import type { Signature } from './Signature.js';

/** Options of {@link signMany}: a signer's options, and how many threads sign. */
export interface SignManyOptions extends MinHashOptions {
  /**
   * Worker threads that sign in parallel, each batch's signatures transferred back, not copied.
   * 0 signs on the calling thread. The signatures are identical for any value. Needs the built
   * package (worker threads cannot load the TypeScript sources). With workers, the non-empty
   * `oph` signatures of a batch of 256 share one buffer (see {@link Signature.values}): keeping
   * one of them keeps its batch's buffer (about 134 KiB at 128 permutations).
   * @defaultValue 0
   */
  readonly workers?: number;
}

const SIGN_MANY_OPTIONS: Readonly<Record<keyof SignManyOptions, true>> = { ...MINHASH_OPTIONS, workers: true };

/**
 * Signs many texts, on all cores if asked: for pipelines that store signatures (in a database, an
 * index of their own) rather than cluster them here. Resolves to one {@link Signature} per text,
 * in input order, the same as `new MinHasher(options).sign(text)` would give.
 *
 * @throws {InvalidOptionError} naming the option (or the position of a text that is not a string).
 * @example
 * ```ts
 * const signatures = await signMany(articles.map((a) => a.text), { workers: 2 });
 * signatures[0].similarity(signatures[1]); // 0.66
 * ```
 */
export async function signMany(texts: Iterable<string> | AsyncIterable<string>, options?: SignManyOptions): Promise<Signature[]> {
  const { workers: workersOption, ...signerOptions } = optionsObject('options', options, SIGN_MANY_OPTIONS);
  const hasher = new MinHasher(signerOptions);
  const workers = integerOption('workers', workersOption, 0, 0, 64);
  if (texts === null || typeof texts !== 'object' || !(Symbol.iterator in texts || Symbol.asyncIterator in texts)) {
    throw new InvalidOptionError('texts', 'an iterable or async iterable of strings', texts);
  }
  const checkText = (text: unknown, position: number): string => {
    if (typeof text !== 'string') throw new InvalidOptionError(`texts[${position}]`, 'a string', text);
    return text;
  };
  const signatures: Signature[] = [];
  if (workers === 0) {
    if (Symbol.asyncIterator in texts) for await (const text of texts) signatures.push(hasher.sign(checkText(text, signatures.length)));
    else for (const text of texts) signatures.push(hasher.sign(checkText(text, signatures.length)));
    return signatures;
  }
  const { numPerm, seed, scheme, shingling } = hasher;
  await signInBatches(texts, checkText, workers, { signer: { numPerm, seed, scheme, ...shingleOptionsOf(shingling) }, kind: 'signatures' }, (_, packed) => {
    unpackSignatures(packed, hasher, signatures);
  });
  return signatures;
}
