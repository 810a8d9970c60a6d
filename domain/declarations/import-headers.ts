// What people and the official templates call each column, as data: the import maps a file's
// headers to fields through this table. Headers are compared after normalizeHeader (width,
// spaces, required-markers and bracketed notes such as “（元）” removed).

/** Header words per concept. A concept maps to a field per declaration kind (below). */
export const headerSynonyms = {
  name: ['姓名', '职工姓名', '人员姓名', '参保人姓名', '参保人员姓名', '员工姓名', '名字'],
  documentType: ['证件类型', '身份证件类型', '证件种类', '证件名称'],
  documentNumber: [
    '证件号码',
    '身份证号',
    '身份证号码',
    '公民身份号码',
    '公民身份证号码',
    '身份证件号码',
    '证件号',
    '社会保障号码',
    '社会保障号',
    '社保号码',
    '个人社保号',
    '身份证',
  ],
  gender: ['性别'],
  birthDate: ['出生日期', '出生年月日', '生日'],
  householdType: ['户籍性质', '户口性质', '户籍类型', '户口类型'],
  employmentType: ['用工形式', '用工类型', '用工性质', '用工方式'],
  insuredFrom: ['参保日期', '参保时间', '参保年月日', '增员日期', '本单位参保日期', '参加工作日期'],
  wage: [
    '缴费工资',
    '月缴费工资',
    '申报工资',
    '月申报工资',
    '缴费基数',
    '月缴费基数',
    '申报基数',
    '工资',
    '月工资',
    '工资总额',
  ],
  lastYearAverageWage: [
    '上年月均工资',
    '上年度月均工资',
    '上年月平均工资',
    '上年度月平均工资',
    '上年度职工月平均工资',
    '月均工资',
    '月平均工资',
    '上年工资',
  ],
  kinds: ['险种', '参保险种', '参加险种', '缴费险种', '停保险种', '减员险种', '停保险种类'],
  pension: ['养老', '养老保险', '基本养老保险', '职工养老保险', '企业职工基本养老保险'],
  medical: ['医疗', '医疗保险', '基本医疗保险', '职工医疗保险', '职工基本医疗保险'],
  unemployment: ['失业', '失业保险'],
  injury: ['工伤', '工伤保险'],
  maternity: ['生育', '生育保险'],
  mobile: ['手机号码', '手机号', '手机', '联系电话', '联系方式', '电话', '移动电话'],
  reason: ['增员原因', '减员原因', '原因', '变动原因', '变更原因', '参保原因', '停保原因'],
  lastPaidMonth: [
    '缴费截止月份',
    '缴费截止年月',
    '截止月份',
    '停保年月',
    '停保月份',
    '减员年月',
    '停保日期',
    '缴费截至月份',
  ],
} as const satisfies Record<string, readonly string[]>;
export type HeaderConcept = keyof typeof headerSynonyms;

/** Which field each concept fills, per declaration kind; a concept a kind lacks is ignored. */
export const conceptFields = {
  addition: {
    name: 'name',
    documentType: 'documentType',
    documentNumber: 'documentNumber',
    gender: 'gender',
    birthDate: 'birthDate',
    householdType: 'householdType',
    employmentType: 'employmentType',
    insuredFrom: 'insuredFrom',
    wage: 'wageFen',
    kinds: 'kinds',
    pension: 'kinds.pension',
    medical: 'kinds.medical',
    unemployment: 'kinds.unemployment',
    injury: 'kinds.injury',
    maternity: 'kinds.maternity',
    mobile: 'mobile',
    reason: 'reason',
  },
  reduction: {
    name: 'name',
    documentType: 'documentType',
    documentNumber: 'documentNumber',
    kinds: 'stopKinds',
    pension: 'stopKinds.pension',
    medical: 'stopKinds.medical',
    unemployment: 'stopKinds.unemployment',
    injury: 'stopKinds.injury',
    maternity: 'stopKinds.maternity',
    reason: 'reason',
    lastPaidMonth: 'lastPaidMonth',
  },
  base: {
    name: 'name',
    documentType: 'documentType',
    documentNumber: 'documentNumber',
    lastYearAverageWage: 'lastYearAverageWageFen',
    wage: 'lastYearAverageWageFen',
  },
  roster: {
    name: 'name',
    documentType: 'documentType',
    documentNumber: 'documentNumber',
    gender: 'gender',
    birthDate: 'birthDate',
    insuredFrom: 'insuredFrom',
    lastPaidMonth: 'lastPaidMonth',
    wage: 'baseFen',
    kinds: 'kinds',
    pension: 'kinds.pension',
    medical: 'kinds.medical',
    unemployment: 'kinds.unemployment',
    injury: 'kinds.injury',
    maternity: 'kinds.maternity',
  },
} as const satisfies Record<string, Partial<Record<HeaderConcept, string>>>;
export type ImportTarget = keyof typeof conceptFields;

/** Fields a file must have a column for (the rest have defaults or come from the ID). */
export const requiredImportFields = {
  addition: ['name', 'documentNumber', 'insuredFrom', 'wageFen'],
  reduction: ['name', 'documentNumber', 'lastPaidMonth'],
  base: ['name', 'documentNumber', 'lastYearAverageWageFen'],
  roster: ['name', 'documentNumber', 'insuredFrom', 'baseFen'],
} as const satisfies Record<ImportTarget, readonly string[]>;

/** Full-width to ASCII, no spaces, no required-marks (*, ＊), no bracketed notes. */
export function normalizeHeader(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200d\ufeff]+/g, '')
    .replace(/[*※]/g, '')
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】/g, '')
    .toUpperCase();
}
