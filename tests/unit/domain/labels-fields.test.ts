import { describe, expect, it } from 'vitest';
import {
  additionReasonLabels,
  documentTypeLabels,
  fieldLabels,
  insuranceKindLabels,
  reductionReasonLabels,
  valueForLabel,
} from '../../../domain/labels';
import { isCalendarDate, isMonth, normalizeMobile } from '../../../domain/declarations/fields';
import { additionReasons } from '../../../domain/declarations/addition';
import { reductionReasons } from '../../../domain/declarations/reduction';
import { documentTypes } from '../../../domain/ids';
import { insuranceKinds } from '../../../domain/insurance/kinds';

describe('label catalogue', () => {
  it('has a distinct zh-CN label for every reason, document type and kind', () => {
    for (const [values, labels] of [
      [additionReasons, additionReasonLabels],
      [reductionReasons, reductionReasonLabels],
      [documentTypes, documentTypeLabels],
      [insuranceKinds, insuranceKindLabels],
    ] as const) {
      const texts = values.map((v) => (labels as Record<string, string>)[v]);
      expect(texts.every((t) => typeof t === 'string' && /[\u4e00-\u9fff]/.test(t))).toBe(true);
      expect(new Set(texts).size).toBe(values.length);
    }
  });

  it('maps the labels people type in spreadsheets back to values', () => {
    expect(valueForLabel(reductionReasonLabels, ' 合同到期终止 ')).toBe('contractEnd');
    expect(valueForLabel(additionReasonLabels, '恢复缴费')).toBe('resumption');
    expect(valueForLabel(documentTypeLabels, '台湾居民来往大陆通行证')).toBe('twTravelPermit');
    expect(valueForLabel(additionReasonLabels, '新增')).toBeUndefined();
    expect(fieldLabels.lastPaidMonth).toBe('缴费截止月份');
  });
});

describe('field formats', () => {
  it('knows real calendar dates and months', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-04-31')).toBe(false);
    expect(isCalendarDate('2024-4-30')).toBe(false);
    expect(isCalendarDate('2024/04/30')).toBe(false);
    expect(isMonth('2024-12')).toBe(true);
    expect(isMonth('2024-00')).toBe(false);
    expect(isMonth('2024-1a')).toBe(false);
  });

  it('normalizes mainland mobile numbers written with spaces, dashes, +86 or full-width digits', () => {
    expect(normalizeMobile('13912345678')).toBe('13912345678');
    expect(normalizeMobile('+86 139 1234 5678')).toBe('13912345678');
    expect(normalizeMobile('0086-139-1234-5678')).toBe('13912345678');
    expect(normalizeMobile('１３９１２３４５６７８')).toBe('13912345678');
    expect(normalizeMobile('025-84561234')).toBeNull();
    expect(normalizeMobile('23912345678')).toBeNull();
  });
});
