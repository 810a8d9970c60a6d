// The batch hash both ends compute: RFC 8785 canonical JSON of { clientId, unitNo, mutations }.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, CanonicalJsonError } from '../../domain/protocol/canonical-json';
import { canonicalBatchText, mutationSchema } from '../../domain/protocol/sync';

describe('canonical JSON (RFC 8785)', () => {
  it('sorts members by UTF-16 code units, as the RFC’s own example (3.2.3)', () => {
    const value = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // Read from the text: Object.keys would put the integer-like "1" first again.
    const keys = [...canonicalJson(value).matchAll(/"((?:[^"\\]|\\.)*)":/g)].map(
      (m) => JSON.parse(`"${m[1]}"`) as string,
    );
    expect(keys).toEqual(['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
  });

  it('writes numbers in their shortest ECMAScript form (RFC 8785 appendix B samples)', () => {
    const samples: [number, string][] = [
      [0, '0'],
      [-0, '0'],
      [1e21, '1e+21'],
      [1e-7, '1e-7'],
      [333333333.3333333, '333333333.3333333'],
      [4.5, '4.5'],
      [2e-3, '0.002'],
      [9007199254740991, '9007199254740991'],
    ];
    for (const [n, text] of samples) expect(canonicalJson(n)).toBe(text);
  });

  it('produces the RFC’s canonical form of its sample object, without whitespace', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    ) as unknown;
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('refuses what JSON cannot carry instead of hashing something else', () => {
    for (const bad of [Number.NaN, Infinity, 10n, () => 1, Symbol('x')]) {
      expect(() => canonicalJson({ a: bad })).toThrow(CanonicalJsonError);
    }
  });

  it('the batch text does not depend on the order the client built its objects in', () => {
    const a = {
      id: '01J0000000000000000000000A',
      kind: 'declaration.submit' as const,
      payload: {
        declarationId: 'D1',
        type: 'addition' as const,
        month: '2025-03',
        rows: [{ b: 1, a: '张三' }],
      },
    };
    const b = {
      payload: {
        rows: [{ a: '张三', b: 1 }],
        month: '2025-03',
        type: 'addition' as const,
        declarationId: 'D1',
      },
      kind: 'declaration.submit' as const,
      id: '01J0000000000000000000000A',
    };
    expect(mutationSchema.parse(b)).toEqual(a);
    const hash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
    expect(hash(canonicalBatchText('C', '32010000001', [a]))).toBe(
      hash(canonicalBatchText('C', '32010000001', [b])),
    );
    expect(canonicalBatchText('C', 'U', [a])).toBe(
      '{"clientId":"C","mutations":[{"id":"01J0000000000000000000000A","kind":"declaration.submit",' +
        '"payload":{"declarationId":"D1","month":"2025-03","rows":[{"a":"张三","b":1}],"type":"addition"}}],"unitNo":"U"}',
    );
  });
});
