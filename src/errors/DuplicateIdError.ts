import { NeardupError } from './NeardupError.js';

/** A document id was added to an index or deduper that already holds it. */
export class DuplicateIdError extends NeardupError {
  /** The id that is already present. */
  readonly id: string;

  constructor(id: string) {
    super(`duplicate id ${JSON.stringify(id)}: it is already in the index (remove it first to replace it)`);
    this.id = id;
  }
}
