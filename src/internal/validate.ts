import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { UnknownOptionError } from '../errors/UnknownOptionError.js';

/** Returns `value`, or `fallback` when it is undefined, after checking it is an integer in [min, max]. */
export function integerOption(name: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidOptionError(name, `an integer from ${min} to ${max}`, value);
  }
  return value;
}

/** Returns `value` (or `fallback`) after checking it is a finite number with min < value <= max. */
export function fractionOption(name: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= min || value > max) {
    throw new InvalidOptionError(name, `a number greater than ${min} and at most ${max}`, value);
  }
  return value;
}

/** Returns `value` (or `fallback`) after checking it is one of `choices`. */
export function choiceOption<T extends string>(name: string, value: unknown, fallback: T, choices: readonly T[]): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw new InvalidOptionError(name, `one of ${choices.map((c) => JSON.stringify(c)).join(', ')}`, value);
  }
  return value as T;
}

/**
 * Throws unless `options` is undefined or a plain object whose keys are all in `known`, so a
 * misplaced argument or a misspelled option fails loudly instead of running with a default.
 */
export function optionsObject<T extends object>(name: string, options: T | undefined, known: Readonly<Record<keyof T, true>>): Partial<T> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new InvalidOptionError(name, 'an options object', options);
  }
  for (const key of Object.keys(options)) {
    if (!Object.hasOwn(known, key)) throw new UnknownOptionError(key, (options as Record<string, unknown>)[key], Object.keys(known));
  }
  return options;
}
