// Round trips: 17 characters + their check character always pass; changing any single
// character (or swapping two adjacent different digits) always fails.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkDocument,
  checkResidentId,
  holderOfPackedId,
  packedId,
  checkUscc,
  residentIdCheckDigit,
  usccCheckDigit,
  USCC_CHARSET,
} from '../../../domain/ids';
import { calendarDateNumber } from '../../../domain/declarations/fields';

const today = { today: '2025-03-15' };
const provinces = [
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
];

const digit = fc.integer({ min: 0, max: 9 }).map(String);
const birthDate = fc
  .date({
    min: new Date(Date.UTC(1900, 0, 1)),
    max: new Date(Date.UTC(2025, 2, 15)),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10).replace(/-/g, ''));
const first17Id = fc
  .tuple(
    fc.constantFrom(...provinces),
    fc.array(digit, { minLength: 4, maxLength: 4 }),
    birthDate,
    fc.array(digit, { minLength: 3, maxLength: 3 }),
  )
  .map(([p, r, b, s]) => p + r.join('') + b + s.join(''));

const usccChar = fc.constantFrom(...USCC_CHARSET.split(''));
const first17Uscc = fc
  .tuple(
    usccChar,
    usccChar,
    fc.array(digit, { minLength: 6, maxLength: 6 }),
    fc.array(usccChar, { minLength: 9, maxLength: 9 }),
  )
  .map(([a, b, region, org]) => a + b + region.join('') + org.join(''));

const runs = { numRuns: 2000 };

describe('resident ID round trips', () => {
  it('every ID made with its check digit passes', () => {
    fc.assert(
      fc.property(first17Id, (f) => {
        const r = checkResidentId(f + residentIdCheckDigit(f), today);
        expect(r.ok).toBe(true);
      }),
      runs,
    );
  });

  it('changing any one character makes it fail', () => {
    fc.assert(
      fc.property(
        first17Id,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 10 }),
        (f, pos, delta) => {
          const id = f + residentIdCheckDigit(f);
          const alphabet = '0123456789X';
          const current = alphabet.indexOf(id[pos]!);
          const replacement = alphabet[(current + delta) % 11]!;
          const changed = id.slice(0, pos) + replacement + id.slice(pos + 1);
          expect(changed).not.toBe(id);
          expect(checkResidentId(changed, today).ok).toBe(false);
        },
      ),
      runs,
    );
  });

  it('swapping two adjacent different digits makes it fail', () => {
    fc.assert(
      fc.property(first17Id, fc.integer({ min: 0, max: 15 }), (f, pos) => {
        fc.pre(f[pos] !== f[pos + 1]);
        const id = f + residentIdCheckDigit(f);
        const swapped = id.slice(0, pos) + id[pos + 1] + id[pos] + id.slice(pos + 2);
        expect(checkResidentId(swapped, today).ok).toBe(false);
      }),
      runs,
    );
  });
});

describe('USCC round trips', () => {
  it('every code made with its check character passes', () => {
    fc.assert(
      fc.property(first17Uscc, (f) => {
        expect(checkUscc(f + usccCheckDigit(f)).ok).toBe(true);
      }),
      runs,
    );
  });

  it('changing any one character to another allowed one makes the check fail', () => {
    fc.assert(
      fc.property(
        first17Uscc,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 30 }),
        (f, pos, delta) => {
          const code = f + usccCheckDigit(f);
          // Keep positions 3–8 digits so the failure is the check character, not the format.
          const alphabet = pos >= 2 && pos < 8 ? '0123456789' : USCC_CHARSET;
          const current = alphabet.indexOf(code[pos]!);
          const replacement = alphabet[(current + delta) % alphabet.length]!;
          fc.pre(replacement !== code[pos]);
          const changed = code.slice(0, pos) + replacement + code.slice(pos + 1);
          expect(checkUscc(changed)).toMatchObject({
            ok: false,
            code: 'USCC_CHECK_DIGIT',
            confirmable: true,
          });
        },
      ),
      runs,
    );
  });
});

describe('packedId + holderOfPackedId: the allocation-free reading the batch checks use', () => {
  it('accepts exactly what checkDocument accepts, with the same birth date and gender', () => {
    const first17 = fc
      .tuple(
        fc.constantFrom(
          '110105',
          '320583',
          '810000',
          '820000',
          '830000',
          '710000',
          '990000',
          '813000',
        ),
        fc.integer({ min: 1890, max: 2030 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 31 }),
        fc.integer({ min: 0, max: 999 }),
      )
      .map(
        ([r, y, m, d, s]) =>
          `${r}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(s).padStart(3, '0')}`,
      );
    const number = fc.oneof(
      first17.map((f) => f + residentIdCheckDigit(f)),
      fc.tuple(first17, fc.constantFrom(...'0123456789X')).map(([f, c]) => f + c),
      fc.string({ unit: fc.constantFrom(...'0123456789X'), minLength: 15, maxLength: 19 }),
    );
    const type = fc.constantFrom<'residentId' | 'hkMoTwResidencePermit'>(
      'residentId',
      'hkMoTwResidencePermit',
    );
    fc.assert(
      fc.property(type, number, (t, n) => {
        const full = checkDocument(t, n, today);
        const packed = holderOfPackedId(t, packedId(n), calendarDateNumber(today.today));
        expect(packed > 0).toBe(full.ok);
        if (full.ok && packed > 0) {
          const ymd = String(packed >> 1);
          expect(`${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6)}`).toBe(full.birthDate);
          expect(packed & 1 ? 'male' : 'female').toBe(full.gender);
        }
      }),
      { numRuns: 20_000 },
    );
  });
});
