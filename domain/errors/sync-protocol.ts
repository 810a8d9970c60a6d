// Signed sync between client and service: batches, signatures, mutations, conflicts.
import type { CatalogueEntries } from './entry';

export const syncProtocolErrors = {
  BATCH_HASH_MISMATCH: {
    message: '上传数据的校验值不一致，本批申报未被受理。',
    action: '程序会重新整理后自动上传；如反复出现，请升级到最新版本。',
  },
  BATCH_SIGNATURE_INVALID: {
    message: '申报数据的U盾签名验证未通过，本批申报未被受理。',
    action: '请确认插入的是本单位的U盾，重新登录后再上传。',
  },
  BATCH_SIGNER_NOT_AUTHORIZED: {
    message: '签名的U盾证书无权为本单位办理申报，本批申报未被受理。',
    action: '请使用本单位法人或已授权经办人的U盾登录后再上传。',
  },
  BATCH_TOO_LARGE: {
    message: '一次上传的申报数据过多。',
    action: '程序会分批上传；如反复出现，请升级到最新版本。',
  },
  MUTATION_INVALID: {
    message: '申报内容未通过社保系统校验：{detail}',
    action: '请打开该申报，按提示修改后重新提交。',
  },
  DECLARATION_CONFLICT: {
    message: '申报与社保系统中的参保信息冲突：{detail}',
    action: '请打开该申报，核对人员的最新参保状态后修改或删除。',
  },
  DECLARATION_ALREADY_SUBMITTED: {
    message: '该申报已提交，正在审核或已审核通过，不能重复提交。',
    action: '如需变更，请新建一笔申报。',
  },
  REVIEW_DECLARATION_NOT_FOUND: {
    message: '社保系统中找不到该申报。',
    action: '请核对申报编号。',
  },
  REVIEW_TRANSITION_INVALID: {
    message: '该申报当前状态为“{state}”，不能执行此审核操作。',
    action: '请刷新后按申报的当前状态操作。',
  },
  CURSOR_INVALID: {
    message: '同步位置无效。',
    action: '程序会从头重新同步，无需操作。',
  },
  ROW_FINDING: {
    message: '第{row}行：{detail}',
    action: '请按提示修改该行。',
  },
  ROW_FORMAT_INVALID: {
    message: '第{row}行的数据格式不正确。',
    action: '请升级到最新版本后重新填写该行。',
  },
  AUTO_REVIEW_RETURNED: {
    message: '{name}的参保材料需要补充，请核对证件信息后重新提交。',
    action: '请按退回原因修改申报后重新提交。',
  },
  REVIEWER_NOT_AUTHORIZED: {
    message: '审核口令不正确，无权执行审核操作。',
    action: '请使用经办机构配置的审核口令。',
  },
} as const satisfies CatalogueEntries;
