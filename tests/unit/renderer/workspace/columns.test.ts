// The grid's columns: what a person types or pastes into a cell becomes the stored value, the
// stored value shows as they would write it, and a text that cannot be read stays in the cell as
// written. Typing, paste, fill-down and copy all go through a column's `write` and `format`.
import { describe, expect, it } from 'vitest';
import type { AdditionRow } from '../../../../domain/declarations/addition';
import type { FieldContext } from '../../../../domain/declarations/field-table';
import type { ReductionRow } from '../../../../domain/declarations/reduction';
import {
  columnsByKind,
  emptyRow,
  formatYuan,
  rosterColumns,
  type ColumnSpec,
} from '../../../../renderer/src/workspace/columns';
import type { EditableKind } from '../../../../renderer/src/workspace/model';

const ctx: FieldContext = { regionCode: '110101' };

function column(kind: EditableKind, key: string): ColumnSpec {
  const found = columnsByKind[kind].find((c) => c.key === key);
  if (!found) throw new Error(`no column ${key} in ${kind}`);
  return found;
}

/** Types `text` into a new 增员 row's column and returns what the row holds. */
function typeAddition(key: string, text: string, over: Partial<AdditionRow> = {}) {
  const w = column('addition', key).write(
    { ...(emptyRow('addition') as AdditionRow), ...over },
    text,
    ctx,
  );
  return { ...w, row: w.data as AdditionRow };
}

function typeReduction(key: string, text: string) {
  const w = column('reduction', key).write(emptyRow('reduction'), text, ctx);
  return { ...w, row: w.data as ReductionRow };
}

describe('the columns of each grid', () => {
  it('follow the field table: 增员 starts with 姓名 (frozen) and money is labelled in 元', () => {
    const addition = columnsByKind.addition;
    expect(addition[0]).toMatchObject({ key: 'name', label: '姓名', frozen: true });
    expect(addition.every((c) => c.editable)).toBe(true);
    expect(column('addition', 'wageFen').label).toMatch(/（元）$/);
    expect(column('addition', 'wageFen').type).toBe('money');
    expect(column('addition', 'insuredFrom').type).toBe('date');
    expect(column('reduction', 'lastPaidMonth').type).toBe('month');
    expect(column('addition', 'kinds').type).toBe('kinds');
    expect(column('addition', 'gender').choices).toEqual([
      { value: 'male', label: '男' },
      { value: 'female', label: '女' },
    ]);
  });

  it('shows 月度申报 and the roster read-only: writing leaves the row as it was', () => {
    const monthly = columnsByKind.monthly;
    expect(monthly.some((c) => c.editable)).toBe(false);
    expect(rosterColumns.some((c) => c.editable)).toBe(false);
    const row = emptyRow('addition');
    const w = monthly[0]!.write(row, '张伟', ctx);
    expect(w).toEqual({ data: row, ok: false });
  });

  it('starts a new line with every cell empty', () => {
    const row = emptyRow('addition') as AdditionRow;
    for (const c of columnsByKind.addition) expect(c.format(row), c.key).toBe('');
    expect(row.raw).toBeUndefined();
  });
});

