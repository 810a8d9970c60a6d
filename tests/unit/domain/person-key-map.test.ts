// The person-key table behaves exactly as a Map keyed by the string, for ID-shaped keys (packed
// into the typed table) and every other key (kept in the Map beside it), across growth.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PersonKeyMap, packedIdentity } from '../../../domain/declarations/person-key-map';

const digit = fc.constantFrom(...'0123456789');
/** 18 characters shaped like a 公民身份号码 most of the time, malformed now and then. */
const idLike = fc
  .tuple(
    fc.constantFrom('320102', '320583', '110101', '999999', '000000', '810000'),
    fc.integer({ min: 1890, max: 2110 }),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
    fc.integer({ min: 0, max: 999 }),
    fc.constantFrom(...'0123456789XxA'),
  )
  .map(
    ([region, y, m, d, seq, last]) =>
      `${region}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(seq).padStart(3, '0')}${last}`,
  );
const anyKey = fc.oneof(
  { weight: 6, arbitrary: idLike },
  { weight: 1, arbitrary: fc.string({ unit: digit, minLength: 15, maxLength: 19 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom('E12345678', 'H12345678', '', 'ABC123456789012') },
);

describe('packedIdentity', () => {
  it('gives distinct, exact, non-zero integers to distinct ID-shaped keys', () => {
    fc.assert(
      fc.property(idLike, idLike, (a, b) => {
        const pa = packedIdentity(a);
        const pb = packedIdentity(b);
        for (const p of [pa, pb]) expect(Number.isSafeInteger(p) && p >= 0).toBe(true);
        if (pa !== 0 && pb !== 0) expect(pa === pb).toBe(a === b);
      }),
      { numRuns: 3000 },
    );
  });

  it('packs a real number and refuses what is not shaped like one', () => {
    expect(packedIdentity('11010519491231002X')).toBeGreaterThan(0);
    expect(packedIdentity('999999209912319999')).toBeLessThan(2 ** 53);
    expect(packedIdentity('11010519491231002x')).toBe(0); // keys are normalized before
    expect(packedIdentity('110105194912310021 ')).toBe(0);
    expect(packedIdentity('110105194913310021')).toBe(0); // month 13
    expect(packedIdentity('１10105194912310021')).toBe(0);
  });
});

describe('PersonKeyMap', () => {
  it('answers as a Map would, through any sequence of adds and lookups', () => {
    type Op = { op: 'set' | 'put' | 'get'; key: string; value: number };
    const op = fc.record({
      op: fc.constantFrom<Op['op']>('set', 'put', 'get'),
      key: anyKey,
      value: fc.integer(),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), fc.integer({ min: 0, max: 64 }), (ops, n) => {
        const table = new PersonKeyMap<number>(n);
        const model = new Map<string, number>();
        for (const o of ops) {
          if (o.op === 'set') {
            table.set(o.key, o.value);
            model.set(o.key, o.value);
          } else if (o.op === 'put') {
            const before = model.get(o.key);
            if (before === undefined) model.set(o.key, o.value);
            expect(table.putIfAbsent(o.key, o.value)).toBe(before);
          }
          expect(table.get(o.key)).toBe(model.get(o.key));
        }
        expect(table.size).toBe(model.size);
        for (const [k, v] of model) expect(table.get(k)).toBe(v);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps 100,000 people apart after growing from a small table', () => {
    const table = new PersonKeyMap<number>();
    const key = (i: number): string =>
      `3205831990${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (Math.floor(i / 12) % 28)).padStart(2, '0')}${String(Math.floor(i / 336) % 1000).padStart(3, '0')}${i % 11 === 10 ? 'X' : i % 11}`;
    for (let i = 0; i < 100_000; i++) expect(table.putIfAbsent(key(i), i)).toBeUndefined();
    expect(table.size).toBe(100_000);
    for (let i = 0; i < 100_000; i += 7) expect(table.get(key(i))).toBe(i);
    expect(table.get('320583199001010011')).toBeUndefined();
  });
});
