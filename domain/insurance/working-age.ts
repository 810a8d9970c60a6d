// Working age as data: the minimum age for employment (劳动法 第十五条: 16) and the statutory
// retirement ages with the gradual raise decided by the NPC Standing Committee on 2024-09-13
// (from 2025-01: men 60 → 63 and women 55 → 58 by one month every four months; women 50 → 55
// by one month every two months).
import type { Gender } from '../ids';

export const MIN_WORKING_AGE_YEARS = 16;

export interface RetirementTrack {
  /** Age before the raise. */
  originalAgeYears: number;
  /** The first month whose original retirement is delayed. */
  raiseStartMonth: string;
  /** One more month of delay for every this many months of original retirement date. */
  monthsPerStep: number;
  maxDelayMonths: number;
}

export const retirementTracks = {
  male: { originalAgeYears: 60, raiseStartMonth: '2025-01', monthsPerStep: 4, maxDelayMonths: 36 },
  /** 原法定退休年龄55周岁的女职工 (女干部). */
  female55: {
    originalAgeYears: 55,
    raiseStartMonth: '2025-01',
    monthsPerStep: 4,
    maxDelayMonths: 36,
  },
  /** 原法定退休年龄50周岁的女职工 (女工人). */
  female50: {
    originalAgeYears: 50,
    raiseStartMonth: '2025-01',
    monthsPerStep: 2,
    maxDelayMonths: 60,
  },
} as const satisfies Record<string, RetirementTrack>;
export type RetirementTrackName = keyof typeof retirementTracks;

/** 'YYYY-MM' or 'YYYY-MM-DD' → months since year 0 (a plain integer to compare and subtract). */
export function monthIndex(date: string): number {
  // Char arithmetic: called for every row of a 100,000-row batch.
  const year =
    (date.charCodeAt(0) - 48) * 1000 +
    (date.charCodeAt(1) - 48) * 100 +
    (date.charCodeAt(2) - 48) * 10 +
    (date.charCodeAt(3) - 48);
  return year * 12 + (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48) - 1;
}

export function monthFromIndex(index: number): string {
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Statutory retirement age in months for someone born in the month `birthMonthIndex` (monthIndex). */
export function retirementAgeMonthsFrom(birthMonthIndex: number, track: RetirementTrack): number {
  const original = track.originalAgeYears * 12;
  const originalMonth = birthMonthIndex + original;
  const start = monthIndex(track.raiseStartMonth);
  if (originalMonth < start) return original;
  const delay = Math.min(
    Math.floor((originalMonth - start) / track.monthsPerStep) + 1,
    track.maxDelayMonths,
  );
  return original + delay;
}

/** The track used when the row does not say 干部/工人: the later one, so no one is flagged early. */
export function defaultTrack(gender: Gender): RetirementTrack {
  return gender === 'male' ? retirementTracks.male : retirementTracks.female55;
}

/** A date written as the number YYYYMMDD → its month index (as monthIndex). */
export function monthIndexOfYmd(ymd: number): number {
  return ((ymd / 10000) | 0) * 12 + (((ymd / 100) | 0) % 100) - 1;
}

/** YYYYMMDD → YYYY-MM-DD. */
export function isoDateOfYmd(ymd: number): string {
  const s = String(ymd).padStart(8, '0');
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

/** Whole months of age on `onYmd` (both YYYYMMDD); a month counts once its day is reached. */
export function ageInMonthsYmd(birthYmd: number, onYmd: number): number {
  const months = monthIndexOfYmd(onYmd) - monthIndexOfYmd(birthYmd);
  return onYmd % 100 < birthYmd % 100 ? months - 1 : months;
}
