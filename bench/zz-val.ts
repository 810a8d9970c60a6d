import type { AdditionRow } from '../domain/declarations/addition';
import { validateBatch } from '../domain/declarations/checks';
import { calculateMonthly } from '../domain/declarations/monthly';
import { indexRoster, type RosterPerson } from '../domain/declarations/roster';
import { allKinds } from '../domain/insurance/kinds';
import { additionRow, loadShippedTables, makeId, rosterPerson } from '../tests/unit/domain/support';
const ROWS=100_000;
const roster: RosterPerson[] = []; const rows: AdditionRow[] = []; const template = additionRow();
for (let i = 0; i < ROWS; i++) { const d = Math.floor(i / 1000); const birth = `${1975 + (d % 30)}-0${1 + Math.floor(d / 30)}-15`;
  roster.push(rosterPerson({ documentNumber: makeId('320102', birth, i % 1000), baseFen: 400_000 + (i % 2000) * 100, kinds: allKinds }));
  rows.push({ ...template, documentNumber: makeId('320583', birth, i % 1000), wageFen: 500_000 + i }); }
const data = JSON.parse(JSON.stringify({ roster, rows })) as { roster: RosterPerson[]; rows: AdditionRow[] };
const rule = loadShippedTables().find((t) => t.regionCode === '320000')!.rules[0]!;
const xs: Record<string, number[]> = {i:[],v:[],m:[],t:[]};
for (let k = 0; k < 16; k++) {
  const a = performance.now(); const index = indexRoster(data.roster); const b = performance.now();
  const f = validateBatch({ kind: 'addition', rows: data.rows }, { rule, roster: index, month: '2025-03', today: '2025-03-15' });
  const c = performance.now();
  const m = calculateMonthly(data.roster, { rule, unit: { injuryClass: 2 }, month: '2025-03' });
  const d = performance.now();
  if (k===0) console.log('findings', f.length, 'monthly findings', m.findings.length, 'rows', m.rows.length);
  xs.i!.push(b-a); xs.v!.push(c-b); xs.m!.push(d-c); xs.t!.push(d-a);
}
for (const [k,v] of Object.entries(xs)) { v.splice(0,2); v.sort((a,b)=>a-b); console.log(k, v[Math.floor(v.length/2)]!.toFixed(1), 'min', v[0]!.toFixed(1)); }
