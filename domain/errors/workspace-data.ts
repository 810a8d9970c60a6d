// Messages about the values of a declaration's cells as people and Excel write them.
export const workspaceDataErrors = {
  ID_SHOWN_SCIENTIFIC: {
    message: '证件号码显示为科学计数法（{value}），Excel已把它当成数字，后几位已经丢失。',
    action:
      '请在Excel中把证件号码列设为“文本”格式，再重新输入完整的证件号码；或使用本程序的模板（证件号码列已是文本格式）。',
  },
  ID_STORED_AS_NUMBER: {
    message: '证件号码被Excel存成了数字（{value}），只保留了前15位，后几位已变成0。',
    action:
      '请在Excel中把证件号码列设为“文本”格式，再重新输入完整的证件号码；或使用本程序的模板（证件号码列已是文本格式）。',
  },
  HOUSEHOLD_FROM_ID: {
    message:
      '户籍性质填的是“{value}”，没有写明本地还是外地；已按身份证号码的发证地区记为“{label}”。',
    action: '如不对，请在表格中改为正确的户籍性质。',
  },
  HOUSEHOLD_ASSUMED_LOCAL: {
    message:
      '户籍性质填的是“{value}”，没有写明本地还是外地，也无法从证件号码判断；已记为“{label}”。',
    action: '请核对；如是外地户籍，请改为“外地城镇”或“外地农村”。',
  },
  CELL_KEPT_AS_WRITTEN: {
    message: '“{field}”保留了原文“{value}”，尚未确认。',
    action: '请重新选择或填写该单元格。',
  },
  DUPLICATE_IN_FILE: {
    message: '此人在文件中重复出现（与文件第{first}行的证件号码相同）。',
    action: '请删除重复的行，每人只保留一行。',
  },
  DUPLICATE_IN_DRAFT: {
    message: '此人已在本申报中（表格第{first}行），不能重复增加。',
    action: '请删除重复的行，每人只保留一行。',
  },
} as const satisfies Record<string, { message: string; action: string }>;
