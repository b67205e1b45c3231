import { describe, expect, it } from 'vitest';
import { getField, parseFieldPath } from '../../src/cli/fieldPath.js';

describe('parseFieldPath', () => {
  it('splits at dots; \\. is a dot inside a key and \\\\ a backslash', () => {
    expect(parseFieldPath('text')?.keys).toEqual(['text']);
    expect(parseFieldPath('meta.body')?.keys).toEqual(['meta', 'body']);
    expect(parseFieldPath('a\\.b.c')?.keys).toEqual(['a.b', 'c']);
    expect(parseFieldPath('a\\\\.b')?.keys).toEqual(['a\\', 'b']);
    expect(parseFieldPath('authors.0.name')?.keys).toEqual(['authors', '0', 'name']);
    expect(parseFieldPath('meta.body')?.source).toBe('meta.body');
  });

  it('refuses empty keys and dangling or unknown escapes', () => {
    for (const bad of ['', '.', 'a.', '.a', 'a..b', 'a\\', 'a\\b']) expect(parseFieldPath(bad)).toBeUndefined();
  });
});

describe('getField', () => {
  const path = (text: string) => parseFieldPath(text)!;

  it('follows the keys into nested objects and arrays', () => {
    expect(getField({ meta: { body: 'x' } }, path('meta.body'))).toEqual({ found: true, value: 'x' });
    expect(getField({ authors: [{ name: 'Ann' }] }, path('authors.0.name'))).toEqual({ found: true, value: 'Ann' });
    expect(getField({ 'a.b': 1 }, path('a\\.b'))).toEqual({ found: true, value: 1 });
    expect(getField({ text: null }, path('text'))).toEqual({ found: true, value: null });
  });

  it('says how far it got when a key is missing or a value is not an object', () => {
    expect(getField({}, path('meta.body'))).toEqual({ found: false, reached: '', parent: {} });
    expect(getField({ meta: 'x' }, path('meta.body'))).toEqual({ found: false, reached: 'meta', parent: 'x' });
    expect(getField({ meta: {} }, path('meta.body'))).toEqual({ found: false, reached: 'meta', parent: {} });
  });

  it('never reaches into the prototype', () => {
    expect(getField({}, path('constructor')).found).toBe(false);
    expect(getField({}, path('__proto__')).found).toBe(false);
    expect(getField({ a: {} }, path('a.toString')).found).toBe(false);
  });
});
