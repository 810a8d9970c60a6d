import { describe, expect, it } from 'vitest';
import { validateBatch, type BatchContext } from '../../../domain/declarations/checks';
import { indexRoster } from '../../../domain/declarations/roster';
import { hasErrors, type Finding } from '../../../domain/declarations/findings';
import { additionRowSchema, type AdditionRow } from '../../../domain/declarations/addition';
import type { ReductionRow } from '../../../domain/declarations/reduction';
import type { BaseRow } from '../../../domain/declarations/base-declaration';
import { declareBase } from '../../../domain/declarations/base-declaration';
import { allKinds, noKinds } from '../../../domain/insurance/kinds';
import { additionRow, loadShippedTables, makeId, rosterPerson } from './support';

const js = loadShippedTables().find((t) => t.regionCode === '320000')!.rules[0]!;
const zhang = makeId('320102', '1990-03-07', 11);
const wang = makeId('320104', '1985-11-02', 22);
const laoLi = makeId('320106', '1965-02-10', 31);
const roster = [
  rosterPerson({ documentNumber: zhang, name: '张三' }),
  rosterPerson({
    documentNumber: wang,
    name: '王芳',
    gender: 'female',
    birthDate: '1985-11-02',
    status: 'stopped',
    lastPaidMonth: '2024-10',
  }),
  rosterPerson({
    documentNumber: laoLi,
    name: '李建国',
    birthDate: '1965-02-10',
    insuredFrom: '2010-06-01',
    kinds: { ...allKinds, unemployment: false },
  }),
];
const ctx: BatchContext = {
  rule: js,
  roster: indexRoster(roster),
  month: '2025-03',
  today: '2025-03-15',
};

function additions(...rows: AdditionRow[]): Finding[] {
  return validateBatch({ kind: 'addition', rows }, ctx);
}
function codes(findings: Finding[]): string[] {
  return findings.map((f) => `${f.row}:${f.field}:${f.code}:${f.severity}`);
}
function reduction(over: Partial<ReductionRow>): ReductionRow {
  return {
    reason: 'resignation',
    name: '张三',
    documentType: 'residentId',
    documentNumber: zhang,
    stopKinds: { ...allKinds },
    lastPaidMonth: '2025-03',
    ...over,
  };
}
function reductions(...rows: ReductionRow[]): Finding[] {
  return validateBatch({ kind: 'reduction', rows }, ctx);
}

