/**
 * Base class of every error neardup throws on purpose. Catch it to handle all of them; catch a
 * subclass to handle one kind precisely.
 *
 * @example
 * ```ts
 * try { new MinHasher({ numPerm: 0 }); } catch (e) { if (e instanceof NeardupError) console.error(e.message); }
 * ```
 */
export class NeardupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
