/**
 * A dotted path into a JSON object, as given to `--id-field` and `--text-field`: `text`,
 * `meta.body`, `authors.0.name` (array elements by index). A literal dot in a key is written `\.`
 * (and a literal backslash `\\`).
 */
export interface FieldPath {
  /** The path as the user wrote it, for messages. */
  readonly source: string;
  /** The keys to follow, in order. */
  readonly keys: readonly string[];
}

/**
 * Parses a dotted path. Returns undefined for a path with an empty key (``, `a..b`, `.a`) or a
 * dangling backslash, which cannot name a field.
 *
 * @example
 * ```ts
 * parseFieldPath('meta.body');   // { source: 'meta.body', keys: ['meta', 'body'] }
 * parseFieldPath('a\\.b.c');     // { source: 'a\\.b.c', keys: ['a.b', 'c'] }
 * parseFieldPath('meta.');       // undefined
 * ```
 */
export function parseFieldPath(source: string): FieldPath | undefined {
  const keys: string[] = [];
  let key = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[++i];
      if (next !== '.' && next !== '\\') return undefined;
      key += next;
    } else if (c === '.') {
      if (key === '') return undefined;
      keys.push(key);
      key = '';
    } else {
      key += c;
    }
  }
  if (key === '') return undefined;
  keys.push(key);
  return { source, keys };
}

/** What {@link getField} found: the value, or how far the path got before it ran out. */
export type FieldLookup =
  | { readonly found: true; readonly value: unknown }
  | {
      readonly found: false;
      /** The part of the path that exists (keys joined by dots), or '' when even the first key is missing. */
      readonly reached: string;
      /** The value at `reached`, which lacks the next key (or is not an object at all). */
      readonly parent: unknown;
    };

/**
 * Follows a path into a parsed JSON value. Only own properties count, so `constructor` or
 * `__proto__` never reach into the prototype.
 *
 * @example
 * ```ts
 * getField({ meta: { body: 'x' } }, parseFieldPath('meta.body')!); // { found: true, value: 'x' }
 * getField({ meta: 'x' }, parseFieldPath('meta.body')!);           // { found: false, reached: 'meta', parent: 'x' }
 * ```
 */
export function getField(value: unknown, path: FieldPath): FieldLookup {
  let current = value;
  for (let i = 0; i < path.keys.length; i++) {
    const key = path.keys[i]!;
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) {
      return { found: false, reached: path.keys.slice(0, i).join('.'), parent: current };
    }
    current = (current as Record<string, unknown>)[key];
  }
  return { found: true, value: current };
}