describe('增员 checks', () => {
  it('finds nothing wrong with a complete, correct row', () => {
    expect(additions(additionRow())).toEqual([]);
    expect(additionRowSchema.safeParse(additionRow()).success).toBe(true);
  });

  it('lists every empty required cell with its field and a zh-CN message (gender and birth date come from the ID)', () => {
    const f = additions(
      additionRow({
        reason: null,
        name: ' ',
        documentNumber: '',
        householdType: null,
        employmentType: null,
        insuredFrom: '',
        wageFen: null,
      }),
    );
    expect(codes(f)).toEqual([
      '0:reason:FIELD_REQUIRED:error',
      '0:name:FIELD_REQUIRED:error',
      '0:documentNumber:FIELD_REQUIRED:error',
      '0:householdType:FIELD_REQUIRED:error',
      '0:employmentType:FIELD_REQUIRED:error',
      '0:insuredFrom:FIELD_REQUIRED:error',
      '0:wageFen:FIELD_REQUIRED:error',
    ]);
    expect(f[0]!.message).toBe('“增员原因”未填写。');
    expect(f[6]!.message).toBe('“缴费工资”未填写。');
  });

  it('flags a person added twice in one batch on the second row, naming the first', () => {
    const f = additions(
      additionRow(),
      additionRow({ documentNumber: ' ' + additionRow().documentNumber.toLowerCase() }),
    );
    expect(codes(f)).toEqual(['1:documentNumber:DUPLICATE_IN_BATCH:error']);
    expect(f[0]!.message).toContain('第1行');
  });

  it('refuses to add someone already insured in the unit', () => {
    expect(codes(additions(additionRow({ documentNumber: zhang, name: '张三' })))).toEqual([
      '0:documentNumber:ALREADY_INSURED:error',
    ]);
  });

  it('suggests 恢复缴费 for someone who was insured before, and warns when 恢复缴费 has no history', () => {
    expect(codes(additions(additionRow({ documentNumber: wang, name: '王芳' })))).toEqual([
      '0:reason:SHOULD_RESUME:warning',
    ]);
    expect(
      additions(additionRow({ documentNumber: wang, name: '王芳', reason: 'resumption' })),
    ).toEqual([]);
    expect(codes(additions(additionRow({ reason: 'resumption' })))).toEqual([
      '0:reason:RESUME_NOT_ON_ROSTER:warning',
    ]);
  });

  it('reports an invalid ID with the ID checker’s code and text', () => {
    const f = additions(additionRow({ documentNumber: '110105194912310021' }));
    expect(codes(f)).toEqual(['0:documentNumber:ID_CHECK_DIGIT:error']);
    expect(f[0]!.message).toContain('校验不通过');
    const old = additions(
      additionRow({ documentNumber: '110105491231002', gender: 'female', birthDate: '1949-12-31' }),
    );
    expect(old[0]).toMatchObject({ code: 'ID_OLD_15', severity: 'error' });
    expect(old[0]!.action).toContain('11010519491231002X');
  });

  it('catches gender and birth date that contradict the ID', () => {
    const f = additions(additionRow({ gender: 'female', birthDate: '1995-06-19' }));
    expect(codes(f)).toEqual([
      '0:gender:ID_GENDER_MISMATCH:error',
      '0:birthDate:ID_BIRTH_MISMATCH:error',
    ]);
    expect(f[0]!.message).toContain('男');
    expect(f[1]!.message).toContain('1995-06-18');
    expect(additions(additionRow({ gender: 'male', birthDate: '1995-06-18' }))).toEqual([]);
  });

  it('needs gender and birth date for a passport holder and checks the date', () => {
    const passport = { documentType: 'passport' as const, documentNumber: 'E12345678' };
    expect(codes(additions(additionRow(passport)))).toEqual([
      '0:gender:FIELD_REQUIRED:error',
      '0:birthDate:FIELD_REQUIRED:error',
    ]);
    expect(
      codes(additions(additionRow({ ...passport, gender: 'female', birthDate: '1990-02-30' }))),
    ).toEqual(['0:birthDate:DATE_INVALID:error']);
    expect(
      additions(additionRow({ ...passport, gender: 'female', birthDate: '1990-02-28' })),
    ).toEqual([]);
  });

  it('refuses a 参保日期 after next month and warns about one more than three months back', () => {
    expect(codes(additions(additionRow({ insuredFrom: '2025-05-01' })))).toEqual([
      '0:insuredFrom:INSURED_FROM_TOO_LATE:error',
    ]);
    expect(additions(additionRow({ insuredFrom: '2025-04-01' }))).toEqual([]);
    expect(additions(additionRow({ insuredFrom: '2024-12-01' }))).toEqual([]);
    expect(codes(additions(additionRow({ insuredFrom: '2024-11-30' })))).toEqual([
      '0:insuredFrom:INSURED_FROM_BACKDATED:warning',
    ]);
    expect(codes(additions(additionRow({ insuredFrom: '2025-02-30' })))).toEqual([
      '0:insuredFrom:DATE_INVALID:error',
    ]);
  });

  it('refuses someone under 16 on the 参保日期 and warns past retirement age', () => {
    const young = makeId('320102', '2009-03-02', 11);
    expect(codes(additions(additionRow({ documentNumber: young })))).toEqual([
      '0:insuredFrom:AGE_UNDER_MINIMUM:error',
    ]);
    const sixteen = makeId('320102', '2009-03-01', 11);
    expect(additions(additionRow({ documentNumber: sixteen }))).toEqual([]);
    // A man born in January 1965 retires at 60 and one month: from 2025-02.
    const retired = makeId('320102', '1965-01-05', 11);
    const f = additions(additionRow({ documentNumber: retired }));
    expect(codes(f)).toEqual(['0:insuredFrom:AGE_OVER_RETIREMENT:warning']);
    expect(f[0]!.message).toContain('60周岁1个月');
  });

  it('warns about a wage outside the base bounds, saying which bound will be used', () => {
    const low = additions(additionRow({ wageFen: 300_000 }));
    expect(codes(low)).toEqual(['0:wageFen:BASE_BELOW_LOWER:warning']);
    expect(low[0]!.message).toBe('缴费工资3000.00元低于缴费基数下限，将按下限4500.00元计算。');
    expect(codes(additions(additionRow({ wageFen: 3_000_000 })))).toEqual([
      '0:wageFen:BASE_ABOVE_UPPER:warning',
    ]);
    expect(codes(additions(additionRow({ wageFen: 0 })))).toEqual(['0:wageFen:WAGE_ZERO:error']);
  });

  it('needs at least one 险种 and a well-formed mobile number', () => {
    expect(codes(additions(additionRow({ kinds: { ...noKinds } })))).toEqual([
      '0:kinds:KINDS_NONE:error',
    ]);
    expect(codes(additions(additionRow({ mobile: '1391234567' })))).toEqual([
      '0:mobile:MOBILE_FORMAT:error',
    ]);
    expect(codes(additions(additionRow({ mobile: '12912345678' })))).toEqual([
      '0:mobile:MOBILE_FORMAT:error',
    ]);
    expect(additions(additionRow({ mobile: '+86 139-1234-5678' }))).toEqual([]);
    expect(additions(additionRow({ mobile: '' }))).toEqual([]);
  });

  it('warns about digits in a name but accepts minority and foreign names', () => {
    expect(codes(additions(additionRow({ name: '李四2' })))).toEqual([
      '0:name:NAME_SUSPICIOUS:warning',
    ]);
    expect(additions(additionRow({ name: '阿卜杜拉·买买提' }))).toEqual([]);
    expect(additions(additionRow({ name: 'John Smith' }))).toEqual([]);
  });

  it('refuses a 港澳台居民居住证 number entered as 居民身份证', () => {
    const f = additions(
      additionRow({
        documentType: 'residentId',
        documentNumber: makeId('820000', '1990-01-01', 11),
      }),
    );
    expect(codes(f)).toEqual(['0:documentNumber:DOC_TYPE_MISMATCH:error']);
    expect(hasErrors(f)).toBe(true);
  });
});

