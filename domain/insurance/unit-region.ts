// Which region's rules a unit pays by, and the region tables read from their files. Which table
// a unit uses is data, not code: the region code in the unit's USCC (positions 3–8, e.g. 320102
// → 南京 → 江苏's 320000 table by the province fallback of ruleFor), else the first six digits
// of its unit number, else the national default. Client and service choose the same way.
import { checkUscc } from '../ids';
import { NATIONAL_REGION_CODE, parseRegionTable, type RegionTable } from './region-table';

export interface UnitRef {
  unitNo: string;
  uscc: string | null;
}

export function regionCodeOf(unit: UnitRef): string {
  if (unit.uscc) {
    const r = checkUscc(unit.uscc);
    if (r.ok) return r.regionCode;
    // Some real USCCs fail the check digit; their region digits are still right.
    if (/^[0-9A-Z]{2}\d{6}/.test(unit.uscc)) return unit.uscc.slice(2, 8);
  }
  if (/^\d{6}/.test(unit.unitNo)) return unit.unitNo.slice(0, 6);
  return NATIONAL_REGION_CODE;
}

/** A table file as read from disk: its name (for the error) and its JSON text. */
export interface RegionTableFile {
  name: string;
  text: string;
}

/**
 * Every table, in file-name order. A table that does not parse is a packaging bug: this throws
 * rather than let anyone compute with a wrong rate.
 */
export function readRegionTables(files: readonly RegionTableFile[]): RegionTable[] {
  return [...files]
    .filter((f) => f.name.endsWith('.json'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((f) => {
      const parsed = parseRegionTable(JSON.parse(f.text) as unknown);
      if (!parsed.ok) {
        throw new Error(`Region table ${f.name} is invalid: ${JSON.stringify(parsed.issues)}`);
      }
      return parsed.table;
    });
}
