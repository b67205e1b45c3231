import { NeardupError } from './NeardupError.js';

/**
 * A document id was added to an index or deduper that already holds it, or appeared twice in the
 * input of {@link findNearDuplicates} (then `position` and `firstPosition` say where; `position`
 * alone when a shared index held the id before the run).
 */
export class DuplicateIdError extends NeardupError {
  /** The id that is already present. */
  readonly id: string;
  /** 0-based input position of the repeat, when known. */
  readonly position: number | undefined;
  /** 0-based input position where the id was first seen, when known. */
  readonly firstPosition: number | undefined;

  constructor(id: string, position?: number, firstPosition?: number) {
    super(
      position === undefined
        ? `duplicate id ${JSON.stringify(id)}: it is already in the index (remove it first to replace it)`
        : firstPosition === undefined
          ? `document at position ${position}: duplicate id ${JSON.stringify(id)}: the index already holds it (remove it first to replace it)`
          : `document at position ${position}: duplicate id ${JSON.stringify(id)} (first seen at position ${firstPosition})`,
    );
    this.id = id;
    this.position = position;
    this.firstPosition = firstPosition;
  }
}
