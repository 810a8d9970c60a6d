import { describe, expect, it } from 'vitest';
import {
  ageInMonthsYmd,
  monthIndex,
  retirementAgeMonthsFrom,
  retirementTracks,
  type RetirementTrack,
} from '../../../domain/insurance/working-age';

function retirementAgeMonths(birthDate: string, track: RetirementTrack): number {
  return retirementAgeMonthsFrom(monthIndex(birthDate), track);
}

/** Whole months of age, dates written YYYY-MM-DD. */
function ageInMonths(birthDate: string, on: string): number {
  const ymd = (date: string): number => Number(date.replaceAll('-', ''));
  return ageInMonthsYmd(ymd(birthDate), ymd(on));
}

describe('statutory retirement age (gradual raise from 2025)', () => {
  it('keeps 60 for men born before 1965 and adds a month for January 1965', () => {
    expect(retirementAgeMonths('1964-12-31', retirementTracks.male)).toBe(720);
    expect(retirementAgeMonths('1965-01-01', retirementTracks.male)).toBe(721);
    expect(retirementAgeMonths('1965-04-20', retirementTracks.male)).toBe(721);
    expect(retirementAgeMonths('1965-05-01', retirementTracks.male)).toBe(722);
  });

  it('reaches 63 for men born in September 1976 and later', () => {
    expect(retirementAgeMonths('1976-08-01', retirementTracks.male)).toBe(755);
    expect(retirementAgeMonths('1976-09-01', retirementTracks.male)).toBe(756);
    expect(retirementAgeMonths('1990-01-01', retirementTracks.male)).toBe(756);
  });

  it('raises women of the 50 track by a month every two months up to 55', () => {
    expect(retirementAgeMonths('1974-12-01', retirementTracks.female50)).toBe(600);
    expect(retirementAgeMonths('1975-01-01', retirementTracks.female50)).toBe(601);
    expect(retirementAgeMonths('1975-03-01', retirementTracks.female50)).toBe(602);
    expect(retirementAgeMonths('1984-12-01', retirementTracks.female50)).toBe(660);
  });

  it('raises women of the 55 track to 58', () => {
    expect(retirementAgeMonths('1969-12-01', retirementTracks.female55)).toBe(660);
    expect(retirementAgeMonths('1970-01-01', retirementTracks.female55)).toBe(661);
    expect(retirementAgeMonths('1981-09-01', retirementTracks.female55)).toBe(696);
  });
});

describe('age', () => {
  it('counts a month only once its day is reached', () => {
    expect(ageInMonths('2009-03-16', '2025-03-15')).toBe(191);
    expect(ageInMonths('2009-03-15', '2025-03-15')).toBe(192);
  });
});
