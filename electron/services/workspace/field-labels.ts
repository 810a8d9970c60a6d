// The zh-CN name of a flat field, for messages: the label catalogue's, or the kind's for a flag.
import { fieldLabels, insuranceKindLabels } from '../../../domain/labels';
import type { InsuranceKind } from '../../../domain/insurance/kinds';

// 月度申报's per-kind parts: “养老单位缴费”, “养老个人缴费” … (no brackets: headers drop them).
const partLabel = /^(pension|medical|unemployment|injury|maternity)(Unit|Personal)Fen$/;

export function labelOfField(name: string): string {
  const part = partLabel.exec(name);
  if (part) {
    return `${insuranceKindLabels[part[1] as InsuranceKind]}${part[2] === 'Unit' ? '单位' : '个人'}缴费`;
  }
  const dot = name.indexOf('.');
  if (dot >= 0) {
    const group = (fieldLabels as Record<string, string>)[name.slice(0, dot)] ?? name;
    const kind = insuranceKindLabels[name.slice(dot + 1) as InsuranceKind] ?? name;
    return `${group}-${kind}`;
  }
  return (fieldLabels as Record<string, string>)[name] ?? name;
}
