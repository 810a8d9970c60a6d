// Words of the declaration grid and import about values: hints, group fixes, the honest preview.
export const workspaceDataText = {
  kindsKeys: '回车确定 · Esc取消 · Tab切换选项',
  dateHint: '如 2024-07-01',
  monthHint: '如 2024-07',
  gridKeys:
    'Shift+方向键 扩大选区 · Ctrl+Shift+方向键 选到数据末尾 · Ctrl+A 全选 · Ctrl+D 向下填充 · Ctrl+Z 撤销',
  kept: (n: number) =>
    `${n}个单元格的内容无法识别，已原样保留并标为错误（红框）。请在问题列表中按类改正。`,
  noted: (n: number) => `${n}个单元格按证件号码推断了户籍性质，请核对（橙框）。`,
  // import preview
  previewCounts: (total: number, ready: number, errors: number, warnings: number) =>
    `共${total}行：${ready}行无问题，${errors}行有错误，${warnings}行只有提醒。`,
  previewCommitNote: (errors: number) =>
    errors > 0
      ? `有错误的${errors}行也会导入，无法识别的内容原样保留并标红，导入后可在“问题列表”中按类一次改正。`
      : '导入后可在表格中继续修改。',
  importAll: (n: number) => `导入全部${n}行`,
  importReady: (n: number) => `只导入无错误的${n}行`,
  issueFileRow: '文件行号',
  issueGridRow: '表格行号',
  readRows: (n: number) => `已读取 ${n.toLocaleString('zh-CN')} 行`,
  checkRows: (done: number, total: number) =>
    `正在检查 ${done.toLocaleString('zh-CN')}/${total.toLocaleString('zh-CN')} 行`,
  chooseFileButton: '选择文件…',
  noFileChosen: '未选择文件',
  moreIssues: (n: number) => `还有${n}条未列出，请下载错误报告查看全部。`,
  // grouped problems
  groupCount: (label: string, problem: string, n: number) => `${label} ${problem} ×${n}`,
  groupRows: (n: number) => `涉及${n}行`,
  replaceWith: '替换为…',
  replaceTitle: (label: string, value: string) => `把“${label}”中的“${value}”替换为`,
  replaceApply: (n: number) => `替换${n}个单元格`,
  fillDown: '向下填充',
  setColumn: '设置选中行的本列',
  setColumnTitle: (label: string, n: number) => `把选中的${n}行的“${label}”设为`,
  fixed: (n: number) => `已改正${n}个单元格（可撤销）。`,
  showRows: '查看这些行',
  groupsTitle: '按类汇总',
  byRow: '逐条列出',
  keptValue: (v: string) => `原文“${v}”`,
  fillWith: '填为…',
  apply: '确定',
  problemNames: {
    CHOICE_INVALID: '值不可识别',
    AMOUNT_INVALID: '金额无法识别',
    DATE_INVALID: '日期无法识别',
    MONTH_INVALID: '年月无法识别',
    FIELD_REQUIRED: '未填写',
    TEXT_TOO_LONG: '内容太长',
    CELL_KEPT_AS_WRITTEN: '保留了原文',
    KINDS_NONE: '未选择险种',
    WAGE_ZERO: '工资为0',
    MOBILE_FORMAT: '手机号码格式不对',
    DUPLICATE_IN_BATCH: '重复的人员',
    HOUSEHOLD_FROM_ID: '按证件号码推断',
    HOUSEHOLD_ASSUMED_LOCAL: '推断为本地',
    BASE_BELOW_LOWER: '低于缴费基数下限',
    BASE_ABOVE_UPPER: '高于缴费基数上限',
  } as Readonly<Record<string, string>>,
  undoHint: '每次改正都可以用“撤销”或Ctrl+Z一步恢复。',
} as const;
