// The Electron shell: windows, config, the app protocol.
import type { CatalogueEntries } from './entry';

export const shellErrors = {
  CALLER_NOT_TRUSTED: {
    message: '请求来自未受信任的页面，已被拒绝。',
    action: '请关闭其他窗口后重启本程序；如仍出现，请联系单位IT人员。',
  },
  APP_CLOSING: {
    message: '程序正在关闭，本次操作未执行。',
    action: '请等待程序关闭后重新打开，再重试。',
  },
} as const satisfies CatalogueEntries;
