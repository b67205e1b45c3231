import { IncompatibleSignatureError } from '../errors/IncompatibleSignatureError.js';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { SignatureFormatError } from '../errors/SignatureFormatError.js';
import { densify } from '../internal/densify.js';
import { EMPTY_BIN } from '../internal/sketches.js';
import { equalFraction } from '../internal/equalFraction.js';
import { SIGNATURE_FORMAT_VERSION } from './formatVersion.js';
import { SCHEMES, type Scheme } from './Scheme.js';
import { MAX_NUM_PERM } from './numPerm.js';

/** What makes two signatures comparable: they must agree on all of it. */
export interface SignatureParams {
  readonly scheme: Scheme;
  readonly numPerm: number;
  readonly seed: number;
}

const MAGIC = [0x4e, 0x44, 0x53, 0x47]; // "NDSG"
const HEADER_BYTES = 16;
const FLAG_EMPTY = 1;

/**
 * A MinHash signature: an immutable value that carries what makes it comparable (scheme, format
 * version, numPerm, seed). Every comparison checks those and throws
 * {@link IncompatibleSignatureError} on a mismatch instead of returning a meaningless number.
 *
 * The signature of an empty set (a text without words) is `isEmpty`; its similarity to anything,
 * another empty signature included, is 0, so empty documents never cluster together.
 *
 * Signatures are made by a {@link MinHasher}, {@link Signature.merge} or {@link Signature.fromBytes}.
 */
export class Signature implements SignatureParams {
  /** The scheme that computed it. */
  readonly scheme: Scheme;
  /** Number of hash values (permutations or bins). */
  readonly numPerm: number;
  /** The seed of the permutations. */
  readonly seed: number;
  /** The signature format version (see {@link SIGNATURE_FORMAT_VERSION}). */
  readonly version: number = SIGNATURE_FORMAT_VERSION;
  /** True for the signature of a text without shingles. */
  readonly isEmpty: boolean;
  // The comparable values: minima per permutation (kperm), or densified bins (oph). For oph, the
  // bits of #emptyBins mark the bins that got no shingle, so the undensified state that merges
  // exactly (those bins EMPTY_BIN, the others as in #values) is rebuilt from both when needed,
  // instead of being stored as a second copy.
  readonly #values: Uint32Array;
  readonly #emptyBins: Uint32Array | undefined;

