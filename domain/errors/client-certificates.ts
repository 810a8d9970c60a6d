// Certificates on the token as the client judges them before login.
import type { CatalogueEntries } from './entry';

export const certificateErrors = {
  CERT_EXPIRED_LOCAL: {
    message: '该证书已于{date}过期，不能用于登录。',
    action: '请联系颁发证书的CA机构办理证书更新（续期）。',
  },
  CERT_NOT_YET_VALID_LOCAL: {
    message: '该证书自{date}起才生效，现在还不能使用。',
    action: '请在生效日期后再登录；如日期有误，请联系CA机构。',
  },
  CERT_NOT_FOUND: {
    message: '找不到所选证书，U盾可能已被拔出。',
    action: '请重新插入U盾后再选择证书。',
  },
  RESUME_OTHER_CERTIFICATE: {
    message: '这不是本次登录使用的证书，不能继续当前工作。',
    action: '请插入原来的U盾继续；如要换用这张证书，请先退出登录，再用它重新登录。',
  },
  CERT_EXPIRED_SESSION: {
    message: '登录证书已于{date}过期，不能再签名提交申报。',
    action: '已保存的草稿不受影响。请联系CA机构办理证书更新后重新登录提交。',
  },
  FINAL_TRY_NOT_CONFIRMED: {
    message: '这是最后一次输入密码的机会。',
    action: '再输错一次U盾将被锁定，请确认密码无误后勾选确认再登录。',
  },
  SOFT_CERT_FILE_INVALID: {
    message: '演示软证书文件无法读取。',
    action: '请重新运行 npm start 生成演示证书。',
  },
} as const satisfies CatalogueEntries;
