import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/cli/errors/InputError.js';
import { parseFieldPath } from '../../src/cli/fieldPath.js';
import { readDocuments, type InputDocument, type ReadDocumentsOptions } from '../../src/cli/readDocuments.js';

const base = { idField: parseFieldPath('id')!, textField: parseFieldPath('text')!, maxLineBytes: 1000 };

/** Standard input from strings, recording whether the reader closed it. */
function stdinOf(...chunks: string[]) {
  const state = { closed: false };
  async function* source(): AsyncGenerator<Buffer> {
    try {
      for (const chunk of chunks) yield Buffer.from(chunk);
    } finally {
      state.closed = true;
    }
  }
  return { stdin: source(), state };
}

async function readAll(options: ReadDocumentsOptions): Promise<InputDocument[]> {
  const docs: InputDocument[] = [];
  for await (const doc of readDocuments(['-'], options)) docs.push(doc);
  return docs;
}

describe('readDocuments', () => {
  it('yields each document with its place; drops a byte order mark only at the very start', async () => {
    const { stdin } = stdinOf('\uFEFF{"id": "a", "text": "x"}\n', '{"id": 2, "text": "\uFEFFy"}\n');
    expect(await readAll({ ...base, stdin })).toEqual([
      { id: 'a', text: 'x', file: '<stdin>', line: 1, invalidUtf8: false },
      { id: '2', text: '\uFEFFy', file: '<stdin>', line: 2, invalidUtf8: false },
    ]);
  });

  it('throws the first bad input, and closes the input it was reading', async () => {
    const { stdin, state } = stdinOf('{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n', '{"id": "b", "text": "z"}\n');
    const error = await readAll({ ...base, stdin }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ reason: 'duplicateId', file: '<stdin>', line: 2, message: '<stdin>:2: duplicate id "a" (first at <stdin>:1)' });
    expect(state.closed).toBe(true);
  });

  it('with onInvalid, hands over each bad input and reads on', async () => {
    const { stdin } = stdinOf('{"id": "a", "text": "x"}\n[]\n{"id": "b"}\n{"id": "c", "text": "z"}');
    const invalid: string[] = [];
    const docs = await readAll({ ...base, stdin, onInvalid: (e) => invalid.push(`${e.reason} ${e.line}`) });
    expect(docs.map((d) => d.id)).toEqual(['a', 'c']);
    expect(invalid).toEqual(['notAnObject 2', 'missingText 3']);
  });

  it('names where a known id lives, for ids from an index', async () => {
    const { stdin } = stdinOf('{"id": "old", "text": "x"}\n');
    const error = await readAll({ ...base, stdin, knownId: (id) => (id === 'old' ? 'already in index seen.ndx' : undefined) }).catch((e: unknown) => e);
    expect((error as InputError).message).toBe('<stdin>:1: duplicate id "old" (already in index seen.ndx)');
  });
});
