import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LshIndex } from '../../src/lsh/LshIndex.js';
import { SIGNATURE_FORMAT_VERSION } from '../../src/signature/formatVersion.js';
import { fcParams } from '../__helpers__/seed.js';

// The index against the definition of a candidate: a document is a candidate for some values when
// one of its bands (`rows` consecutive values) equals theirs, and an empty document never is. The
// model keeps the documents in a Map and checks every band of every one; the index must give the
// same answers after any sequence of inserts, inserts that visit their candidates (with visitors
// that throw), removals, reserves and queries. Values come from a small alphabet, so that bands
// collide often: long buckets, shared places, freed places reused, tables that rehash and grow.

const NUM_PERM = 6;
const params = { scheme: 'kperm' as const, numPerm: NUM_PERM, seed: 1, version: SIGNATURE_FORMAT_VERSION };

type Document = { readonly values: readonly number[]; readonly isEmpty: boolean };
type Operation =
  | { readonly op: 'insert'; readonly id: number; readonly values: number[]; readonly isEmpty: boolean }
  | { readonly op: 'insertVisiting'; readonly id: number; readonly values: number[]; readonly throwAtVisit: number }
  | { readonly op: 'remove'; readonly id: number }
  | { readonly op: 'reserve'; readonly documents: number }
  | { readonly op: 'query'; readonly values: number[] };

const values = fc.array(fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 40 })), { minLength: NUM_PERM, maxLength: NUM_PERM });
const id = fc.integer({ min: 0, max: 120 });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), id, values, isEmpty: fc.boolean() }),
  // throwAtVisit -1: the visitor never throws.
  fc.record({ op: fc.constant('insertVisiting' as const), id, values, throwAtVisit: fc.integer({ min: -1, max: 3 }) }),
  fc.record({ op: fc.constant('remove' as const), id }),
  fc.record({ op: fc.constant('reserve' as const), documents: fc.integer({ min: 0, max: 200 }) }),
  fc.record({ op: fc.constant('query' as const), values }),
);

/** The ids of the model's documents that share a band with `v`, sorted. */
function candidates(model: ReadonlyMap<string, Document>, v: readonly number[], bands: number, rows: number): string[] {
  const out: string[] = [];
  for (const [docId, doc] of model) {
    if (doc.isEmpty) continue;
    const sharesABand = Array.from({ length: bands }, (_, b) => b * rows).some((start) => doc.values.slice(start, start + rows).every((x, r) => x === v[start + r]));
    if (sharesABand) out.push(docId);
  }
  return out.sort();
}

function query(index: LshIndex, v: readonly number[]): string[] {
  const out: string[] = [];
  index.forEachCandidateOf(Uint32Array.from(v), (slot) => out.push(index.idOf(slot)));
  return out.sort();
}

describe('LshIndex, against a brute-force model', () => {
  it.each([
    [3, 2],
    [6, 1],
    [2, 3],
    [1, 1],
  ])('gives the candidates of the definition after any sequence of operations (%i bands x %i rows)', (bands, rows) => {
    fc.assert(
      fc.property(fc.array(operation, { minLength: 200, maxLength: 800 }), (operations) => {
        const index = new LshIndex({ numPerm: NUM_PERM, bands, rows });
        const model = new Map<string, Document>();
        for (const o of operations) {
          if (o.op === 'insert' || o.op === 'insertVisiting') {
            const key = `doc-${o.id}`;
            const given = Uint32Array.from(o.values);
            if (model.has(key)) {
              expect(() => index.insertValues(key, given, false, params)).toThrow(`duplicate id "${key}"`);
              continue;
            }
            if (o.op === 'insert') {
              index.insertValues(key, given, o.isEmpty, params);
              model.set(key, { values: o.values, isEmpty: o.isEmpty });
            } else {
              const expected = candidates(model, o.values, bands, rows);
              const visited: string[] = [];
              let visits = 0;
              const insert = () =>
                index.insertValuesVisiting(key, given, false, params, (slot) => {
                  if (visits++ === o.throwAtVisit) throw new Error('visitor failed');
                  visited.push(index.idOf(slot));
                });
              if (o.throwAtVisit >= 0 && o.throwAtVisit < expected.length) {
                // A visitor that throws leaves the index as it was.
                expect(insert).toThrow('visitor failed');
                expect(index.has(key)).toBe(false);
              } else {
                insert();
                // Each candidate once, the document itself never.
                expect(visited.sort()).toEqual(expected);
                model.set(key, { values: o.values, isEmpty: false });
              }
            }
            given.fill(99); // the index keeps a copy, not the caller's array
          } else if (o.op === 'remove') {
            const key = `doc-${o.id}`;
            expect(index.remove(key)).toBe(model.delete(key));
          } else if (o.op === 'reserve') {
            index.reserve(o.documents);
          } else {
            expect(query(index, o.values)).toEqual(candidates(model, o.values, bands, rows));
          }
          expect(index.size).toBe(model.size);
        }
        // At the end: every document is a candidate for its own values, with exactly the others
        // the definition gives, and entries() lists every document as inserted, in order.
        for (const doc of model.values()) {
          if (doc.isEmpty) continue;
          expect(query(index, doc.values)).toEqual(candidates(model, doc.values, bands, rows));
        }
        expect([...index.entries()].map((e) => [e.id, e.isEmpty, [...e.values]])).toEqual([...model].map(([key, doc]) => [key, doc.isEmpty, doc.values]));
      }),
      fcParams(60),
    );
  });
});
