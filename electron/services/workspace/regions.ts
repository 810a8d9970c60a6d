// The unit's region rule for a month, from the tables in resources/regions (read once at start;
// the domain decides which table a unit uses and parses them).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleFor, type RegionRule, type RegionTable } from '../../../domain/insurance/region-table';
import {
  readRegionTables,
  regionCodeOf,
  type UnitRef,
} from '../../../domain/insurance/unit-region';
import { AppError } from '../../../domain/errors';
import type { RegionInfo } from '../../contract/views-workspace';

export type { UnitRef };

export function loadRegionTables(resourcesDir: string): RegionTable[] {
  const dir = join(resourcesDir, 'regions');
  return readRegionTables(
    readdirSync(dir).map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') })),
  );
}

export interface UnitRule {
  rule: RegionRule;
  info: RegionInfo;
}

export function unitRule(tables: readonly RegionTable[], unit: UnitRef, month: string): UnitRule {
  const code = regionCodeOf(unit);
  const found = ruleFor(tables, code, month);
  if (!found.ok) throw new AppError('RULE_NOT_FOUND', { region: code, month });
  const rule = found.rule;
  return {
    rule,
    info: {
      code: rule.regionCode,
      name: rule.regionName,
      validFrom: rule.validFrom,
      match: found.match,
      examples: rule.examples.map((e) => ({ path: e.path, note: e.note })),
      baseLowerFen: rule.baseLowerFen,
      baseUpperFen: rule.baseUpperFen,
    },
  };
}
