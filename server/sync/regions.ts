// The region rule tables (resources/regions/*.json) the service checks declarations with, and
// which region a unit belongs to.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRegionTable, type RegionTable } from '../../domain/insurance/region-table';

export const DEFAULT_REGIONS_DIR = fileURLToPath(
  new URL('../../resources/regions/', import.meta.url),
);

/** Throws on a table that does not parse: a service must not check declarations with a guess. */
export function loadRegionTables(dir: string = DEFAULT_REGIONS_DIR): RegionTable[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const parsed = parseRegionTable(JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown);
      if (!parsed.ok) {
        throw new Error(`Region table ${f} is invalid: ${JSON.stringify(parsed.issues)}`);
      }
      return parsed.table;
    });
}

/** A USCC's characters 3–8 are the registering authority's region code (GB 32100). */
export function regionCodeOfUscc(uscc: string): string {
  return uscc.slice(2, 8);
}
