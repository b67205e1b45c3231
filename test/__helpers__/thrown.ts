import { expect } from 'vitest';
import { InvalidOptionError } from '../../src/index.js';

/**
 * The error `fn` throws, to assert on its class and fields together; fails the test when `fn`
 * returns normally.
 */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw, but it returned normally');
}

/** The InvalidOptionError `fn` throws; fails the test when it throws something else or nothing. */
export function invalidOption(fn: () => unknown): InvalidOptionError {
  const error = thrown(fn);
  expect(error).toBeInstanceOf(InvalidOptionError);
  return error as InvalidOptionError;
}

/** The error `promise` rejects with, checked to be a `type`; fails the test when it resolves. */
export async function rejection<T extends Error>(type: abstract new (...args: never[]) => T, promise: Promise<unknown>): Promise<T> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as T;
}
