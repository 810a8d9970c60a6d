// Every field of every declaration kind, over a table of texts people and Excel really write:
// typing into the grid, pasting into it and importing a real CSV file accept and refuse exactly
// the same values, and a refused text is never lost (it stays in the row, shown as an error).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blankRow } from '../../domain/declarations/blank-row';
import type { EditableKind as EditableDeclarationKind } from '../../domain/declaration-kind';
import { declarationFields, type DraftRow } from '../../domain/declarations/field-table';
import { headerSynonyms } from '../../domain/declarations/import-headers';
import { columnsByKind } from '../../renderer/src/workspace/columns';
import { pasteBlock } from '../../renderer/src/workspace/grid/operations';
import { parseTsv, toTsv } from '../../renderer/src/workspace/grid/tsv';
import { makeWorkspace, MONTH, UNIT, type TestWorkspace } from './workspace-support';

/** Texts per value type; each is tried in every field of that type. */
const samples: Record<string, readonly string[]> = {
  text: ['张三', '  李四  ', '阿卜杜拉·买买提', 'A'.repeat(201), ''],
  id: [
    '320102199001011234',
    '３２０１０２１９９００１０１１２３ｘ',
    '320102 19900101 123x',
    ' 32010219900101123X ',
    '3.20102E+17',
    'A'.repeat(41),
    '',
  ],
  date: [
    '2024-07-01',
    '2024/7/1',
    '2024.07.01',
    '20240701',
    '2024年7月1日',
    '2024-07-01 00:00:00',
    '2024/7/1 0:00',
    '2024-07-01T00:00:00.000Z',
    '２０２４－０７－０１',
    '45474',
    '2024-13-01',
    '2023-02-29',
    '明天',
    '',
  ],
  month: ['2024-07', '2024/7', '202407', '2024年7月', '2024-07-01', '2024-13', '七月', ''],
  money: [
    '7413.5',
    '7,413.50',
    '¥7,413.50',
    '７４１３',
    '7413.50元',
    '12,345,678.9',
    '7413.505',
    '-1',
    '八千',
    '',
  ],
  kinds: [
    '全部',
    '五险',
    '养老、医疗',
    '养老,医疗',
    '养老保险 医疗保险',
    '医保',
    '工伤险',
    '水险',
    '',
  ],
  mobile: ['13912345678', '+86 139 1234 5678', '电话', ''],
};

/** Choice fields: every label and synonym the table knows, plus words it must refuse. */
function choiceSamples(key: string, kind: EditableDeclarationKind): string[] {
  const spec = declarationFields[kind].find((f) => f.key === key)!;
  const list = spec.choices!;
  const known = [...Object.values(list.labels), ...Object.keys(list.labels)];
  const extra: Record<string, string[]> = {
    householdType: [
      '城镇',
      '农村',
      '城镇户口',
      '农村户口',
      '非农业户口',
      '农业户口',
      '本市城镇',
      '本市农业',
      '外埠城镇',
      '外埠农村',
      '外省农村户口',
      '本地非农业',
      '外地城镇户口',
      '港澳台',
      '外籍',
      '火星',
    ],
    employmentType: [
      '劳动合同',
      '合同制',
      '全日制',
      '劳务派遣',
      '派遣',
      '非全日制',
      '小时工',
      '包工',
    ],
    reason: [
      '新参保',
      '转入',
      '恢复缴费',
      '辞职',
      '离职',
      '合同到期',
      '退休',
      '死亡',
      '调出',
      '不知道',
    ],
    gender: ['男', '女', '男性', 'F', '未知'],
    documentType: ['身份证', '居民身份证', '护照', '台胞证', '驾驶证'],
  };
  return [...known, ...(extra[key] ?? []), ' ', ''];
}

function csvLine(cells: readonly string[]): string {
  return cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',');
}

/** The header word the import maps to a field, as the official templates spell it. */
function headerFor(key: string): string {
  const concept =
    key === 'wageFen'
      ? 'wage'
      : key === 'lastYearAverageWageFen'
        ? 'lastYearAverageWage'
        : key === 'stopKinds'
          ? 'kinds'
          : key;
  return (headerSynonyms as Record<string, readonly string[]>)[concept]![0]!;
}

/** What a path produced for the field: its value and the text kept when it could not be read. */
function outcome(row: DraftRow, key: string): { value: unknown; kept: string | undefined } {
  return { value: (row as Record<string, unknown>)[key], kept: row.raw?.[key] };
}

let t: TestWorkspace;
beforeEach(() => {
  t = makeWorkspace();
});
afterEach(() => t.close());

