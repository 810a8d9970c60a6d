// Conditions of the reference service itself.
import type { CatalogueEntries } from './entry';

export const serverErrors = {
  NOT_FOUND: {
    message: '社保服务器上没有这项服务。',
    action: '请升级到最新版本后重试；如仍出现，请联系单位IT人员。',
  },
} as const satisfies CatalogueEntries;
