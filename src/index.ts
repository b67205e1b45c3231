export { NeardupError } from './errors/NeardupError.js';
export { InvalidOptionError } from './errors/InvalidOptionError.js';
export { UnknownOptionError } from './errors/UnknownOptionError.js';
export { InvalidDocumentError } from './errors/InvalidDocumentError.js';
export { IncompatibleSignatureError } from './errors/IncompatibleSignatureError.js';
export { SignatureFormatError } from './errors/SignatureFormatError.js';
export { DuplicateIdError } from './errors/DuplicateIdError.js';
export { IndexMismatchError } from './errors/IndexMismatchError.js';
export { IndexUnavailableError } from './errors/IndexUnavailableError.js';

export { normalizeText } from './text/normalizeText.js';
export { tokenize } from './text/tokenize.js';
export { shingle } from './shingle/shingle.js';
export { hashShingles, exactJaccard } from './shingle/hashShingles.js';
export { forEachShingleHash } from './shingle/forEachShingleHash.js';
export { DEFAULT_SHINGLE_SIZE, type ShingleOptions } from './shingle/ShingleOptions.js';

export { SIGNATURE_FORMAT_VERSION } from './signature/formatVersion.js';
export { DEFAULT_SCHEME, type Scheme } from './signature/Scheme.js';
export { Signature, type SignatureParams } from './signature/Signature.js';
export { MinHasher, DEFAULT_NUM_PERM, DEFAULT_SEED, type MinHashOptions } from './signature/MinHasher.js';
export { signMany, type SignManyOptions } from './signature/signMany.js';

export {
  candidateProbability,
  chooseBandsRows,
  DEFAULT_ERROR_WEIGHT,
  DEFAULT_RECALL_AT_THRESHOLD,
  type BandsRows,
  type BandsRowsChoice,
  type BandsRowsOptions,
} from './lsh/bandsRows.js';
export { LshIndex, MAX_RESERVE, type LshIndexOptions } from './lsh/LshIndex.js';

export { clusterPairs, type Cluster, type OrderedPair, type Pair } from './cluster/clusterPairs.js';
export { DEFAULT_THRESHOLD, type NeardupOptions } from './dedupe/NeardupOptions.js';
export { Deduper, createDeduper, type DeduperEntry, type Match } from './dedupe/Deduper.js';
export type { DeduperOptions } from './dedupe/DeduperOptions.js';
export type { SharedIndex } from './dedupe/SharedIndex.js';
export { findNearDuplicates, type Document, type FindOptions, type NearDuplicates, type SkippedDocument } from './dedupe/findNearDuplicates.js';
export { explain, type Explanation, type Passage, type TextRange } from './explain/explain.js';
