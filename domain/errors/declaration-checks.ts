// Findings of the declaration checks: one per rule a row or batch can break.
import type { CatalogueEntries } from './entry';

export const declarationCheckErrors = {
  FIELD_REQUIRED: {
    message: '“{field}”未填写。',
    action: '请填写{field}。',
  },
  DATE_INVALID: {
    message: '“{field}”不是有效的日期：{value}。',
    action: '请按“年-月-日”填写，如2024-07-01。',
  },
  MONTH_INVALID: {
    message: '“{field}”不是有效的年月：{value}。',
    action: '请按“年-月”填写，如2024-07。',
  },
  NAME_SUSPICIOUS: {
    message: '姓名中含有数字或符号：{value}。',
    action: '请按证件上的姓名填写；少数民族姓名中的间隔号请用“·”。',
  },
  DUPLICATE_IN_BATCH: {
    message: '此人在本批中重复出现（与第{first}行的证件号码相同）。',
    action: '请删除重复的行，每人只保留一行。',
  },
  NOT_ON_ROSTER: {
    message: '此人不在本单位的参保人员名单中。',
    action: '请核对证件号码；如此人从未在本单位参保，无需办理。',
  },
  ALREADY_INSURED: {
    message: '此人已在本单位参保，不能重复增员。',
    action: '如需调整缴费工资，请办理缴费基数申报；如证件号码录错，请改正。',
  },
  ALREADY_STOPPED: {
    message: '此人已于{month}停保，不能重复减员。',
    action: '请删除此行。',
  },
  RESUME_NOT_ON_ROSTER: {
    message: '增员原因为“恢复缴费”，但此人没有在本单位停保的记录。',
    action: '如是首次在本单位参保，请把增员原因改为“新参保”或“转入”。',
  },
  SHOULD_RESUME: {
    message: '此人曾在本单位参保，已于{month}停保。',
    action: '再次参保请把增员原因改为“恢复缴费”。',
  },
  NAME_MISMATCH_ROSTER: {
    message: '姓名与参保人员名单不一致（名单中为“{rosterName}”）。',
    action: '请核对姓名和证件号码。',
  },
  ID_GENDER_MISMATCH: {
    message: '性别与证件号码不符（按证件号码应为{expected}）。',
    action: '请核对性别或证件号码。',
  },
  ID_BIRTH_MISMATCH: {
    message: '出生日期与证件号码不符（按证件号码应为{expected}）。',
    action: '请核对出生日期或证件号码。',
  },
  INSURED_FROM_TOO_LATE: {
    message: '参保日期{value}晚于可以申报的月份（最晚{latest}）。',
    action: '请到参保当月再办理增员，或核对参保日期。',
  },
  INSURED_FROM_BACKDATED: {
    message: '参保日期{value}比本次申报月份{month}早{months}个月以上。',
    action: '时间较久的补缴需另行办理补缴业务，请核对参保日期。',
  },
  AGE_UNDER_MINIMUM: {
    message: '到参保日期时此人未满{min}周岁。',
    action: '未满16周岁不能建立劳动关系参保，请核对出生日期和参保日期。',
  },
  AGE_OVER_RETIREMENT: {
    message: '到参保日期时此人已达到法定退休年龄（{age}）。',
    action: '已达退休年龄的人员一般不能再参加职工养老保险，请核对；返聘人员可只参加工伤保险。',
  },
  RETIREMENT_BEFORE_AGE: {
    message: '减员原因为“退休”，但到{month}此人尚未达到法定退休年龄（{age}）。',
    action: '如属特殊工种提前退休或病退，请确认后继续；否则请核对减员原因。',
  },
  LAST_PAID_BEFORE_INSURED: {
    message: '缴费截止月份{value}早于参保日期{insuredFrom}。',
    action: '请核对缴费截止月份。',
  },
  LAST_PAID_TOO_LATE: {
    message: '缴费截止月份{value}晚于可以申报的月份（最晚{latest}）。',
    action: '请在离职当月或次月办理减员，或核对缴费截止月份。',
  },
  LAST_PAID_BACKDATED: {
    message: '缴费截止月份{value}比本次申报月份{month}早{months}个月以上。',
    action: '时间较久的减员可能需要到经办机构窗口办理，请核对。',
  },
  WAGE_ZERO: {
    message: '“{field}”为0。',
    action: '请填写实际的月工资（元）。',
  },
  BASE_BELOW_LOWER: {
    message: '{field}{value}元低于缴费基数下限，将按下限{bound}元计算。',
    action: '如无误可确认后继续。',
  },
  BASE_ABOVE_UPPER: {
    message: '{field}{value}元高于缴费基数上限，将按上限{bound}元计算。',
    action: '如无误可确认后继续。',
  },
  KINDS_NONE: {
    message: '“{field}”没有选择任何险种。',
    action: '请至少勾选一个险种。',
  },
  KIND_NOT_INSURED: {
    message: '此人没有参加{kinds}，无需停保。',
    action: '请核对停保险种。',
  },
  MOBILE_FORMAT: {
    message: '手机号码格式不正确：{value}。',
    action: '请填写11位手机号码，如13912345678。',
  },
  RULE_NOT_FOUND: {
    message: '找不到参保地{region}在{month}的缴费规则。',
    action: '请在设置中选择参保地，或升级到最新版本以获得最新的费率表。',
  },
} as const satisfies CatalogueEntries;
