// What every JSON body must keep before any route reads it. JSON.parse accepts numbers it cannot
// carry exactly (1e400 becomes Infinity, 2^64 loses digits), nesting of any depth and strings of
// any length; each would otherwise reach a schema, a hash or SQLite and fail there as a 500 or,
// worse, be stored altered. The walk is iterative, so no shape of input can overflow the stack.
import type { ErrorCode } from '../../domain/error-catalogue';
import { MAX_ROWS_PER_MUTATION } from '../../domain/protocol/sync';

export interface JsonLimits {
  /** Containers inside containers. A push is 7 deep (body › mutations › mutation › payload › rows › row › kinds). */
  maxDepth: number;
  /** Characters of any one string or key; the largest is a base64 certificate. */
  maxStringLength: number;
  /** Items of any one array; the largest is the rows of one declaration. */
  maxArrayLength: number;
  /** Members of any one object; a declaration row has about twenty. */
  maxObjectKeys: number;
}

export const JSON_LIMITS: Readonly<JsonLimits> = Object.freeze({
  maxDepth: 16,
  maxStringLength: 20_000,
  maxArrayLength: MAX_ROWS_PER_MUTATION,
  maxObjectKeys: 256,
});

/** Keys that mean prototype pollution to some library downstream, never data. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Null when `value` (as JSON.parse made it) keeps every limit, else the code of the first breach. */
export function jsonBreach(value: unknown, limits: JsonLimits = JSON_LIMITS): ErrorCode | null {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: v, depth } = stack.pop()!;
    if (typeof v === 'number') {
      if (!Number.isFinite(v) || (Number.isInteger(v) && !Number.isSafeInteger(v)))
        return 'REQUEST_NUMBER_INVALID';
      continue;
    }
    if (typeof v === 'string') {
      if (v.length > limits.maxStringLength) return 'REQUEST_VALUE_TOO_LONG';
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limits.maxDepth) return 'REQUEST_TOO_DEEP';
    if (Array.isArray(v)) {
      if (v.length > limits.maxArrayLength) return 'REQUEST_VALUE_TOO_LONG';
      for (const item of v as unknown[]) stack.push({ value: item, depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(v);
    if (keys.length > limits.maxObjectKeys) return 'REQUEST_VALUE_TOO_LONG';
    for (const key of keys) {
      if (FORBIDDEN_KEYS.has(key)) return 'BAD_REQUEST';
      if (key.length > limits.maxStringLength) return 'REQUEST_VALUE_TOO_LONG';
      stack.push({ value: (v as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
  return null;
}
