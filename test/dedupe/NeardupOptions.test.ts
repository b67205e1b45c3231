import { describe, expect, it } from 'vitest';
import { INVALID_NEARDUP_OPTIONS } from '../__helpers__/invalidNeardupOptions.js';
import { invalidOption } from '../__helpers__/thrown.js';
import { resolveNeardupOptions } from '../../src/dedupe/NeardupOptions.js';
import { chooseBandsRows, DEFAULT_THRESHOLD, type NeardupOptions } from '../../src/index.js';


describe('DEFAULT_THRESHOLD', () => {
  it('is 0.5', () => {
    expect(DEFAULT_THRESHOLD).toBe(0.5);
  });
});

describe('resolveNeardupOptions', () => {
  it('fills in every default in one place', () => {
    expect(resolveNeardupOptions(undefined)).toEqual({
      scheme: 'oph',
      numPerm: 128,
      seed: 1,
      shingling: { kind: 'word', size: 5 },
      threshold: 0.5,
      bands: 23,
      rows: 3,
      verify: 'exact',
      representative: 'first',
    });
    expect(resolveNeardupOptions({})).toEqual(resolveNeardupOptions(undefined));
  });

  it('keeps the options it is given', () => {
    expect(
      resolveNeardupOptions({ scheme: 'kperm', numPerm: 64, seed: 9, charNgrams: 4, threshold: 0.7, verify: 'estimate', representative: 'central' }),
    ).toMatchObject({ scheme: 'kperm', numPerm: 64, seed: 9, shingling: { kind: 'char', size: 4 }, threshold: 0.7, verify: 'estimate', representative: 'central' });
  });

  it('chooses bands and rows for the threshold and numPerm', () => {
    const { bands, rows } = resolveNeardupOptions({ threshold: 0.8, numPerm: 256 });
    const choice = chooseBandsRows({ threshold: 0.8, numPerm: 256 });
    expect({ bands, rows }).toEqual({ bands: choice.bands, rows: choice.rows });
  });

  it('passes the banding options on to the choice', () => {
    const { bands, rows } = resolveNeardupOptions({ threshold: 0.8, recallAtThreshold: 0 });
    expect({ bands, rows }).toEqual({ bands: 9, rows: 13 });
  });

  it('takes explicit bands and rows over the threshold', () => {
    const { bands, rows, threshold } = resolveNeardupOptions({ threshold: 0.8, bands: 20, rows: 4 });
    expect({ bands, rows, threshold }).toEqual({ bands: 20, rows: 4, threshold: 0.8 });
  });

  it.each<[NeardupOptions, string, string]>([
    ...INVALID_NEARDUP_OPTIONS,
    [{ bands: 20, rows: 10 }, 'bands', 'bands must be such that bands x rows <= numPerm (128); rows is 10, got 20'],
    [{ numPerm: 0 }, 'numPerm', 'numPerm must be an integer from 1 to 1024, got 0'],
    [{ seed: -1 }, 'seed', 'seed must be an integer from 0 to 4294967295, got -1'],
    [{ scheme: 'simhash' as never }, 'scheme', 'scheme must be one of "kperm", "oph", got "simhash"'],
    [{ shingleSize: 0 }, 'shingleSize', 'shingleSize must be an integer from 1 to 64, got 0'],
  ])('refuses %o, naming option, rule and value', (options, option, message) => {
    const error = invalidOption(() => resolveNeardupOptions(options));
    expect(error.option).toBe(option);
    expect(error.message).toBe(message);
  });

  it('checks bands x rows against the numPerm given', () => {
    expect(resolveNeardupOptions({ numPerm: 256, bands: 20, rows: 10 })).toMatchObject({ bands: 20, rows: 10 });
    const error = invalidOption(() => resolveNeardupOptions({ numPerm: 64, bands: 20, rows: 4 }));
    expect(error.message).toBe('bands must be such that bands x rows <= numPerm (64); rows is 4, got 20');
  });

  it('refuses options that are not an options object', () => {
    const error = invalidOption(() => resolveNeardupOptions([0.5] as never));
    expect(error.option).toBe('options');
    expect(error.message).toBe('options must be an options object, got an array of length 1');
  });
});
