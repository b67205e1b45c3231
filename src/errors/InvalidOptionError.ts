import { NeardupError } from './NeardupError.js';

/**
 * An option broke its rule. The message names the option, the rule and the value received, e.g.
 * `numPerm must be an integer from 1 to 1024, got 0`.
 */
export class InvalidOptionError extends NeardupError {
  /** The option's name, e.g. `threshold`. */
  readonly option: string;
  /** The rule it must follow, e.g. `a number greater than 0 and at most 1`. */
  readonly rule: string;
  /** The value received. */
  readonly value: unknown;

  constructor(option: string, rule: string, value: unknown, message = `${option} must be ${rule}, got ${describeValue(value)}`) {
    super(message);
    this.option = option;
    this.rule = rule;
    this.value = value;
  }
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
}