describe.each(['addition', 'reduction', 'base'] as const)(
  '%s: one reading of every value',
  (kind) => {
    it('typing, paste and import agree on every field', async () => {
      const specs = declarationFields[kind];
      const columns = columnsByKind[kind];
      const id = t.ws.create({ unitNo: UNIT.unitNo, kind, month: MONTH }).id;
      const region = t.ws.rule(UNIT.unitNo, MONTH).info;
      const ctx = { regionCode: region.match === 'national' ? null : region.code };

      const cases: Array<{ key: string; text: string }> = [];
      for (const spec of specs) {
        const texts = spec.type === 'choice' ? choiceSamples(spec.key, kind) : samples[spec.type]!;
        for (const text of texts) cases.push({ key: spec.key, text });
      }

      // Import: one CSV, one data row per case, every column present, only the case's cell filled.
      // Rows whose only cell is blank are skipped by import as empty lines: those are checked apart.
      const headers = specs.map((s) => headerFor(s.key));
      const filled = cases.filter((c) => c.text.trim() !== '');
      const csv = [
        csvLine(headers),
        ...filled.map((c) => csvLine(specs.map((s) => (s.key === c.key ? c.text : '')))),
      ];
      const preview = await t.imports.preview(
        id,
        { fileName: '字段.csv', bytes: new TextEncoder().encode(csv.join('\r\n')) },
        { rowLimit: 100_000 },
      );
      expect(preview.totalRows).toBe(filled.length);

      filled.forEach((c, i) => {
        const col = columns.find((x) => x.key === c.key)!;
        const blank = blankRow(kind) as DraftRow;
        const typed = col.write(blank, c.text, ctx).data;
        const block = parseTsv(toTsv([[c.text]]));
        const pasted = pasteBlock(
          [{ rowNo: 0, data: blank }],
          columns,
          { top: 0, bottom: 0, left: columns.indexOf(col), right: columns.indexOf(col) },
          block,
          null,
          ctx,
        ).batch.changes[0]!.data as DraftRow;
        const imported = preview.rows[i]!.data as DraftRow;
        const label = `${kind}.${c.key} ← ${JSON.stringify(c.text)}`;
        expect(outcome(pasted, c.key), label).toEqual(outcome(typed, c.key));
        expect(outcome(imported, c.key), label).toEqual(outcome(typed, c.key));
        // A refused text is kept exactly (trimmed) and the field holds its empty value.
        const o = outcome(typed, c.key);
        if (o.kept !== undefined) expect(o.kept, label).toBe(c.text.trim());
      });

      // Blank cells read as the field's empty value on every path, never as an error.
      for (const c of cases.filter((x) => x.text.trim() === '')) {
        const col = columns.find((x) => x.key === c.key)!;
        const w = col.write(blankRow(kind) as DraftRow, c.text, ctx);
        expect(w.ok, `${kind}.${c.key} blank`).toBe(true);
      }
    });
  },
);

describe('canonical values', () => {
  it('IDs are stored as ASCII with an upper-case X; money and dates in one form', () => {
    const cols = columnsByKind.addition;
    const ctx = { regionCode: '320100' };
    const write = (key: string, text: string) =>
      outcome(
        cols.find((c) => c.key === key)!.write(blankRow('addition') as DraftRow, text, ctx).data,
        key,
      );
    expect(write('documentNumber', '３２０１０２１９９００１０１１２３ｘ').value).toBe(
      '32010219900101123X',
    );
    expect(write('documentNumber', ' 3201 0219 9001 0112 3x ').value).toBe('32010219900101123X');
    expect(write('wageFen', '¥12,345.60').value).toBe(1_234_560);
    expect(write('insuredFrom', '2024/7/1 0:00:00').value).toBe('2024-07-01');
    expect(write('insuredFrom', '45474').value).toBe('2024-07-01');
  });

  it('城镇 without 本地 or 外地 is decided from the ID and the unit region, as a note', () => {
    const cols = columnsByKind.addition;
    const household = cols.find((c) => c.key === 'householdType')!;
    const ctx = { regionCode: '320100' };
    const local = { ...(blankRow('addition') as DraftRow), documentNumber: '320102199001011234' };
    const other = { ...(blankRow('addition') as DraftRow), documentNumber: '110101199001011234' };
    const a = household.write(local, '城镇', ctx);
    const b = household.write(other, '农村户口', ctx);
    expect([a.ok, outcome(a.data, 'householdType').value, a.note?.code]).toEqual([
      true,
      'localUrban',
      'HOUSEHOLD_FROM_ID',
    ]);
    expect([b.ok, outcome(b.data, 'householdType').value, b.note?.code]).toEqual([
      true,
      'otherRural',
      'HOUSEHOLD_FROM_ID',
    ]);
    const c = household.write(local, '外埠城镇', ctx);
    expect([outcome(c.data, 'householdType').value, c.note]).toEqual(['otherUrban', undefined]);
  });
});
