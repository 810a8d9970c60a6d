// Every error a person can meet, keyed by a stable code. `message` says what happened, `action`
// what to do next. The code is what tests assert on; the text is what people read. Texts quoted
// from the portals' guides (seed 003, chapter 5) are kept word for word, since users know them.
export const errorCatalogue = {
  // --- token (PKCS#11) ---
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
  NO_TOKEN_MODULE: {
    message: '本机未安装任何U盾驱动。',
    action: '请安装U盾厂商的驱动程序；仅体验功能时可使用“演示软证书”登录。',
  },
  // --- certificates seen by the client ---
  CERT_EXPIRED_LOCAL: {
    message: '该证书已于{date}过期，不能用于登录。',
    action: '请联系颁发证书的CA机构办理证书更新（续期）。',
  },
  CERT_NOT_YET_VALID_LOCAL: {
    message: '该证书自{date}起才生效，现在还不能使用。',
    action: '请在生效日期后再登录；如日期有误，请联系CA机构。',
  },
  CERT_EXPIRING: {
    message: '该证书将于{date}到期（剩余{days}天）。',
    action: '请尽快携带U盾和单位材料到CA机构办理证书更新，以免到期后无法申报。',
  },
  CLOCK_SKEW: {
    message: '电脑时间不准确，与服务器相差约{minutes}分钟。',
    action: '本次已按服务器时间判断证书有效期；请在 Windows 设置中开启“自动设置时间”。',
  },
  CERT_NOT_FOUND: {
    message: '找不到所选证书，U盾可能已被拔出。',
    action: '请重新插入U盾后再选择证书。',
  },
  FINAL_TRY_NOT_CONFIRMED: {
    message: '这是最后一次输入密码的机会。',
    action: '再输错一次U盾将被锁定，请确认密码无误后勾选确认再登录。',
  },
  SOFT_CERT_FILE_INVALID: {
    message: '演示软证书文件无法读取。',
    action: '请重新运行 npm start 生成演示证书。',
  },
  // --- server: login (wire codes of the reference service) ---
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
  PROTOCOL_ERROR: {
    message: '社保服务器的应答无法识别。',
    action: '请升级到最新版本；如仍出现，请联系单位IT人员。',
  },
  // --- app ---
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
} as const satisfies Record<string, { message: string; action: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export const errorCodes = Object.keys(errorCatalogue) as ErrorCode[];

export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(errorCatalogue, code);
}
