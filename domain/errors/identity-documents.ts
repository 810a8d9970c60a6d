// Identity document numbers and the 统一社会信用代码, as domain/ids.ts checks them.
import type { CatalogueEntries } from './entry';

export const identityDocumentErrors = {
  ID_EMPTY: {
    message: '证件号码为空。',
    action: '请按证件原件填写证件号码。',
  },
  ID_LENGTH: {
    message: '居民身份证号码应为18位，当前为{length}位。',
    action: '请对照身份证原件核对，注意不要多录或漏录数字。',
  },
  ID_CHARSET: {
    message: '证件号码含有不允许的字符，只能是数字，最后一位可以是X。',
    action: '请删除空格、横线等符号；最后一位的X请用字母X，不要用乘号或其他字符。',
  },
  ID_REGION: {
    message: '证件号码开头的地区代码“{code}”不存在。',
    action: '请对照证件原件核对前6位；如是港澳台居民居住证，证件类型请选“港澳台居民居住证”。',
  },
  ID_BIRTH_DATE: {
    message: '证件号码中的出生日期“{date}”不是有效日期。',
    action: '请对照证件原件核对第7至14位（出生年月日）。',
  },
  ID_BIRTH_FUTURE: {
    message: '证件号码中的出生日期“{date}”晚于今天。',
    action: '请对照证件原件核对第7至14位（出生年月日）。',
  },
  ID_BIRTH_TOO_EARLY: {
    message: '证件号码中的出生日期“{date}”早于1900年。',
    action: '请对照证件原件核对第7至14位（出生年月日）。',
  },
  ID_CHECK_DIGIT: {
    message: '证件号码校验不通过，可能有数字录入错误。',
    action: '请对照证件原件逐位核对；常见原因是相邻两位录反或最后一位X录成了其他字符。',
  },
  ID_OLD_15: {
    message: '这是15位的旧身份证号码，社保系统只接受18位号码。',
    action: '请改为18位号码{upgraded}，并与本人现行身份证核对一致。',
  },
  ID_RESIDENCE_PERMIT_PREFIX: {
    message: '港澳台居民居住证号码应以810000（香港）、820000（澳门）或830000（台湾）开头。',
    action: '请对照居住证原件核对；如是内地居民，证件类型请选“居民身份证”。',
  },
  DOC_TYPE_MISMATCH: {
    message: '证件号码是{actual}的号码，与所选证件类型“{type}”不符。',
    action: '请把证件类型改为“{actual}”，或核对证件号码。',
  },
  DOC_TYPE_UNKNOWN: {
    message: '证件类型“{type}”无法识别。',
    action:
      '请从居民身份证、港澳台居民居住证、外国人永久居留身份证、护照、港澳居民来往内地通行证、台湾居民来往大陆通行证中选择。',
  },
  FPR_ID_FORMAT: {
    message: '外国人永久居留身份证号码格式不正确。',
    action:
      '新版证件号码为18位、以9开头；旧版为15位，前3位是字母、后12位是数字。请对照证件原件填写。',
  },
  PASSPORT_FORMAT: {
    message: '护照号码格式不正确。',
    action: '护照号码为5至17位字母或数字，请按护照资料页填写，不要带空格或符号。',
  },
  HKMO_PERMIT_FORMAT: {
    message: '港澳居民来往内地通行证号码格式不正确。',
    action: '号码以H（香港）或M（澳门）开头，后接8位或10位数字，如H12345678。',
  },
  TW_PERMIT_FORMAT: {
    message: '台湾居民来往大陆通行证号码格式不正确。',
    action: '号码为8位数字；旧版证件为10位数字，可带1位字母。',
  },
  USCC_EMPTY: {
    message: '统一社会信用代码为空。',
    action: '请按营业执照或登记证书填写18位统一社会信用代码。',
  },
  USCC_LENGTH: {
    message: '统一社会信用代码应为18位，当前为{length}位。',
    action: '请对照营业执照核对，注意不要多录或漏录。',
  },
  USCC_CHARSET: {
    message: '统一社会信用代码含有不允许的字符“{char}”。',
    action: '代码只用数字和大写字母，不用I、O、S、V、Z；请检查是否把数字1、0、5、2录成了字母。',
  },
  USCC_FORMAT: {
    message: '统一社会信用代码第3至8位应为行政区划代码（6位数字）。',
    action: '请对照营业执照核对第3至8位。',
  },
  USCC_CHECK_DIGIT: {
    message: '统一社会信用代码校验不通过。',
    action: '请对照营业执照逐位核对；如确认与执照完全一致，可确认后继续申报。',
  },
} as const satisfies CatalogueEntries;