describe('减员 checks', () => {
  it('accepts a resignation of someone insured', () => {
    expect(reductions(reduction({}))).toEqual([]);
  });

  it('refuses someone not on the roster and someone already stopped', () => {
    expect(
      codes(reductions(reduction({ documentNumber: makeId('320102', '1995-06-18', 21) }))),
    ).toEqual(['0:documentNumber:NOT_ON_ROSTER:error']);
    const stopped = reductions(reduction({ documentNumber: wang, name: '王芳' }));
    expect(codes(stopped)).toEqual(['0:documentNumber:ALREADY_STOPPED:error']);
    expect(stopped[0]!.message).toContain('2024-10');
  });

  it('refuses a 缴费截止月份 before the 参保日期 or after next month', () => {
    expect(
      codes(
        reductions(
          reduction({
            documentNumber: laoLi,
            name: '李建国',
            lastPaidMonth: '2010-05',
            reason: 'other',
          }),
        ),
      ),
    ).toContain('0:lastPaidMonth:LAST_PAID_BEFORE_INSURED:error');
    expect(codes(reductions(reduction({ lastPaidMonth: '2025-05' })))).toEqual([
      '0:lastPaidMonth:LAST_PAID_TOO_LATE:error',
    ]);
    expect(codes(reductions(reduction({ lastPaidMonth: '2025-13' })))).toEqual([
      '0:lastPaidMonth:MONTH_INVALID:error',
    ]);
    expect(codes(reductions(reduction({ lastPaidMonth: '' })))).toEqual([
      '0:lastPaidMonth:FIELD_REQUIRED:error',
    ]);
  });

  it('warns when 退休 is given before the statutory age, not when it is reached', () => {
    // Born 1965-02: retires at 60 years 1 month, i.e. from 2025-03; last paid month 2025-02.
    expect(
      reductions(
        reduction({
          documentNumber: laoLi,
          name: '李建国',
          reason: 'retirement',
          lastPaidMonth: '2025-02',
          stopKinds: { ...allKinds, unemployment: false },
        }),
      ),
    ).toEqual([]);
    const early = reductions(reduction({ reason: 'retirement' }));
    expect(codes(early)).toEqual(['0:reason:RETIREMENT_BEFORE_AGE:warning']);
    expect(early[0]!.message).toContain('63周岁');
  });

  it('warns when stopping a kind the person never had, and when the name differs from the roster', () => {
    const f = reductions(
      reduction({
        documentNumber: laoLi,
        name: '李建军',
        reason: 'other',
        lastPaidMonth: '2025-02',
      }),
    );
    expect(codes(f)).toEqual([
      '0:name:NAME_MISMATCH_ROSTER:warning',
      '0:stopKinds:KIND_NOT_INSURED:warning',
    ]);
    expect(f[1]!.message).toContain('失业');
  });

  it('needs a reason and at least one 停保险种', () => {
    const f = reductions(reduction({ reason: null, stopKinds: { ...noKinds } }));
    expect(codes(f)).toEqual(['0:reason:FIELD_REQUIRED:error', '0:stopKinds:KINDS_NONE:error']);
    expect(f[0]!.message).toBe('“减员原因”未填写。');
  });

  it('flags the same person reduced twice', () => {
    expect(codes(reductions(reduction({}), reduction({})))).toEqual([
      '1:documentNumber:DUPLICATE_IN_BATCH:error',
    ]);
  });
});

