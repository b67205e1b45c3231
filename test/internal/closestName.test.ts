import { describe, expect, it } from 'vitest';
import { closestName } from '../../src/internal/closestName.js';

describe('closestName', () => {
  const known = ['threshold', 'shingleSize', 'numPerm', 'seed'];

  it('gives the known name within two edits, case ignored', () => {
    expect(closestName('treshold', known)).toBe('threshold'); // a deletion
    expect(closestName('numperm', known)).toBe('numPerm'); // case only
    expect(closestName('shingleSise', known)).toBe('shingleSize'); // a substitution
    expect(closestName('sed', known)).toBe('seed'); // an insertion away
  });

  it('gives nothing when every known name is three edits or more away', () => {
    expect(closestName('words', known)).toBeUndefined();
    expect(closestName('', known)).toBeUndefined();
    expect(closestName('seed', [])).toBeUndefined();
  });

  it('prefers the closer of two, and the first of two as close', () => {
    expect(closestName('seeds', ['seed', 'seeds'])).toBe('seeds');
    expect(closestName('ab', ['ax', 'ay'])).toBe('ax');
  });
});
