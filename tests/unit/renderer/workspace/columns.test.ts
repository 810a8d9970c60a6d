// The column codecs: what a person types or pastes into a cell becomes the stored value, and the
// stored value shows as they would write it. Typing, paste, fill-down and copy all use these.
import { describe, expect, it } from 'vitest';
import {
  columnsByKind,
  formatKinds,
  normalizeDate,
  normalizeMonth,
  parseKinds,
} from '../../../../renderer/src/workspace/columns';

describe('dates and months', () => {
  it('reads the ways people write a date', () => {
    for (const t of [
      '2024-07-01',
      '2024/7/1',
      '2024.07.01',
      '20240701',
      '2024年7月1日',
      ' 2024-7-1 ',
    ]) {
      expect(normalizeDate(t), t).toBe('2024-07-01');
    }
    expect(normalizeDate('')).toBe('');
    expect(normalizeDate('七月一日')).toBeUndefined();
  });

  it('reads the ways people write a month', () => {
    for (const t of ['2024-07', '2024/7', '202407', '2024年7月']) {
      expect(normalizeMonth(t), t).toBe('2024-07');
    }
    expect(normalizeMonth('2024-07-01x')).toBeUndefined();
  });
});

describe('insurance kinds', () => {
  it('reads lists with any separator and the short and long names', () => {
    expect(parseKinds('养老、医疗')).toMatchObject({ pension: true, medical: true, injury: false });
    expect(parseKinds('养老保险,失业保险')).toMatchObject({ pension: true, unemployment: true });
    expect(parseKinds('五险')).toEqual(parseKinds(formatKinds(parseKinds('五险'))));
    expect(parseKinds('住房公积金')).toBeUndefined();
  });
});

describe('money', () => {
  it('stores yuan as fen and shows fen as yuan', () => {
    const wage = columnsByKind.addition.find((c) => c.key === 'wageFen')!;
    const fen = wage.parse('6,000.50');
    expect(fen).toBe(600_050);
    expect(wage.format({ wageFen: fen })).toContain('6000.5');
    expect(wage.parse('六千')).toBeUndefined();
  });
});