describe('dates and months', () => {
  it('reads the ways people and Excel write a date', () => {
    for (const t of [
      '2024-07-01',
      '2024/7/1',
      '2024.07.01',
      '20240701',
      '2024年7月1日',
      ' 2024-7-1 ',
      '２０２４－０７－０１',
      '2024-07-01 0:00',
      '2024-07-01T00:00:00.000Z',
      '45474',
    ]) {
      const { ok, row } = typeAddition('insuredFrom', t);
      expect(ok, t).toBe(true);
      expect(row.insuredFrom, t).toBe('2024-07-01');
      expect(column('addition', 'insuredFrom').format(row), t).toBe('2024-07-01');
    }
  });

  it('keeps a date it cannot read in the cell as written, and an empty text empties it', () => {
    for (const t of ['七月一日', '2024-02-30', '下个月']) {
      const { ok, row } = typeAddition('insuredFrom', ` ${t} `);
      expect(ok, t).toBe(false);
      expect(row.insuredFrom, t).toBe('');
      expect(row.raw, t).toEqual({ insuredFrom: t });
      expect(column('addition', 'insuredFrom').format(row), t).toBe(t);
      expect(column('addition', 'insuredFrom').kept(row), t).toBe(t);
    }
    const cleared = typeAddition('insuredFrom', '', { insuredFrom: '2024-07-01' });
    expect(cleared.ok).toBe(true);
    expect(cleared.row.insuredFrom).toBe('');
  });

  it('reads the ways people write a month, a full date included', () => {
    for (const t of ['2024-07', '2024/7', '202407', '2024年7月', '2024.7', '2024-07-15']) {
      const { ok, row } = typeReduction('lastPaidMonth', t);
      expect(ok, t).toBe(true);
      expect(row.lastPaidMonth, t).toBe('2024-07');
    }
    for (const t of ['2024-07-01x', '2024-13', '七月']) {
      const { ok, row } = typeReduction('lastPaidMonth', t);
      expect(ok, t).toBe(false);
      expect(row.lastPaidMonth, t).toBe('');
      expect(column('reduction', 'lastPaidMonth').format(row), t).toBe(t);
    }
  });
});

describe('insurance kinds', () => {
  it('reads lists with any separator and the short and long names', () => {
    expect(typeAddition('kinds', '养老、医疗').row.kinds).toEqual({
      pension: true,
      medical: true,
      unemployment: false,
      injury: false,
      maternity: false,
    });
    expect(typeAddition('kinds', '养老保险,失业保险').row.kinds).toMatchObject({
      pension: true,
      unemployment: true,
      medical: false,
    });
    expect(typeAddition('kinds', '医保 工伤险').row.kinds).toMatchObject({
      medical: true,
      injury: true,
      pension: false,
    });
  });

  it('shows the kinds as people write them, 全部 for all five, and reads that back', () => {
    const kinds = column('addition', 'kinds');
    const some = typeAddition('kinds', '医疗/养老').row;
    expect(kinds.format(some)).toBe('养老、医疗');
    expect(typeAddition('kinds', kinds.format(some)).row.kinds).toEqual(some.kinds);

    const all = typeAddition('kinds', '五险').row;
    expect(Object.values(all.kinds).every(Boolean)).toBe(true);
    expect(kinds.format(all)).toBe('全部');
    expect(typeAddition('kinds', kinds.format(all)).row.kinds).toEqual(all.kinds);

    expect(kinds.format(typeAddition('kinds', '').row)).toBe('');
  });

  it('keeps a word that is not a kind as written', () => {
    const { ok, row } = typeAddition('kinds', '住房公积金');
    expect(ok).toBe(false);
    expect(Object.values(row.kinds).some(Boolean)).toBe(false);
    expect(column('addition', 'kinds').format(row)).toBe('住房公积金');
  });

  it('reads 减员 停保险种 the same way', () => {
    const { ok, row } = typeReduction('stopKinds', '全部');
    expect(ok).toBe(true);
    expect(Object.values(row.stopKinds).every(Boolean)).toBe(true);
  });
});

