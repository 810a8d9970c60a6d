// Which region's table a unit pays by (the same on client and service), and reading the tables.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NATIONAL_REGION_CODE } from '../../../domain/insurance/region-table';
import { readRegionTables, regionCodeOf } from '../../../domain/insurance/unit-region';

const regionsDir = join(import.meta.dirname, '../../../resources/regions');
const shipped = readdirSync(regionsDir).map((name) => ({
  name,
  text: readFileSync(join(regionsDir, name), 'utf8'),
}));

describe('regionCodeOf', () => {
  it('takes the region digits of a valid USCC', () => {
    expect(regionCodeOf({ unitNo: 'X1', uscc: '91320102MA1XYF005A' })).toBe('320102');
  });

  it('still reads the region digits when the check character is wrong', () => {
    expect(regionCodeOf({ unitNo: 'X1', uscc: '91320102MA1XYF005B' })).toBe('320102');
  });

  it('falls back to the unit number, then to the national table', () => {
    expect(regionCodeOf({ unitNo: '44030500017', uscc: null })).toBe('440305');
    expect(regionCodeOf({ unitNo: 'DEMO-1', uscc: 'not a uscc' })).toBe(NATIONAL_REGION_CODE);
  });
});

describe('readRegionTables', () => {
  it('reads every shipped table in file-name order and skips other files', () => {
    const tables = readRegionTables([...shipped].reverse().concat({ name: 'README', text: '' }));
    expect(tables.map((t) => t.regionCode)).toEqual(
      readRegionTables(shipped).map((t) => t.regionCode),
    );
    expect(tables.length).toBe(shipped.filter((f) => f.name.endsWith('.json')).length);
  });

  it('refuses a broken table, naming its file', () => {
    const broken = { name: 'broken.json', text: JSON.stringify({ regionCode: '320000' }) };
    expect(() => readRegionTables([...shipped, broken])).toThrow(/broken\.json/);
  });
});
