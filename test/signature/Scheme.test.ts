import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEME, MinHasher } from '../../src/index.js';
import { SCHEMES } from '../../src/signature/Scheme.js';
import { similarityContracts } from '../__helpers__/similarityContracts.js';

describe('SCHEMES', () => {
  it('lists kperm then oph, the order of their byte codes 1 and 2 in serialized signatures', () => {
    expect(SCHEMES).toEqual(['kperm', 'oph']);
    expect(new MinHasher({ scheme: 'kperm' }).sign('a b c').toBytes()[5]).toBe(1);
    expect(new MinHasher({ scheme: 'oph' }).sign('a b c').toBytes()[5]).toBe(2);
  });
});

describe('DEFAULT_SCHEME', () => {
  it('is oph, the scheme a MinHasher uses when none is given', () => {
    expect(DEFAULT_SCHEME).toBe('oph');
    expect(new MinHasher().scheme).toBe('oph');
  });
});

for (const scheme of SCHEMES) {
  describe(`the '${scheme}' scheme`, () => {
    similarityContracts(scheme);
  });
}
