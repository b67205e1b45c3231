import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { systemErrorText } from './systemErrorText.js';

/** What {@link listTextFiles} finds: a `.txt` file, or a directory it could not list. */
export type TextFileEntry =
  | { readonly kind: 'file'; /** Path to open (the directory given, joined with `id`). */ readonly path: string; /** Path relative to the directory given, with `/`. */ readonly id: string }
  | { readonly kind: 'unreadable'; readonly path: string; readonly detail: string };

/**
 * The `.txt` files under a directory (the extension in any case), recursively, in a stable order:
 * entries sorted by name, each subdirectory listed where its name falls. Symbolic links to files
 * are followed (a dangling one is returned, so reading it fails with its path); symbolic links to
 * directories are not, so a link cycle cannot make the walk endless. A subdirectory that cannot
 * be listed is returned as `unreadable` and the walk goes on.
 *
 * @example
 * ```ts
 * for await (const entry of listTextFiles('examples/articles')) console.log(entry);
 * // { kind: 'file', path: 'examples/articles/000_912c03f999ecb889.txt', id: '000_912c03f999ecb889.txt' } ...
 * ```
 */
export async function* listTextFiles(directory: string): AsyncGenerator<TextFileEntry> {
  yield* walk(directory, '');
}

async function* walk(directory: string, prefix: string): AsyncGenerator<TextFileEntry> {
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    yield { kind: 'unreadable', path: directory, detail: `cannot list directory: ${systemErrorText(error)}` };
    return;
  }
  entries.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(directory, entry.name);
    const id = prefix + entry.name;
    if (entry.isDirectory()) {
      yield* walk(path, `${id}/`);
    } else if (entry.name.toLowerCase().endsWith('.txt')) {
      if (entry.isFile()) {
        yield { kind: 'file', path, id };
      } else if (entry.isSymbolicLink()) {
        const target = await stat(path).catch(() => undefined);
        if (target === undefined || !target.isDirectory()) yield { kind: 'file', path, id };
      }
    }
  }
}