  /**
   * Makes a signature from its undensified state (per-permutation minima, or bins with EMPTY_BIN),
   * which is read, not kept; prefer the factories above. With `emptyBins`, `raw` is instead the
   * densified values of an oph signature and `emptyBins` its mask, both taken over (a signature
   * made by a MinHasher, or in a worker thread).
   * @internal
   */
  constructor(params: SignatureParams, raw: Uint32Array, isEmpty: boolean, emptyBins?: Uint32Array) {
    this.scheme = params.scheme;
    this.numPerm = params.numPerm;
    this.seed = params.seed;
    this.isEmpty = isEmpty;
    if (emptyBins !== undefined) {
      this.#values = raw;
      this.#emptyBins = emptyBins;
    } else if (params.scheme === 'oph' && !isEmpty) {
      this.#values = new Uint32Array(raw.length);
      this.#emptyBins = new Uint32Array((raw.length + 31) >>> 5);
      densify(raw, params.seed, this.#values, this.#emptyBins);
    } else {
      this.#values = raw.slice();
    }
  }

  /**
   * The comparable hash values, one per permutation (densified bins for `oph`). Position i of two
   * compatible signatures agree with probability equal to the Jaccard similarity of their sets.
   * Treat it as read-only: it is the signature's storage, not a copy.
   *
   * Non-empty `oph` signatures share buffers, as Node's small Buffers share a pool: those a
   * MinHasher makes, 4 KiB buffers of floor(1024 / numPerm) signatures (8 at 128 permutations,
   * one above 512); those of `signMany` with workers, one buffer per batch of 256. So:
   * - `values.byteOffset` is often not 0, and `values.buffer` holds other signatures' values: read
   *   the view, never the whole buffer (`new Uint32Array(values.buffer)` reads the neighbours);
   * - keeping one signature keeps its whole buffer;
   * - the buffer cannot be transferred (Node 20 copies it, Node 21 and later throw a
   *   DataCloneError), and `structuredClone` or `postMessage` of `values` copies the whole buffer.
   *
   * `values.slice()` is an array of its own, to keep, post or transfer; `toBytes()` is the
   * portable form.
   */
  get values(): Uint32Array {
    return this.#values;
  }

  /**
   * Estimated Jaccard similarity: the fraction of positions where the two signatures agree. Its
   * standard error is about sqrt(J(1-J)/numPerm). 0 when either signature is empty.
   *
   * @throws {IncompatibleSignatureError} when the signatures differ in scheme, version, numPerm or seed.
   * @throws {InvalidOptionError} when `other` is not a Signature of this copy of neardup.
   * @example
   * ```ts
   * const h = new MinHasher();
   * h.sign('the same five words here').similarity(h.sign('the same five words here')); // 1
   * ```
   */
  similarity(other: Signature): number {
    this.#assertSignature(other);
    this.assertCompatible(other);
    if (this.isEmpty || other.isEmpty) return 0;
    return equalFraction(this.#values, other.#values);
  }

  /**
   * The signature of the union of both sets, exactly as if the union had been signed: per-position
   * minima of the undensified state, densified again.
   *
   * @throws {IncompatibleSignatureError} when the signatures are not compatible.
   * @throws {InvalidOptionError} when `other` is not a Signature of this copy of neardup.
   */
  merge(other: Signature): Signature {
    this.#assertSignature(other);
    this.assertCompatible(other);
    if (other.isEmpty) return this;
    if (this.isEmpty) return other;
    const a = this.#raw();
    const b = other.#raw();
    const out = new Uint32Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = Math.min(a[i]!, b[i]!);
    return new Signature(this, out, false);
  }

  /** @internal The mask of empty bins of an oph signature (undefined for kperm or an empty set). */
  get emptyBins(): Uint32Array | undefined {
    return this.#emptyBins;
  }

  // The undensified state: what toBytes writes and merge combines.
  #raw(): Uint32Array {
    const empty = this.#emptyBins;
    if (empty === undefined) return this.#values;
    const raw = this.#values.slice();
    for (let i = 0; i < raw.length; i++) if ((empty[i >>> 5]! >>> (i & 31)) & 1) raw[i] = EMPTY_BIN;
    return raw;
  }

  /**
   * Whether both signatures hold the same values with the same parameters.
   * @throws {InvalidOptionError} when `other` is not a Signature of this copy of neardup.
   */
  equals(other: Signature): boolean {
    this.#assertSignature(other);
    if (!isCompatible(this, other) || this.isEmpty !== other.isEmpty) return false;
    const a = this.#raw();
    const b = other.#raw();
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  // A Signature of this very class. The CommonJS and the ES module builds each have their own, so
  // one loaded both ways (require here, import there) makes signatures that cannot read each
  // other's private fields: refused here by name, not with a TypeError from inside.
  #assertSignature(other: unknown): asserts other is Signature {
    if (other !== null && typeof other === 'object' && #values in other) return;
    // Shaped like one (the bundler may rename the class, so not by its name).
    const shaped = other as Partial<Signature> | null | undefined;
    const foreign = typeof shaped?.toBytes === 'function' && typeof shaped.numPerm === 'number';
    throw new InvalidOptionError(
      'other',
      foreign
        ? 'a Signature of this copy of neardup (this one comes from another copy or build of it, CommonJS against ES module say: load neardup one way, or pass Signature.fromBytes(other.toBytes()))'
        : 'a Signature',
      other,
    );
  }

  /**
   * Throws unless `other` can be compared with this signature.
   * @throws {IncompatibleSignatureError} naming the first parameter that differs.
   */
  assertCompatible(other: SignatureParams & { readonly version?: number }): void {
    const version = other.version ?? SIGNATURE_FORMAT_VERSION;
    if (version !== this.version) throw new IncompatibleSignatureError('format version', this.version, version);
    if (other.scheme !== this.scheme) throw new IncompatibleSignatureError('scheme', this.scheme, other.scheme);
    if (other.numPerm !== this.numPerm) throw new IncompatibleSignatureError('numPerm', this.numPerm, other.numPerm);
    if (other.seed !== this.seed) throw new IncompatibleSignatureError('seed', this.seed, other.seed);
  }

  /**
   * Compact binary form, little-endian on every platform: "NDSG", format version (u8), scheme
   * (u8: 1 kperm, 2 oph), flags (u8: 1 = empty), a zero byte, numPerm (u32), seed (u32), then
   * numPerm u32 values (undensified, so merges after a round trip stay exact). 16 + 4 * numPerm bytes.
   */
  toBytes(): Uint8Array {
    const bytes = new Uint8Array(HEADER_BYTES + 4 * this.numPerm);
    const view = new DataView(bytes.buffer);
    bytes.set(MAGIC, 0);
    view.setUint8(4, this.version);
    view.setUint8(5, SCHEMES.indexOf(this.scheme) + 1);
    view.setUint8(6, this.isEmpty ? FLAG_EMPTY : 0);
    view.setUint32(8, this.numPerm, true);
    view.setUint32(12, this.seed, true);
    const raw = this.#raw();
    for (let i = 0; i < this.numPerm; i++) view.setUint32(HEADER_BYTES + 4 * i, raw[i]!, true);
    return bytes;
  }

  /**
   * Reads a signature written by {@link Signature.toBytes}.
   * @throws {SignatureFormatError} naming the offset of the first problem (magic, version, scheme,
   *   flags, length or a value that cannot occur).
   */
  static fromBytes(bytes: Uint8Array): Signature {
    if (!(bytes instanceof Uint8Array)) throw new InvalidOptionError('bytes', 'a Uint8Array', bytes);
    if (bytes.length < HEADER_BYTES) throw new SignatureFormatError(`${bytes.length} bytes is shorter than the ${HEADER_BYTES}-byte header`, 0);
    for (let i = 0; i < MAGIC.length; i++) {
      if (bytes[i] !== MAGIC[i]) throw new SignatureFormatError('not a neardup signature (magic "NDSG" missing)', i);
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const version = view.getUint8(4);
    if (version !== SIGNATURE_FORMAT_VERSION) {
      throw new SignatureFormatError(`format version ${version} is not supported (this build reads version ${SIGNATURE_FORMAT_VERSION})`, 4);
    }
    const scheme = SCHEMES[view.getUint8(5) - 1];
    if (scheme === undefined) throw new SignatureFormatError(`unknown scheme code ${view.getUint8(5)}`, 5);
    const flags = view.getUint8(6);
    if ((flags & ~FLAG_EMPTY) !== 0) throw new SignatureFormatError(`unknown flags ${flags}`, 6);
    if (view.getUint8(7) !== 0) throw new SignatureFormatError(`reserved byte is ${view.getUint8(7)}, not 0`, 7);
    const numPerm = view.getUint32(8, true);
    // Checked before anything is allocated or densified: bytes may come from anywhere.
    if (numPerm < 1 || numPerm > MAX_NUM_PERM) throw new SignatureFormatError(`numPerm ${numPerm} is outside 1..${MAX_NUM_PERM}`, 8);
    const expected = HEADER_BYTES + 4 * numPerm;
    if (bytes.length !== expected) throw new SignatureFormatError(`numPerm ${numPerm} needs ${expected} bytes, got ${bytes.length}`, 8);
    const raw = new Uint32Array(numPerm);
    let filled = 0;
    for (let i = 0; i < numPerm; i++) {
      const value = view.getUint32(HEADER_BYTES + 4 * i, true);
      raw[i] = value;
      if (value === EMPTY_BIN) continue;
      filled++;
      // An oph value is the shingle's place in the permutation, and its top bits are its bin.
      const bin = ((value * numPerm) / 4294967296) | 0;
      if (scheme === 'oph' && bin !== i) {
        throw new SignatureFormatError(`oph bin ${i} holds 0x${value.toString(16)}, a value of bin ${bin}`, HEADER_BYTES + 4 * i);
      }
    }
    const isEmpty = (flags & FLAG_EMPTY) !== 0;
    // An empty signature holds nothing but EMPTY_BIN (both schemes); an oph one with only empty
    // bins must say it is empty. (A kperm minimum can be 0xFFFFFFFF, with probability 2^-32.)
    if (isEmpty && filled > 0) throw new SignatureFormatError('the empty flag is set but the signature has values', 6);
    if (scheme === 'oph' && !isEmpty && filled === 0) throw new SignatureFormatError('every bin is empty but the empty flag is not set', 6);
    return new Signature({ scheme, numPerm, seed: view.getUint32(12, true) }, raw, isEmpty);
  }
}

function isCompatible(a: Signature, b: Signature): boolean {
  return a.version === b.version && a.scheme === b.scheme && a.numPerm === b.numPerm && a.seed === b.seed;
}