describe('缴费基数申报', () => {
  const row = (over: Partial<BaseRow>): BaseRow => ({
    name: '张三',
    documentType: 'residentId',
    documentNumber: zhang,
    lastYearAverageWageFen: 912_345,
    ...over,
  });

  it('turns last year’s average wage into the declared base, rounded to the yuan in 江苏', () => {
    expect(declareBase(js, 912_345)).toEqual({ declaredBaseFen: 912_300, note: null });
    expect(validateBatch({ kind: 'base', rows: [row({})] }, ctx)).toEqual([]);
  });

  it('clamps to the bounds with a note and a warning', () => {
    expect(declareBase(js, 250_000)).toEqual({
      declaredBaseFen: 450_000,
      note: 'BASE_BELOW_LOWER',
    });
    expect(declareBase(js, 9_000_000)).toEqual({
      declaredBaseFen: 2_250_000,
      note: 'BASE_ABOVE_UPPER',
    });
    const f = validateBatch(
      { kind: 'base', rows: [row({ lastYearAverageWageFen: 250_000 })] },
      ctx,
    );
    expect(codes(f)).toEqual(['0:lastYearAverageWageFen:BASE_BELOW_LOWER:warning']);
    expect(f[0]!.message).toContain('上年月均工资2500.00元');
  });

  it('refuses people not on the roster', () => {
    const f = validateBatch(
      { kind: 'base', rows: [row({ documentNumber: makeId('320102', '1995-06-18', 21) })] },
      ctx,
    );
    expect(codes(f)).toEqual(['0:documentNumber:NOT_ON_ROSTER:error']);
  });
});
