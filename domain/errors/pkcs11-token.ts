// The U盾 as the client sees it through PKCS#11: PIN, presence, sessions, modules.
import type { CatalogueEntries } from './entry';

export const tokenErrors = {
  PIN_INCORRECT: {
    message: 'U盾密码（PIN码）错误。',
    action: '请核对后重新输入。连续输错多次U盾会被锁定。',
  },
  PIN_MAYBE_INCORRECT: {
    message: 'U盾登录失败，可能是密码（PIN码）错误。',
    action: '请核对密码后重试；如仍失败，请重新插拔U盾。',
  },
  PIN_LOCKED: {
    message: 'U盾密码已被锁定，不能再输入密码。',
    action: '请携带U盾联系颁发证书的CA机构解锁，解锁前请勿继续尝试。',
  },
  PIN_LEN_RANGE: {
    message: 'U盾密码长度不正确。',
    action: '请输入U盾密码（通常为6到16位），注意不要带空格。',
  },
  PIN_EXPIRED: {
    message: 'U盾密码已过期。',
    action: '请使用U盾厂商的管理工具修改密码后再登录。',
  },
  PIN_EMPTY: {
    message: '请输入U盾密码（PIN码）。',
    action: '密码由发证机构在发放U盾时告知，初始密码请查看U盾随附的密码信封。',
  },
  TOKEN_REMOVED: {
    message: 'U盾已被拔出。',
    action: '请重新插入U盾，并输入密码继续。',
  },
  TOKEN_NOT_PRESENT: {
    message: '未检测到U盾。',
    action: '请将U盾插入电脑USB接口；如已插入，请重新插拔或换一个USB接口。',
  },
  TOKEN_NOT_RECOGNIZED: {
    message: '无法识别此U盾。',
    action: '请安装U盾厂商的最新驱动后重新插拔U盾。',
  },
  TOKEN_BUSY: {
    message: 'U盾正忙，上一次操作尚未完成。',
    action: '请稍候几秒再试。',
  },
  TOKEN_FAILED: {
    message: 'U盾操作失败。',
    action: '请重新插拔U盾后再试；如多次失败，请联系U盾厂商或CA机构。',
  },
  TOKEN_DEVICE_ERROR: {
    message: 'U盾设备出错。',
    action: '请重新插拔U盾后再试；如仍出错，U盾可能已损坏，请联系CA机构更换。',
  },
  TOKEN_SESSION_CLOSED: {
    message: '与U盾的连接已断开。',
    action: '请重新输入U盾密码登录。',
  },
  TOKEN_KEY_NOT_FOUND: {
    message: 'U盾中找不到与该证书对应的私钥。',
    action: '请确认插入的是发证时配套的U盾，或联系CA机构检查证书。',
  },
  TOKEN_MECHANISM_UNSUPPORTED: {
    message: '此U盾不支持所需的签名算法。',
    action: '请联系CA机构更换支持SHA-256签名的U盾。',
  },
  TOKEN_USER_CANCELLED: {
    message: '已在U盾上取消操作。',
    action: '如需继续，请重新登录并在U盾上确认。',
  },
  MODULE_NOT_FOUND: {
    message: '找不到U盾驱动文件：{file}。',
    action: '请安装U盾厂商的驱动程序，或在设置中填写驱动文件的正确位置。',
  },
  MODULE_WRONG_ARCH: {
    message: 'U盾驱动文件与本程序位数不符（Windows 错误 193）：{file}。',
    action: '请安装与本程序相同位数（64位）的U盾驱动，或联系单位IT人员。',
  },
  MODULE_LOAD_FAILED: {
    message: 'U盾驱动加载失败：{file}。',
    action: '请重新安装U盾厂商的驱动程序后重启本程序。',
  },
} as const satisfies CatalogueEntries;
