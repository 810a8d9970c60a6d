// The PKCS#11 module itself: loading, signing mechanisms, the worker.
import type { CatalogueEntries } from './entry';

export const moduleErrors = {
  PIN_INVALID: {
    message: 'U盾密码（PIN码）含有U盾不接受的字符。',
    action: '请只输入U盾密码本身，注意不要带空格，并切换到英文半角输入法后重新输入。',
  },
  PIN_NOT_INITIALIZED: {
    message: '这个U盾还没有设置用户密码。',
    action: '请联系颁发U盾的CA机构初始化U盾密码后再使用。',
  },
  TOKEN_TIMEOUT: {
    message: 'U盾长时间没有响应。',
    action: '请拔下U盾，等几秒后重新插入再试；如仍无响应，请重启电脑。',
  },
  MODULE_CRASHED: {
    message: 'U盾驱动意外停止运行：{file}。',
    action: '程序会自动重新加载驱动；请重新插拔U盾后再试，如反复出现请重新安装U盾驱动。',
  },
} as const satisfies CatalogueEntries;
