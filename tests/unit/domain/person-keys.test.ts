// Matching people by key answers exactly as Maps keyed by the string would — for ID-shaped keys
// (packed and radix-sorted) and every other key (kept in Maps beside them) — at any size.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  PeopleByKey,
  firstRowsWithSameKey,
  sortPacked,
} from '../../../domain/declarations/person-keys';
import { packedId } from '../../../domain/ids';

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
  {
    weight: 1,
    arbitrary: fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 15, maxLength: 19 }),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom('E12345678', 'H12345678', '') },
);

describe('packedId as a key', () => {
  it('gives distinct, exact, non-zero integers to distinct ID-shaped keys', () => {
    fc.assert(
      fc.property(idLike, idLike, (a, b) => {
        const pa = packedId(a);
        const pb = packedId(b);
        for (const p of [pa, pb]) expect(Number.isSafeInteger(p) && p >= 0).toBe(true);
        if (pa !== 0 && pb !== 0) expect(pa === pb).toBe(a === b);
      }),
      { numRuns: 3000 },
    );
  });

  it('packs a real number and refuses what is not shaped like one', () => {
    expect(packedId('11010519491231002X')).toBeGreaterThan(0);
    expect(packedId('999999209912319999')).toBeLessThan(2 ** 51);
    expect(packedId('11010519491231002X') % 2).toBe(1); // its check character is right
    expect(packedId('110105194912310021') % 2).toBe(0);
    expect(packedId('11010519491231002x')).toBe(0); // keys are normalized before
    expect(packedId('110105194912310021 ')).toBe(0);
    expect(packedId('110105194913310021')).toBe(0); // month 13
    expect(packedId('１10105194912310021')).toBe(0);
  });
});

function packAll(keys: readonly string[]): Float64Array {
  return Float64Array.from(keys, (k) => packedId(k));
}

describe('sortPacked', () => {
  it('orders keys ascending and keeps equal keys in their order, few keys or many', () => {
    const keys = fc.oneof(
      fc.array(idLike, { maxLength: 40 }),
      fc.array(idLike, { minLength: 257, maxLength: 900 }),
    );
    fc.assert(
      fc.property(keys, (keys) => {
        const packed = packAll(keys);
        const sorted = sortPacked(packed);
        const expected = [...packed.keys()]
          .filter((i) => packed[i] !== 0)
          .sort((a, b) => packed[a]! - packed[b]! || a - b);
        expect([...sorted.from]).toEqual(expected);
        for (let a = 0; a < sorted.length; a++) {
          expect(sorted.high[a]! * 2 ** 32 + sorted.low[a]!).toBe(packed[sorted.from[a]!]);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('PeopleByKey and firstRowsWithSameKey', () => {
  it('answer as Maps would, for any roster and batch', () => {
    fc.assert(
      fc.property(
        fc.array(anyKey, { maxLength: 150 }),
        fc.array(anyKey, { maxLength: 150 }),
        (rosterKeys, batchKeys) => {
          // Keys from both sides overlap now and then.
          const batch = batchKeys.map((k, i) =>
            i % 3 === 0 && rosterKeys.length > 0 ? rosterKeys[i % rosterKeys.length]! : k,
          );
          const people = rosterKeys.map((key, n) => ({ key, n }));
          const index = new PeopleByKey(people, (p) => p.key);
          const model = new Map(people.map((p) => [p.key, p] as const));
          for (const k of [...rosterKeys, ...batch]) expect(index.get(k)).toBe(model.get(k));

          const packed = packAll(batch);
          const sorted = sortPacked(packed);
          const matched = index.match(batch, packed, sorted);
          batch.forEach((k, i) => expect(matched[i]).toBe(k === '' ? undefined : model.get(k)));

          const first = firstRowsWithSameKey(batch, packed, sorted);
          batch.forEach((k, i) => {
            const earliest = batch.indexOf(k);
            expect(first[i]).toBe(k === '' || earliest === i ? -1 : earliest);
          });
        },
      ),
      { numRuns: 400 },
    );
  });

  it('keeps 100,000 people apart', () => {
    const key = (i: number): string =>
      `3205831990${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (Math.floor(i / 12) % 28)).padStart(2, '0')}${String(Math.floor(i / 336) % 1000).padStart(3, '0')}${i % 11 === 10 ? 'X' : i % 11}`;
    const people = Array.from({ length: 100_000 }, (_, n) => ({ key: key(n), n }));
    const index = new PeopleByKey(people, (p) => p.key);
    for (let n = 0; n < 100_000; n += 7) expect(index.get(key(n))?.n).toBe(n);
    expect(index.get('320583199001010011')).toBeUndefined();
    const batch = [key(5), key(99_999), '320583199001010011', key(5)];
    const packed = packAll(batch);
    const sorted = sortPacked(packed);
    expect(index.match(batch, packed, sorted).map((p) => p?.n)).toEqual([5, 99_999, undefined, 5]);
    expect([...firstRowsWithSameKey(batch, packed, sorted)]).toEqual([-1, -1, -1, 0]);
  });
});
