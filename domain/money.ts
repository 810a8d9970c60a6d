// Money is integer fen (分) and rates are integer ppm of the base (1 % = 10,000 ppm), so every
// contribution is exact integer arithmetic: no float ever touches an amount.

/** Largest base we compute with: base × rate (≤ 1,000,000 ppm) stays below 2^53. */
export const MAX_FEN = 1_000_000_000;
export const PPM_PER_PERCENT = 10_000;

const yuanPattern = /^(\d{1,9})(?:\.(\d{1,2}))?$/;
const percentPattern = /^(\d{1,3})(?:\.(\d{1,4}))?$/;

/** "7413", "7,413.5", "7413.50" → fen; null for anything else (more than two decimals, signs, text). */
export function yuanToFen(s: string): number | null {
  const m = yuanPattern.exec(s.trim().replace(/,/g, ''));
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return fen <= MAX_FEN ? fen : null;
}

/** 741350 → "7413.50" */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** "16" → 160000, "0.25" → 2500, "300" → 3000000 (ppm); at most four decimals of a percent. */
export function percentToPpm(s: string): number | null {
  const m = percentPattern.exec(s.trim());
  if (!m) return null;
  return Number(m[1]) * PPM_PER_PERCENT + Number((m[2] ?? '').padEnd(4, '0'));
}

/** 160000 → "16", 2500 → "0.25" */
export function ppmToPercent(ppm: number): string {
  const whole = Math.floor(ppm / PPM_PER_PERCENT);
  const frac = String(ppm % PPM_PER_PERCENT)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

export type RoundingMode = 'half-up' | 'down' | 'up';
/** Rounding step in fen: to the fen, the jiao (角) or the yuan. */
export type RoundingStep = 1 | 10 | 100;

/**
 * Exact integer division of a non-negative safe-integer numerator with the given rounding. The
 * quotient is taken in floating point and corrected by its remainder (a `%` on numbers past 2^31
 * is a slow library call, and rates make such numbers for every contribution of every person).
 */
function divRound(numerator: number, denominator: number, mode: RoundingMode): number {
  let floor = Math.floor(numerator / denominator);
  let rem = numerator - floor * denominator;
  if (rem < 0) {
    floor -= 1;
    rem += denominator;
  } else if (rem >= denominator) {
    floor += 1;
    rem -= denominator;
  }
  if (rem === 0 || mode === 'down') return floor;
  if (mode === 'up') return floor + 1;
  return rem * 2 >= denominator ? floor + 1 : floor;
}

/** a × b / divisor with rounding, exactly; throws if a × b would leave the safe-integer range. */
export function mulDivRound(a: number, b: number, divisor: number, mode: RoundingMode): number {
  const product = a * b;
  if (!Number.isSafeInteger(product) || product < 0)
    throw new RangeError(`product out of range: ${a} × ${b}`);
  return divRound(product, divisor, mode);
}

/** Rounds fen to a step (e.g. base to whole yuan). */
export function roundFen(fen: number, step: RoundingStep, mode: RoundingMode): number {
  if (step === 1) return fen;
  return divRound(fen, step, mode) * step;
}

/** baseFen × ppm (≤ 100 %), rounded to `step` fen: exact for every integer base in [0, MAX_FEN]. */
export function applyRate(
  baseFen: number,
  ppm: number,
  step: RoundingStep,
  mode: RoundingMode,
): number {
  if (!Number.isSafeInteger(baseFen) || baseFen < 0 || baseFen > MAX_FEN) {
    throw new RangeError(`base out of range: ${baseFen}`);
  }
  if (!Number.isSafeInteger(ppm) || ppm < 0 || ppm > 100 * PPM_PER_PERCENT) {
    throw new RangeError(`rate out of range: ${ppm}`);
  }
  return divRound(baseFen * ppm, 1_000_000 * step, mode) * step;
}
