// Refusals of the reference service when a request is malformed, replayed, too frequent, or
// signed with a certificate the service cannot trust right now.
export const serverTrustErrors = {
  REQUEST_NUMBER_INVALID: {
    message: '请求中含有无法准确表示的数字（过大、过小或不是有效数字）。',
    action: '请检查金额、人数等数字是否填写正确；如仍出现，请升级到最新版本后重试。',
  },
  REQUEST_TOO_DEEP: {
    message: '请求数据的层次结构过深，社保系统不予受理。',
    action: '请升级到最新版本后重试；如仍出现，请联系单位IT人员。',
  },
  REQUEST_VALUE_TOO_LONG: {
    message: '请求中的文字或列表超过了社保系统允许的长度。',
    action: '请缩短过长的内容，或把申报拆成几笔后重新提交。',
  },
  MUTATION_ID_CONFLICT: {
    message: '这笔申报的编号已被另一笔不同的申报使用，本笔未被受理。',
    action: '请在“业务记录”中重新提交这笔申报；如反复出现，请联系单位IT人员。',
  },
  CERT_REVOCATION_UNKNOWN: {
    message: '暂时无法确认该证书是否已被吊销（证书吊销列表缺失或已过期）。',
    action: '请稍后再试；如长时间无法登录，请拨打12333或联系CA机构。',
  },
  CERT_PROFILE_INVALID: {
    message: '该证书既不是规范的单位证书，也不是规范的个人证书。',
    action: '请使用CA机构颁发的单位U盾或个人U盾登录；如证书刚办理，请联系CA机构核对证书信息。',
  },
  RATE_LIMITED: {
    message: '操作过于频繁，请{seconds}秒后再试。',
    action: '为保护账户安全，短时间内尝试次数已达上限，请稍候再操作。',
  },
} as const satisfies Record<string, { message: string; action: string }>;
