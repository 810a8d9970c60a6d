// The unit's region rules: every table in resources/regions is read once and compiled by the
// domain. Which table a unit uses is data, not code: the region code in the unit's USCC
// (positions 3–8, e.g. 320102 → 南京 → 江苏's 320000 table by the domain's province fallback),
// else the first six digits of its unit number, else the national default.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkUscc } from '../../../domain/ids';
import {
  NATIONAL_REGION_CODE,
  parseRegionTable,
  ruleFor,
  type RegionRule,
  type RegionTable,
} from '../../../domain/insurance/region-table';
import { AppError } from '../../../domain/errors';
import type { RegionInfo } from '../../contract/views-workspace';

export interface UnitRef {
  unitNo: string;
  uscc: string | null;
}

export function loadRegionTables(resourcesDir: string): RegionTable[] {
  const dir = join(resourcesDir, 'regions');
  const tables: RegionTable[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.json')) continue;
    const parsed = parseRegionTable(JSON.parse(readFileSync(join(dir, name), 'utf8')));
    // A broken table is our packaging bug: fail loudly rather than compute with a wrong rate.
    if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.issues.slice(0, 3))}`);
    tables.push(parsed.table);
  }
  return tables;
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
