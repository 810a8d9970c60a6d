import { describe, expect, it } from 'vitest';
import {
  checkDocument,
  checkForeignPermanentResidenceId,
  checkResidentId,
  checkUscc,
  residentIdCheckDigit,
  upgradeResidentId15,
  usccCheckDigit,
} from '../../../domain/ids';
import { errorCatalogue } from '../../../domain/error-catalogue';
import { makeId } from './support';

const today = { today: '2025-03-15' };

describe('resident ID (GB 11643)', () => {
  it('accepts the public sample ID and reads birth date and gender from it', () => {
    const r = checkResidentId('11010519491231002X', today);
    expect(r).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      kind: 'residentId',
      regionCode: '110105',
      birthDate: '1949-12-31',
      gender: 'female',
    });
  });

  it('reads an odd 17th digit as 男', () => {
    const id = makeId('320102', '1988-02-29', 13);
    const r = checkResidentId(id, today);
    expect(r.ok && r.gender).toBe('male');
  });

  it('accepts full-width digits, a lowercase x and spaces as typed in Chinese IMEs', () => {
    const r = checkResidentId(' １１０１０５ １９４９１２３１ ００２ｘ\u3000', today);
    expect(r.ok && r.normalized).toBe('11010519491231002X');
    expect(checkResidentId('11010519491231002x', today).ok).toBe(true);
  });

  it('says the check digit is wrong when one digit is mistyped', () => {
    const r = checkResidentId('110105194912310021', today);
    expect(r).toMatchObject({ ok: false, code: 'ID_CHECK_DIGIT', confirmable: false });
    expect(!r.ok && r.message).toBe(errorCatalogue.ID_CHECK_DIGIT.message);
  });

  it('names the wrong length', () => {
    const r = checkResidentId('1101051949123100', today);
    expect(r).toMatchObject({ ok: false, code: 'ID_LENGTH' });
    expect(!r.ok && r.message).toContain('16位');
  });

  it('rejects letters other than a final X', () => {
    expect(checkResidentId('11010519491231A02X', today)).toMatchObject({
      ok: false,
      code: 'ID_CHARSET',
    });
  });

  it('rejects an empty cell with its own code', () => {
    expect(checkResidentId('   ', today)).toMatchObject({ ok: false, code: 'ID_EMPTY' });
  });

  it('rejects a province code that does not exist', () => {
    const id = makeId('990101', '1990-01-01', 11);
    expect(checkResidentId(id, today)).toMatchObject({ ok: false, code: 'ID_REGION' });
    const id2 = makeId('100101', '1990-01-01', 11);
    expect(checkResidentId(id2, today)).toMatchObject({ ok: false, code: 'ID_REGION' });
  });

  it('rejects 30 February, a future birth date and one before 1900', () => {
    expect(checkResidentId(makeId('320102', '1990-02-30', 11), today)).toMatchObject({
      code: 'ID_BIRTH_DATE',
    });
    expect(checkResidentId(makeId('320102', '1990-13-01', 11), today)).toMatchObject({
      code: 'ID_BIRTH_DATE',
    });
    expect(checkResidentId(makeId('320102', '2025-03-16', 11), today)).toMatchObject({
      code: 'ID_BIRTH_FUTURE',
    });
    expect(checkResidentId(makeId('320102', '2025-03-15', 11), today).ok).toBe(true);
    expect(checkResidentId(makeId('320102', '1899-12-31', 11), today)).toMatchObject({
      code: 'ID_BIRTH_TOO_EARLY',
    });
  });

  it('accepts 29 February only in leap years', () => {
    expect(checkResidentId(makeId('230102', '2000-02-29', 12), today).ok).toBe(true);
    expect(checkResidentId(makeId('230102', '1900-02-29', 12), today)).toMatchObject({
      code: 'ID_BIRTH_DATE',
    });
  });

  it('flags a 15-digit old ID for upgrade and offers the 18-digit form', () => {
    const r = checkResidentId('110105491231002', today);
    expect(r).toMatchObject({ ok: false, code: 'ID_OLD_15', upgraded: '11010519491231002X' });
    expect(!r.ok && r.action).toContain('11010519491231002X');
    expect(upgradeResidentId15('110105491231002')).toBe('11010519491231002X');
    expect(upgradeResidentId15('11010549123100')).toBeNull();
  });

  it('reports the real problem of a 15-digit ID with an impossible date, not the upgrade', () => {
    expect(checkResidentId('110105491331002', today)).toMatchObject({ code: 'ID_BIRTH_DATE' });
  });

  it('recognises 港澳台居民居住证 numbers by 810000/820000/830000', () => {
    for (const prefix of ['810000', '820000', '830000']) {
      const r = checkResidentId(makeId(prefix, '1985-05-05', 22), today);
      expect(r).toMatchObject({ ok: true, kind: 'residencePermit', gender: 'female' });
    }
    expect(checkResidentId(makeId('810101', '1985-05-05', 22), today)).toMatchObject({
      code: 'ID_RESIDENCE_PERMIT_PREFIX',
    });
  });

  it('computes the check digit including X', () => {
    expect(residentIdCheckDigit('11010519491231002')).toBe('X');
    expect(() => residentIdCheckDigit('1101051949123100')).toThrow(RangeError);
  });
});

