// The client's sync engine: connectivity, maintenance, local outbox rows.
import type { CatalogueEntries } from './entry';

export const syncClientErrors = {
  SYNC_PAYLOAD_CORRUPT: {
    message: '本地保存的申报数据已损坏，未能上传。',
    action: '请打开该申报，重新填写后提交。',
  },
  CONFLICT_ALREADY_STOPPED: {
    message: '{name}已在经办窗口办理停保（减员），与草稿中的这一行冲突。',
    action: '请选择：保留此行（仍按草稿提交），或删除此行。',
  },
  CONFLICT_ALREADY_INSURED: {
    message: '{name}已在本单位参保（经办窗口已办理），与草稿中的增员冲突。',
    action: '请选择：保留此行（仍按草稿提交），或删除此行。',
  },
  CONFLICT_NOT_INSURED: {
    message: '{name}已在经办窗口办理停保，草稿中的这一行可能不再需要。',
    action: '请选择：保留此行（仍按草稿提交），或删除此行。',
  },
  RECORD_NOT_FOUND: {
    message: '找不到这笔业务记录。',
    action: '请刷新业务记录列表后重试。',
  },
  RECORD_NOT_EDITABLE: {
    message: '这笔申报当前状态为“{state}”，不能执行此操作。',
    action: '只有草稿可以处理冲突，只有被退回的申报可以修改后重新提交。',
  },
} as const satisfies CatalogueEntries;
