// The catalogue joined from its area files: no code is defined twice (a later spread would
// silently replace an earlier text), every entry says what to do next, and a message's
// parameters are checked against its {placeholders} at compile time.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { errorCatalogue, type ErrorParamsOf } from '../../../domain/error-catalogue';
import { AppError, describeError } from '../../../domain/errors';

const areasDir = join(import.meta.dirname, '../../../domain/errors');

describe('the error catalogue', () => {
  it('defines each code in exactly one area file', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const file of readdirSync(areasDir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(join(areasDir, file), 'utf8');
      for (const [, code] of text.matchAll(/^ {2}([A-Z][A-Z0-9_]+): \{/gm)) {
        if (seen.has(code!)) twice.push(`${code} in ${seen.get(code!)} and ${file}`);
        seen.set(code!, file);
      }
    }
    expect(twice).toEqual([]);
    expect(seen.size).toBe(Object.keys(errorCatalogue).length);
  });

  it('gives every code a Chinese message and a next step', () => {
    for (const [code, entry] of Object.entries(errorCatalogue)) {
      expect(entry.message, code).toMatch(/[\u4e00-\u9fff]/);
      expect(entry.action.length, code).toBeGreaterThan(0);
    }
  });

  it('fills placeholders from the parameters the types ask for', () => {
    expectTypeOf<ErrorParamsOf<'ROW_NOT_FOUND'>>().toEqualTypeOf<{ row: string | number }>();
    expect(describeError('ROW_NOT_FOUND', { row: 7 }).message).toContain('7');
    expect(new AppError('DECLARATION_HAS_ERRORS', { count: 3 }).message).toContain('3');
    // @ts-expect-error ROW_NOT_FOUND's message needs {row}
    expect(() => new AppError('ROW_NOT_FOUND')).not.toThrow();
    // @ts-expect-error {row} must be given, not another name
    describeError('ROW_NOT_FOUND', { line: 7 });
  });
});
