// What people and the provinces' official templates write for each choice, besides our labels.
// Gathered from the 增员/减员 templates of 北京 (本市城镇/本市农村/外埠城镇/外埠农村), 上海, 广东, 江苏
// and the 人社 online service halls, plus the short forms clerks type. Household words that name
// no place (城镇, 农村户口, 非农业户口 …) are resolved against the unit's region in field-table.ts.
import type { DocumentType, Gender } from '../ids';
import type { AdditionReason } from './addition';
import type { ReductionReason } from './reduction';
import type { EmploymentType, HouseholdType } from './fields';
import { foldWord } from './values';

export const documentTypeSynonyms: Readonly<Record<string, DocumentType>> = {
  身份证: 'residentId',
  身份证号: 'residentId',
  居民身份证: 'residentId',
  二代身份证: 'residentId',
  第二代居民身份证: 'residentId',
  中华人民共和国居民身份证: 'residentId',
  '居民身份证（户口簿）': 'residentId',
  户口簿: 'residentId',
  港澳台居住证: 'hkMoTwResidencePermit',
  港澳台居民居住证: 'hkMoTwResidencePermit',
  永居证: 'foreignPermanentResidenceId',
  外国人永久居留证: 'foreignPermanentResidenceId',
  外国人永久居留身份证: 'foreignPermanentResidenceId',
  外国护照: 'passport',
  回乡证: 'hkMoTravelPermit',
  港澳通行证: 'hkMoTravelPermit',
  港澳居民来往内地通行证: 'hkMoTravelPermit',
  台胞证: 'twTravelPermit',
  台湾居民来往大陆通行证: 'twTravelPermit',
};

export const genderSynonyms: Readonly<Record<string, Gender>> = {
  男性: 'male',
  女性: 'female',
  M: 'male',
  F: 'female',
  MALE: 'male',
  FEMALE: 'female',
};

export const employmentTypeSynonyms: Readonly<Record<string, EmploymentType>> = {
  劳动合同: 'contract',
  劳动合同制: 'contract',
  合同制: 'contract',
  合同工: 'contract',
  全日制: 'contract',
  全日制用工: 'contract',
  正式工: 'contract',
  固定期限劳动合同: 'contract',
  无固定期限劳动合同: 'contract',
  劳务派遣: 'dispatch',
  派遣: 'dispatch',
  派遣制: 'dispatch',
  劳务派遣工: 'dispatch',
  非全日制: 'partTime',
  非全日制用工: 'partTime',
  小时工: 'partTime',
  钟点工: 'partTime',
  兼职: 'partTime',
  其它: 'other',
};

export const additionReasonSynonyms: Readonly<Record<string, AdditionReason>> = {
  新参保: 'newEnrolment',
  新参加工作: 'newEnrolment',
  首次参保: 'newEnrolment',
  新增: 'newEnrolment',
  新进: 'newEnrolment',
  新招: 'newEnrolment',
  新招录: 'newEnrolment',
  新入职: 'newEnrolment',
  入职: 'newEnrolment',
  新增参保: 'newEnrolment',
  转入: 'transferIn',
  调入: 'transferIn',
  转移转入: 'transferIn',
  跨统筹区转入: 'transferIn',
  统筹区内转入: 'transferIn',
  外区转入: 'transferIn',
  恢复缴费: 'resumption',
  恢复参保: 'resumption',
  续保: 'resumption',
  续缴: 'resumption',
  重新参保: 'resumption',
  复职: 'resumption',
  其它: 'other',
};

export const reductionReasonSynonyms: Readonly<Record<string, ReductionReason>> = {
  辞职: 'resignation',
  离职: 'resignation',
  主动离职: 'resignation',
  自动离职: 'resignation',
  个人辞职: 'resignation',
  本人辞职: 'resignation',
  辞退: 'dismissal',
  开除: 'dismissal',
  除名: 'dismissal',
  解除劳动合同: 'dismissal',
  解除劳动关系: 'dismissal',
  单位解除劳动合同: 'dismissal',
  合同到期: 'contractEnd',
  合同到期终止: 'contractEnd',
  劳动合同到期: 'contractEnd',
  终止劳动合同: 'contractEnd',
  终止劳动关系: 'contractEnd',
  合同终止: 'contractEnd',
  退休: 'retirement',
  正常退休: 'retirement',
  离退休: 'retirement',
  离休: 'retirement',
  办理退休: 'retirement',
  死亡: 'death',
  在职死亡: 'death',
  病故: 'death',
  转出: 'transferOut',
  调出: 'transferOut',
  调离: 'transferOut',
  转移转出: 'transferOut',
  跨统筹区转出: 'transferOut',
  统筹区内转出: 'transferOut',
  其它: 'other',
  出国定居: 'other',
};

/** Household words that already say local or not (本市农业, 外埠城镇, 外省农村户口 …). */
export const householdSynonyms: Readonly<Record<string, HouseholdType>> = {
  港澳台: 'hkMoTw',
  港澳台居民: 'hkMoTw',
  港澳台人员: 'hkMoTw',
  外籍: 'foreign',
  外籍人员: 'foreign',
  外国人: 'foreign',
  外国籍: 'foreign',
};

const localWords = ['本市', '本地', '本区', '本县', '本省', '本埠', '本统筹区'];
const otherWords = ['外埠', '外省', '外地', '外市', '外来', '异地', '外区', '外县', '省外', '市外'];
const urbanWords = ['非农业', '非农', '城镇', '城市', '居民'];
const ruralWords = ['农业', '农村', '农民'];

export type HouseholdWord =
  { place: 'local' | 'other' | null; area: 'urban' | 'rural' } | { fixed: HouseholdType };

/** 本市农业户口 → local rural; 城镇 → urban, place unknown; 港澳台 → fixed. Null: not a household word. */
export function readHouseholdWord(text: string): HouseholdWord | null {
  let s = foldWord(text);
  const fixed = householdSynonyms[s];
  if (fixed) return { fixed };
  s = s.replace(/(户口|户籍|人口|户)$/, '');
  let place: 'local' | 'other' | null = null;
  const local = localWords.find((w) => s.startsWith(w));
  const other = otherWords.find((w) => s.startsWith(w));
  if (local) {
    place = 'local';
    s = s.slice(local.length);
  } else if (other) {
    place = 'other';
    s = s.slice(other.length);
  }
  s = s.replace(/(户口|户籍|人口|户)$/, '');
  if (s === '' && place !== null) return null;
  if (urbanWords.includes(s)) return { place, area: 'urban' };
  if (ruralWords.includes(s)) return { place, area: 'rural' };
  return null;
}

export function householdOf(place: 'local' | 'other', area: 'urban' | 'rural'): HouseholdType {
  if (place === 'local') return area === 'urban' ? 'localUrban' : 'localRural';
  return area === 'urban' ? 'otherUrban' : 'otherRural';
}
