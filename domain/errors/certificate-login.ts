// Certificate login as the service answers it (its wire codes).
import type { CatalogueEntries } from './entry';

export const loginErrors = {
  NONCE_UNKNOWN: {
    message: '登录请求无效或已失效。',
    action: '请重新点击登录。',
  },
  NONCE_EXPIRED: {
    message: '登录超时，验证码已过期。',
    action: '请重新点击登录，并在2分钟内完成签名。',
  },
  NONCE_REUSED: {
    message: '此登录请求已使用过。',
    action: '请重新点击登录。',
  },
  SIGNATURE_INVALID: {
    message: '证书签名验证失败。',
    action: '请确认所选证书与U盾匹配后重新登录；如仍失败，请联系CA机构。',
  },
  CERT_UNTRUSTED: {
    message: '该证书不是社保系统认可的CA机构颁发的。',
    action: '请使用本地社保经办机构认可的CA机构颁发的U盾证书。',
  },
  CERT_EXPIRED: {
    message: '证书已过期。',
    action: '请联系CA机构办理证书更新后再登录。',
  },
  CERT_NOT_YET_VALID: {
    message: '证书尚未生效。',
    action: '请在证书生效后再登录，或检查电脑日期是否正确。',
  },
  CERT_REVOKED: {
    message: '该证书已被吊销（注销）。',
    action: '请联系CA机构重新办理证书。',
  },
  CERT_BAD_USAGE: {
    message: '该证书不能用于登录签名。',
    action: '请选择U盾中的签名证书；如只有加密证书，请联系CA机构。',
  },
  PERSON_NOT_FOUND: {
    message: '未查询到登录人信息，请注册!',
    action: '请检查证书信息，或根据单位参保信息在社保公共服务平台注册。',
  },
  AGENT_NOT_AUTHORIZED: {
    message: '未找到当前办事员账号信息，请联系法人授权或者去窗口授权!',
    action: '请单位法人登录后在“授权登录”中添加您，或携带材料到经办机构窗口办理授权。',
  },
  BAD_REQUEST: {
    message: '请求格式不正确。',
    action: '请升级到最新版本后重试；如仍出现，请联系单位IT人员。',
  },
  SESSION_INVALID: {
    message: '登录已失效。',
    action: '请重新登录。',
  },
  SESSION_EXPIRED: {
    message: '登录已超时。',
    action: '为保护单位信息安全，请重新插入U盾登录。',
  },
  UNIT_NOT_ALLOWED: {
    message: '您没有此单位的经办权限。',
    action: '请选择已授权的单位，或联系单位法人授权。',
  },
  MAINTENANCE: {
    message: '社保系统正在维护。',
    action: '程序会在{time}自动重试，无需重复操作。',
  },
  NETWORK_UNREACHABLE: {
    message: '无法连接社保服务器。',
    action: '请检查网络连接；恢复后程序会自动重试。',
  },
  SERVER_ERROR: {
    message: '社保服务器暂时无法处理请求。',
    action: '请稍后再试；如长时间无法使用，请拨打12333咨询。',
  },
  SERVICE_ORIGIN_MISMATCH: {
    message: '社保服务器的身份与本机设置不符，已停止签名。',
    action: '请勿继续操作，并联系单位IT人员核对本程序设置的社保服务器地址。',
  },
  PROTOCOL_ERROR: {
    message: '社保服务器的应答无法识别。',
    action: '请升级到最新版本；如仍出现，请联系单位IT人员。',
  },
} as const satisfies CatalogueEntries;
