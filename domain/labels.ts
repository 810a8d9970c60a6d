// The label catalogue: zh-CN names of fields, reasons and choices the declarations use. Values in
// code and storage are English identifiers; people only ever see these labels. Import maps
// labels back with `valueForLabel`.
import type { DocumentType, Gender } from './ids';
import type { InsuranceKind } from './insurance/kinds';
import type { AdditionReason } from './declarations/addition';
import type { ReductionReason } from './declarations/reduction';
import type { EmploymentType, HouseholdType } from './declarations/fields';

export const declarationKindLabels = {
  addition: '增员',
  reduction: '减员',
  base: '缴费基数申报',
  monthly: '月度申报',
} as const satisfies Record<string, string>;

export const insuranceKindLabels: Record<InsuranceKind, string> = {
  pension: '养老',
  medical: '医疗',
  unemployment: '失业',
  injury: '工伤',
  maternity: '生育',
};

export const documentTypeLabels: Record<DocumentType, string> = {
  residentId: '居民身份证',
  hkMoTwResidencePermit: '港澳台居民居住证',
  foreignPermanentResidenceId: '外国人永久居留身份证',
  passport: '护照',
  hkMoTravelPermit: '港澳居民来往内地通行证',
  twTravelPermit: '台湾居民来往大陆通行证',
};

export const genderLabels: Record<Gender, string> = { male: '男', female: '女' };

export const householdTypeLabels: Record<HouseholdType, string> = {
  localUrban: '本地城镇',
  localRural: '本地农村',
  otherUrban: '外地城镇',
  otherRural: '外地农村',
  hkMoTw: '港澳台',
  foreign: '外籍',
};

export const employmentTypeLabels: Record<EmploymentType, string> = {
  contract: '劳动合同制',
  dispatch: '劳务派遣',
  partTime: '非全日制',
  other: '其他',
};

export const additionReasonLabels: Record<AdditionReason, string> = {
  newEnrolment: '新参保',
  transferIn: '转入',
  resumption: '恢复缴费',
  other: '其他',
};

export const reductionReasonLabels: Record<ReductionReason, string> = {
  resignation: '辞职',
  dismissal: '辞退',
  contractEnd: '合同到期终止',
  retirement: '退休',
  death: '死亡',
  transferOut: '转出',
  other: '其他',
};

/** Column headers of the grids and the names used in finding messages. */
export const fieldLabels = {
  reason: '原因',
  additionReason: '增员原因',
  reductionReason: '减员原因',
  name: '姓名',
  documentType: '证件类型',
  documentNumber: '证件号码',
  gender: '性别',
  birthDate: '出生日期',
  householdType: '户籍性质',
  employmentType: '用工形式',
  insuredFrom: '参保日期',
  wageFen: '缴费工资',
  kinds: '险种',
  mobile: '手机号码',
  stopKinds: '停保险种',
  lastPaidMonth: '缴费截止月份',
  lastYearAverageWageFen: '上年月均工资',
  declaredBaseFen: '申报基数',
  baseFen: '缴费基数',
  unitTotalFen: '单位缴费合计',
  personalTotalFen: '个人缴费合计',
  totalFen: '缴费合计',
} as const satisfies Record<string, string>;

/** The English value whose label is `label` (after trimming), or undefined. */
export function valueForLabel<V extends string>(
  labels: Record<V, string>,
  label: string,
): V | undefined {
  const wanted = label.trim();
  for (const key of Object.keys(labels) as V[]) {
    if (labels[key] === wanted) return key;
  }
  return undefined;
}