describe('documents by type', () => {
  it('refuses a residence-permit number entered as 居民身份证 and says which type it is', () => {
    const r = checkDocument('residentId', makeId('820000', '1990-01-01', 11), today);
    expect(r).toMatchObject({ ok: false, code: 'DOC_TYPE_MISMATCH' });
    expect(!r.ok && r.message).toContain('港澳台居民居住证');
  });

  it('refuses a mainland ID entered as 港澳台居民居住证', () => {
    expect(checkDocument('hkMoTwResidencePermit', '11010519491231002X', today)).toMatchObject({
      code: 'ID_RESIDENCE_PERMIT_PREFIX',
    });
    expect(
      checkDocument('hkMoTwResidencePermit', makeId('830000', '1990-01-01', 11), today).ok,
    ).toBe(true);
  });

  it('checks the 2023 外国人永久居留身份证 with the same MOD 11-2 digit and reads its birth date', () => {
    // 9 + province 11 + nationality 840 + birth + sequence
    const first17 = '911840' + '19800704' + '123';
    const id = first17 + residentIdCheckDigit(first17);
    expect(checkForeignPermanentResidenceId(id, today)).toEqual({
      ok: true,
      normalized: id,
      birthDate: '1980-07-04',
      gender: 'male',
    });
    const wrong = first17 + (residentIdCheckDigit(first17) === '0' ? '1' : '0');
    expect(checkDocument('foreignPermanentResidenceId', wrong, today)).toMatchObject({
      code: 'ID_CHECK_DIGIT',
    });
    expect(checkDocument('foreignPermanentResidenceId', '1' + id.slice(1), today)).toMatchObject({
      code: 'FPR_ID_FORMAT',
    });
  });

  it('accepts the old 15-character 永居证 (3 letters + 12 digits) and rejects other shapes', () => {
    expect(checkDocument('foreignPermanentResidenceId', 'usa110080101011', today)).toEqual({
      ok: true,
      normalized: 'USA110080101011',
    });
    expect(checkDocument('foreignPermanentResidenceId', 'US1110080101011', today)).toMatchObject({
      code: 'FPR_ID_FORMAT',
    });
  });

  it('accepts passport numbers of 5–17 letters and digits', () => {
    expect(checkDocument('passport', 'E12345678')).toEqual({ ok: true, normalized: 'E12345678' });
    expect(checkDocument('passport', 'ｅａ１２３４５６７')).toEqual({
      ok: true,
      normalized: 'EA1234567',
    });
    expect(checkDocument('passport', 'AB12')).toMatchObject({ code: 'PASSPORT_FORMAT' });
    expect(checkDocument('passport', 'ABCDEFGH')).toMatchObject({ code: 'PASSPORT_FORMAT' });
    expect(checkDocument('passport', 'E1234-5678')).toMatchObject({ code: 'PASSPORT_FORMAT' });
  });

  it('checks 回乡证 (H/M + 8 or 10 digits) and 台胞证 (8 digits, old 10 digits)', () => {
    expect(checkDocument('hkMoTravelPermit', 'h12345678')).toEqual({
      ok: true,
      normalized: 'H12345678',
    });
    expect(checkDocument('hkMoTravelPermit', 'M1234567890').ok).toBe(true);
    expect(checkDocument('hkMoTravelPermit', 'K12345678')).toMatchObject({
      code: 'HKMO_PERMIT_FORMAT',
    });
    expect(checkDocument('twTravelPermit', '12345678')).toEqual({
      ok: true,
      normalized: '12345678',
    });
    expect(checkDocument('twTravelPermit', '1234567890(B)')).toEqual({
      ok: true,
      normalized: '1234567890B',
    });
    expect(checkDocument('twTravelPermit', '1234567')).toMatchObject({ code: 'TW_PERMIT_FORMAT' });
  });
});

describe('USCC (GB 32100)', () => {
  it('accepts a well-formed code and reads its authority and region', () => {
    expect(checkUscc('91350100M000100Y43')).toEqual({
      ok: true,
      normalized: '91350100M000100Y43',
      registrationAuthority: '9',
      regionCode: '350100',
    });
  });

  it('normalizes lowercase, full-width characters and spaces', () => {
    const r = checkUscc(' ９１３５０１００ｍ０００１００ｙ４３ ');
    expect(r.ok && r.normalized).toBe('91350100M000100Y43');
  });

  it('lets the user confirm a code whose check character fails, as some real codes do', () => {
    const r = checkUscc('91350100M000100Y44');
    expect(r).toMatchObject({ ok: false, code: 'USCC_CHECK_DIGIT', confirmable: true });
    expect(!r.ok && r.message).toBe(errorCatalogue.USCC_CHECK_DIGIT.message);
  });

  it('names the forbidden letter (I O S V Z) and does not let it be confirmed', () => {
    const r = checkUscc('91350100M0001O0Y43');
    expect(r).toMatchObject({ ok: false, code: 'USCC_CHARSET', confirmable: false });
    expect(!r.ok && r.message).toContain('“O”');
  });

  it('rejects wrong length, non-digit region part and empty input', () => {
    expect(checkUscc('91350100M000100Y4')).toMatchObject({ code: 'USCC_LENGTH' });
    expect(checkUscc('913501A0M000100Y43')).toMatchObject({ code: 'USCC_FORMAT' });
    expect(checkUscc('')).toMatchObject({ code: 'USCC_EMPTY' });
  });

  it('computes the check character', () => {
    expect(usccCheckDigit('91350100M000100Y4')).toBe('3');
    expect(() => usccCheckDigit('91350100M000100YI')).toThrow(RangeError);
  });
});
