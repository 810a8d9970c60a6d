// Whole-app conditions: not logged in, bad input, unexpected failures.
import type { CatalogueEntries } from './entry';

export const generalErrors = {
  INVALID_INPUT: {
    message: '输入内容不正确。',
    action: '请按提示修改后重试。',
  },
  NOT_LOGGED_IN: {
    message: '尚未登录。',
    action: '请先插入U盾登录。',
  },
  INTERNAL: {
    message: '程序内部出错。',
    action: '请重启本程序；如仍出现，请联系单位IT人员并告知出错时间。',
  },
} as const satisfies CatalogueEntries;
