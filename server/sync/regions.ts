// The region rule tables (resources/regions/*.json) the service checks declarations with. Which
// table a unit uses is decided in the domain (regionCodeOf), the same way as on the client.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RegionTable } from '../../domain/insurance/region-table';
import { readRegionTables } from '../../domain/insurance/unit-region';

export const DEFAULT_REGIONS_DIR = fileURLToPath(
  new URL('../../resources/regions/', import.meta.url),
);

/** Throws on a table that does not parse: a service must not check declarations with a guess. */
export function loadRegionTables(dir: string = DEFAULT_REGIONS_DIR): RegionTable[] {
  return readRegionTables(
    readdirSync(dir).map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') })),
  );
}
