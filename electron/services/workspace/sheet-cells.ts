// One spreadsheet cell as text for its field, and back. Excel hands over numbers, dates and
// booleans as well as text; they are turned into the text a person would have typed (a date
// serial into 2024-07-01, an ID kept as a number into what Excel shows) and then read by the
// field table of domain/declarations, exactly as typing and paste are. Writing produces text
// that Excel can never run as a formula and that reads back to the same value.
import type { ValueType } from '../../../domain/declarations/field-table';
import { excelSerialToIso } from '../../../domain/declarations/values';

/** What a reader hands over for one cell. */
export type RawCell = string | number | boolean | Date | null;

// --- formula injection (OWASP CSV injection): a leading apostrophe makes it text ---

const dangerous = new Set(['=', '+', '-', '@', '\t', '\r', '\n']);

/**
 * Cells starting with = + - @ tab or CR (and, so that the mapping can be undone exactly, those
 * starting with an apostrophe followed by one of them or another apostrophe) get an apostrophe.
 */
export function escapeFormula(s: string): string {
  if (s === '') return s;
  const c = s[0]!;
  if (dangerous.has(c)) return `'${s}`;
  if (c === "'" && s.length > 1 && (dangerous.has(s[1]!) || s[1] === "'")) return `'${s}`;
  return s;
}

export function unescapeFormula(s: string): string {
  if (s.length > 1 && s[0] === "'" && (dangerous.has(s[1]!) || s[1] === "'")) return s.slice(1);
  return s;
}

/** A cell as plain text (the error report shows cells this way). */
export function cellText(v: RawCell): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number')
    return Number.isInteger(v) && Math.abs(v) >= 1e15 ? BigInt(v).toString() : String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v.toISOString().slice(0, 10);
}

export interface CellAsText {
  text: string;
  /** The cell was an ID stored as a number with more digits than Excel keeps. */
  idDigitsLost?: boolean;
}

/**
 * A cell → the text its field reads. An ID Excel stored as a number keeps at most 15 significant
 * digits: such a cell becomes the scientific form Excel shows (3.20102199001011E+17), which the
 * field refuses with what to do, instead of a plausible number ending in 000.
 */
export function cellAsText(v: RawCell, type: ValueType): CellAsText {
  if (v === null) return { text: '' };
  if (typeof v === 'string') return { text: unescapeFormula(v) };
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE' };
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return { text: '' };
    const iso = v.toISOString().slice(0, 10);
    return { text: type === 'month' ? iso.slice(0, 7) : iso };
  }
  if (!Number.isFinite(v)) return { text: String(v) };
  switch (type) {
    case 'id': {
      if (Number.isInteger(v) && v >= 0 && v < 1e15) return { text: String(v) };
      return { text: v.toExponential().toUpperCase(), idDigitsLost: true };
    }
    case 'date':
    case 'month':
      return { text: Number.isInteger(v) && v >= 1e5 ? String(v) : (serialIso(v) ?? String(v)) };
    case 'money':
      // Formulas leave long binary fractions (7413.499999…): round to the fen as Excel shows it.
      return { text: String(Math.round(v * 100) / 100) };
    default:
      return { text: String(v) };
  }
}

function serialIso(v: number): string | null {
  return excelSerialToIso(v);
}
