// The declaration workspace: its database, drafts, editing, import and export.
import type { CatalogueEntries } from './entry';

export const workspaceErrors = {
  STORE_TOO_NEW: {
    message: '本机保存的申报数据由更新版本的本程序写入（数据版本{found}，本程序只认识到{known}）。',
    action: '请升级到最新版本后再打开；不要删除数据文件，升级后数据仍在。',
  },
  STORE_UNREADABLE: {
    message: '本机保存的申报数据无法打开。',
    action: '请重启本程序；如仍无法打开，请联系单位IT人员，不要删除数据文件。',
  },
  DECLARATION_NOT_FOUND: {
    message: '找不到这份申报。',
    action: '它可能已被删除，请刷新申报列表。',
  },
  DECLARATION_NOT_DRAFT: {
    message: '这份申报已提交，不能再修改或删除。',
    action: '如需更正，请等待审核结果；被退回后可新建申报重新办理。',
  },
  DECLARATION_READ_ONLY: {
    message: '月度申报由系统根据参保人员和缴费基数计算，不能直接修改。',
    action: '请修改参保人员或缴费基数后点击“重新计算”。',
  },
  DECLARATION_EMPTY: {
    message: '这份申报还没有任何人员。',
    action: '请先录入或导入人员后再提交。',
  },
  DECLARATION_HAS_ERRORS: {
    message: '数据校验发现{count}处错误，不能提交。',
    action: '请按错误列表逐项改正后再提交。',
  },
  DECLARATION_WARNINGS_UNCONFIRMED: {
    message: '数据校验有{count}处提醒需要您确认。',
    action: '请逐项核对提醒内容，确认无误后勾选“已核对提醒”再提交。',
  },
  ROW_NOT_FOUND: {
    message: '第{row}行已不存在。',
    action: '请刷新后重试。',
  },
  FIELD_UNKNOWN: {
    message: '这张表中没有“{field}”这一列。',
    action: '请刷新后重试。',
  },
  AMOUNT_INVALID: {
    message: '“{field}”不是有效的金额：{value}。',
    action: '请填写以元为单位的数字，最多两位小数，如7413.50。',
  },
  CHOICE_INVALID: {
    message: '“{field}”的值“{value}”不在可选范围内。',
    action: '可选：{options}。',
  },
  TEXT_TOO_LONG: {
    message: '“{field}”太长（最多{max}个字）。',
    action: '请删减后重新填写。',
  },
  ID_SCIENTIFIC: {
    message: '证件号码显示为科学计数法（{value}），Excel已把它当成数字，后几位已经丢失。',
    action: '请在Excel中把证件号码列设为“文本”格式，重新填写完整的证件号码后再导入。',
  },
  ID_DIGITS_LOST: {
    message: '证件号码被Excel存成了数字（{value}），只保留了前15位，后几位已变成0。',
    action: '请在Excel中把证件号码列设为“文本”格式，重新填写完整的证件号码后再导入。',
  },
  IMPORT_FORMAT_UNSUPPORTED: {
    message: '不支持这种文件：{file}。',
    action: '请导入 Excel 文件（.xlsx 或 .xls）或 CSV 文件（.csv）。',
  },
  IMPORT_FILE_UNREADABLE: {
    message: '无法读取文件：{file}。',
    action: '文件可能已损坏或被加密，请用Excel打开后另存为 .xlsx 再导入。',
  },
  IMPORT_TOO_LARGE: {
    message: '文件太大（超过{max}）。',
    action: '请把文件拆成几份分别导入。',
  },
  IMPORT_NO_HEADER: {
    message: '文件中没有找到表头（如“姓名”“证件号码”）。',
    action: '请使用本程序提供的模板，或在第一行填写列名后再导入。',
  },
  IMPORT_EMPTY: {
    message: '文件中没有可导入的数据行。',
    action: '请在表头下方填写人员信息后再导入。',
  },
  IMPORT_PREVIEW_EXPIRED: {
    message: '导入预览已失效。',
    action: '请重新选择文件导入。',
  },
  IMPORT_WRONG_DECLARATION: {
    message: '这份导入预览不是为当前申报生成的。',
    action: '请在当前申报中重新选择文件导入。',
  },
  FILE_WRITE_FAILED: {
    message: '无法保存文件：{file}。',
    action: '请确认文件没有在Excel中打开，并选择有写入权限的位置后重试。',
  },
  FILE_READ_FAILED: {
    message: '无法打开文件：{file}。',
    action: '请确认文件存在、没有在其他程序中打开，然后重试。',
  },
} as const satisfies CatalogueEntries;