describe('money', () => {
  it('stores 元 as fen and shows fen as 元 with thousands separators', () => {
    const wage = column('addition', 'wageFen');
    for (const t of ['6,000.50', '6000.5', '¥6000.50', '6000.50元', '６０００.５']) {
      const { ok, row } = typeAddition('wageFen', t);
      expect(ok, t).toBe(true);
      expect(row.wageFen, t).toBe(600_050);
    }
    const row = typeAddition('wageFen', '6000.5').row;
    expect(wage.format(row)).toBe('6,000.50');
    expect(typeAddition('wageFen', wage.format(row)).row.wageFen).toBe(600_050);
    expect(wage.sortValue(row)).toBe(600_050);
  });

  it('empties the cell for a blank text and keeps a text that is not an amount', () => {
    const wage = column('addition', 'wageFen');
    expect(typeAddition('wageFen', ' ', { wageFen: 800_000 }).row.wageFen).toBeNull();
    for (const t of ['六千', '6000.505', '-100']) {
      const { ok, row } = typeAddition('wageFen', t);
      expect(ok, t).toBe(false);
      expect(row.wageFen, t).toBeNull();
      expect(wage.format(row), t).toBe(t);
      expect(wage.sortValue(row), t).toBe(t);
    }
  });

  it('writes a correction over kept text and drops the kept text', () => {
    const bad = typeAddition('wageFen', '六千').row;
    const good = column('addition', 'wageFen').write(bad, '6000', ctx).data as AdditionRow;
    expect(good.wageFen).toBe(600_000);
    expect(good.raw).toBeUndefined();
  });

  it('formats 元 amounts of any size', () => {
    expect(formatYuan(0)).toBe('0.00');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(99_999)).toBe('999.99');
    expect(formatYuan(123_456_789)).toBe('1,234,567.89');
  });
});

describe('choices', () => {
  it('reads labels, values and the synonyms people use, and shows the label', () => {
    expect(typeAddition('gender', '男性').row.gender).toBe('male');
    expect(typeAddition('gender', 'F').row.gender).toBe('female');
    expect(typeAddition('documentType', '身份证').row.documentType).toBe('residentId');
    expect(typeAddition('reason', '新入职').row.reason).toBe('newEnrolment');
    const employment = typeAddition('employmentType', '劳动合同');
    expect(employment.row.employmentType).toBe('contract');
    expect(column('addition', 'employmentType').format(employment.row)).toBe('劳动合同制');
  });

  it('keeps a word that is none of the choices as written', () => {
    const { ok, row } = typeAddition('gender', '未知');
    expect(ok).toBe(false);
    expect(row.gender).toBeNull();
    expect(column('addition', 'gender').format(row)).toBe('未知');
  });

  it('reads 城镇 from the ID against the unit’s region, and says so', () => {
    const id = '110101199003071234';
    const local = typeAddition('householdType', '城镇', { documentNumber: id });
    expect(local.ok).toBe(true);
    expect(local.row.householdType).toBe('localUrban');
    expect(local.note?.code).toBe('HOUSEHOLD_FROM_ID');

    const other = column('addition', 'householdType').write(
      { ...emptyRow('addition'), documentNumber: id },
      '农村户口',
      { regionCode: '310000' },
    );
    expect((other.data as AdditionRow).householdType).toBe('otherRural');
    expect(other.note?.code).toBe('HOUSEHOLD_FROM_ID');

    const unknown = column('addition', 'householdType').write(emptyRow('addition'), '城镇', {
      regionCode: null,
    });
    expect((unknown.data as AdditionRow).householdType).toBe('localUrban');
    expect(unknown.note?.code).toBe('HOUSEHOLD_ASSUMED_LOCAL');

    const said = typeAddition('householdType', '外埠城镇', { documentNumber: id });
    expect(said.row.householdType).toBe('otherUrban');
    expect(said.note).toBeUndefined();
  });
});

describe('text and ID cells', () => {
  it('trims a name and folds an ID as Excel leaves it', () => {
    expect(typeAddition('name', '  张伟 ').row.name).toBe('张伟');
    expect(typeAddition('documentNumber', "'11010119900307123x").row.documentNumber).toBe(
      '11010119900307123X',
    );
    const sci = typeAddition('documentNumber', '1.10101E+17');
    expect(sci.ok).toBe(false);
    expect(column('addition', 'documentNumber').format(sci.row)).toBe('1.10101E+17');
  });
});
