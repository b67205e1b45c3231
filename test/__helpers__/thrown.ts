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
