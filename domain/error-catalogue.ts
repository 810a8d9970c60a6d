// Every error a person can meet, keyed by a stable code. `message` says what happened, `action`
// what to do next. The code is what tests assert on; the text is what people read. Texts quoted
// from the portals' guides (seed 003, chapter 5) are kept word for word, since users know them.
import { workspaceDataErrors } from './errors/workspace-data';

export const errorCatalogue = {
  ...workspaceDataErrors,
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
  SERVICE_ORIGIN_MISMATCH: {
    message: '社保服务器的身份与本机设置不符，已停止签名。',
    action: '请勿继续操作，并联系单位IT人员核对本程序设置的社保服务器地址。',
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
  // --- identity documents and USCC (domain/ids.ts) ---
  ID_EMPTY: {
    message: '证件号码为空。',
    action: '请按证件原件填写证件号码。',
  },
  ID_LENGTH: {
    message: '居民身份证号码应为18位，当前为{length}位。',
    action: '请对照身份证原件核对，注意不要多录或漏录数字。',
  },
  ID_CHARSET: {
    message: '证件号码含有不允许的字符，只能是数字，最后一位可以是X。',
    action: '请删除空格、横线等符号；最后一位的X请用字母X，不要用乘号或其他字符。',
  },
  ID_REGION: {
    message: '证件号码开头的地区代码“{code}”不存在。',
    action: '请对照证件原件核对前6位；如是港澳台居民居住证，证件类型请选“港澳台居民居住证”。',
  },
  ID_BIRTH_DATE: {
    message: '证件号码中的出生日期“{date}”不是有效日期。',
    action: '请对照证件原件核对第7至14位（出生年月日）。',
  },
  ID_BIRTH_FUTURE: {
    message: '证件号码中的出生日期“{date}”晚于今天。',
    action: '请对照证件原件核对第7至14位（出生年月日）。',
  },
  ID_BIRTH_TOO_EARLY: {
    message: '证件号码中的出生日期“{date}”早于1900年。',
    action: '请对照证件原件核对第7至14位（出生年月日）。',
  },
  ID_CHECK_DIGIT: {
    message: '证件号码校验不通过，可能有数字录入错误。',
    action: '请对照证件原件逐位核对；常见原因是相邻两位录反或最后一位X录成了其他字符。',
  },
  ID_OLD_15: {
    message: '这是15位的旧身份证号码，社保系统只接受18位号码。',
    action: '请改为18位号码{upgraded}，并与本人现行身份证核对一致。',
  },
  ID_RESIDENCE_PERMIT_PREFIX: {
    message: '港澳台居民居住证号码应以810000（香港）、820000（澳门）或830000（台湾）开头。',
    action: '请对照居住证原件核对；如是内地居民，证件类型请选“居民身份证”。',
  },
  DOC_TYPE_MISMATCH: {
    message: '证件号码是{actual}的号码，与所选证件类型“{type}”不符。',
    action: '请把证件类型改为“{actual}”，或核对证件号码。',
  },
  DOC_TYPE_UNKNOWN: {
    message: '证件类型“{type}”无法识别。',
    action:
      '请从居民身份证、港澳台居民居住证、外国人永久居留身份证、护照、港澳居民来往内地通行证、台湾居民来往大陆通行证中选择。',
  },
  FPR_ID_FORMAT: {
    message: '外国人永久居留身份证号码格式不正确。',
    action:
      '新版证件号码为18位、以9开头；旧版为15位，前3位是字母、后12位是数字。请对照证件原件填写。',
  },
  PASSPORT_FORMAT: {
    message: '护照号码格式不正确。',
    action: '护照号码为5至17位字母或数字，请按护照资料页填写，不要带空格或符号。',
  },
  HKMO_PERMIT_FORMAT: {
    message: '港澳居民来往内地通行证号码格式不正确。',
    action: '号码以H（香港）或M（澳门）开头，后接8位或10位数字，如H12345678。',
  },
  TW_PERMIT_FORMAT: {
    message: '台湾居民来往大陆通行证号码格式不正确。',
    action: '号码为8位数字；旧版证件为10位数字，可带1位字母。',
  },
  USCC_EMPTY: {
    message: '统一社会信用代码为空。',
    action: '请按营业执照或登记证书填写18位统一社会信用代码。',
  },
  USCC_LENGTH: {
    message: '统一社会信用代码应为18位，当前为{length}位。',
    action: '请对照营业执照核对，注意不要多录或漏录。',
  },
  USCC_CHARSET: {
    message: '统一社会信用代码含有不允许的字符“{char}”。',
    action: '代码只用数字和大写字母，不用I、O、S、V、Z；请检查是否把数字1、0、5、2录成了字母。',
  },
  USCC_FORMAT: {
    message: '统一社会信用代码第3至8位应为行政区划代码（6位数字）。',
    action: '请对照营业执照核对第3至8位。',
  },
  USCC_CHECK_DIGIT: {
    message: '统一社会信用代码校验不通过。',
    action: '请对照营业执照逐位核对；如确认与执照完全一致，可确认后继续申报。',
  },
  // --- Electron shell (electron/main) ---
  CALLER_NOT_TRUSTED: {
    message: '请求来自未受信任的页面，已被拒绝。',
    action: '请关闭其他窗口后重启本程序；如仍出现，请联系单位IT人员。',
  },
  APP_CLOSING: {
    message: '程序正在关闭，本次操作未执行。',
    action: '请等待程序关闭后重新打开，再重试。',
  },
  // --- token side (native/pkcs11) ---
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
  // --- reference server (server/) ---
  NOT_FOUND: {
    message: '社保服务器上没有这项服务。',
    action: '请升级到最新版本后重试；如仍出现，请联系单位IT人员。',
  },
  // --- declaration checks (domain/declarations/checks.ts) ---
  FIELD_REQUIRED: {
    message: '“{field}”未填写。',
    action: '请填写{field}。',
  },
  DATE_INVALID: {
    message: '“{field}”不是有效的日期：{value}。',
    action: '请按“年-月-日”填写，如2024-07-01。',
  },
  MONTH_INVALID: {
    message: '“{field}”不是有效的年月：{value}。',
    action: '请按“年-月”填写，如2024-07。',
  },
  NAME_SUSPICIOUS: {
    message: '姓名中含有数字或符号：{value}。',
    action: '请按证件上的姓名填写；少数民族姓名中的间隔号请用“·”。',
  },
  DUPLICATE_IN_BATCH: {
    message: '此人在本批中重复出现（与第{first}行的证件号码相同）。',
    action: '请删除重复的行，每人只保留一行。',
  },
  NOT_ON_ROSTER: {
    message: '此人不在本单位的参保人员名单中。',
    action: '请核对证件号码；如此人从未在本单位参保，无需办理。',
  },
  ALREADY_INSURED: {
    message: '此人已在本单位参保，不能重复增员。',
    action: '如需调整缴费工资，请办理缴费基数申报；如证件号码录错，请改正。',
  },
  ALREADY_STOPPED: {
    message: '此人已于{month}停保，不能重复减员。',
    action: '请删除此行。',
  },
  RESUME_NOT_ON_ROSTER: {
    message: '增员原因为“恢复缴费”，但此人没有在本单位停保的记录。',
    action: '如是首次在本单位参保，请把增员原因改为“新参保”或“转入”。',
  },
  SHOULD_RESUME: {
    message: '此人曾在本单位参保，已于{month}停保。',
    action: '再次参保请把增员原因改为“恢复缴费”。',
  },
  NAME_MISMATCH_ROSTER: {
    message: '姓名与参保人员名单不一致（名单中为“{rosterName}”）。',
    action: '请核对姓名和证件号码。',
  },
  ID_GENDER_MISMATCH: {
    message: '性别与证件号码不符（按证件号码应为{expected}）。',
    action: '请核对性别或证件号码。',
  },
  ID_BIRTH_MISMATCH: {
    message: '出生日期与证件号码不符（按证件号码应为{expected}）。',
    action: '请核对出生日期或证件号码。',
  },
  INSURED_FROM_TOO_LATE: {
    message: '参保日期{value}晚于可以申报的月份（最晚{latest}）。',
    action: '请到参保当月再办理增员，或核对参保日期。',
  },
  INSURED_FROM_BACKDATED: {
    message: '参保日期{value}比本次申报月份{month}早{months}个月以上。',
    action: '时间较久的补缴需另行办理补缴业务，请核对参保日期。',
  },
  AGE_UNDER_MINIMUM: {
    message: '到参保日期时此人未满{min}周岁。',
    action: '未满16周岁不能建立劳动关系参保，请核对出生日期和参保日期。',
  },
  AGE_OVER_RETIREMENT: {
    message: '到参保日期时此人已达到法定退休年龄（{age}）。',
    action: '已达退休年龄的人员一般不能再参加职工养老保险，请核对；返聘人员可只参加工伤保险。',
  },
  RETIREMENT_BEFORE_AGE: {
    message: '减员原因为“退休”，但到{month}此人尚未达到法定退休年龄（{age}）。',
    action: '如属特殊工种提前退休或病退，请确认后继续；否则请核对减员原因。',
  },
  LAST_PAID_BEFORE_INSURED: {
    message: '缴费截止月份{value}早于参保日期{insuredFrom}。',
    action: '请核对缴费截止月份。',
  },
  LAST_PAID_TOO_LATE: {
    message: '缴费截止月份{value}晚于可以申报的月份（最晚{latest}）。',
    action: '请在离职当月或次月办理减员，或核对缴费截止月份。',
  },
  LAST_PAID_BACKDATED: {
    message: '缴费截止月份{value}比本次申报月份{month}早{months}个月以上。',
    action: '时间较久的减员可能需要到经办机构窗口办理，请核对。',
  },
  WAGE_ZERO: {
    message: '“{field}”为0。',
    action: '请填写实际的月工资（元）。',
  },
  BASE_BELOW_LOWER: {
    message: '{field}{value}元低于缴费基数下限，将按下限{bound}元计算。',
    action: '如无误可确认后继续。',
  },
  BASE_ABOVE_UPPER: {
    message: '{field}{value}元高于缴费基数上限，将按上限{bound}元计算。',
    action: '如无误可确认后继续。',
  },
  KINDS_NONE: {
    message: '“{field}”没有选择任何险种。',
    action: '请至少勾选一个险种。',
  },
  KIND_NOT_INSURED: {
    message: '此人没有参加{kinds}，无需停保。',
    action: '请核对停保险种。',
  },
  MOBILE_FORMAT: {
    message: '手机号码格式不正确：{value}。',
    action: '请填写11位手机号码，如13912345678。',
  },
  RULE_NOT_FOUND: {
    message: '找不到参保地{region}在{month}的缴费规则。',
    action: '请在设置中选择参保地，或升级到最新版本以获得最新的费率表。',
  },
  // --- signed sync (issue 6) ---
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
  // --- sync engine on the client (issue 6) ---
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
  // --- workspace: store, drafts, import and export (electron/services/workspace) ---
  STORE_TOO_NEW: {
    message: '本机保存的申报数据由更新版本的本程序写入（数据版本{found}，本程序只认识到{known}）。',
    action: '请升级到最新版本后再打开；不要删除数据文件，升级后数据仍在。',
  },
  STORE_UNREADABLE: {
    message: '本机保存的申报数据无法打开。',
    action: '请重启本程序；如仍无法打开，请联系单位IT人员，不要删除数据文件。',
  },
  DECLARATION_NOT_FOUND: {
    message: '找不到这份申报。',
    action: '它可能已被删除，请刷新申报列表。',
  },
  DECLARATION_NOT_DRAFT: {
    message: '这份申报已提交，不能再修改或删除。',
    action: '如需更正，请等待审核结果；被退回后可新建申报重新办理。',
  },
  DECLARATION_READ_ONLY: {
    message: '月度申报由系统根据参保人员和缴费基数计算，不能直接修改。',
    action: '请修改参保人员或缴费基数后点击“重新计算”。',
  },
  DECLARATION_EMPTY: {
    message: '这份申报还没有任何人员。',
    action: '请先录入或导入人员后再提交。',
  },
  DECLARATION_HAS_ERRORS: {
    message: '数据校验发现{count}处错误，不能提交。',
    action: '请按错误列表逐项改正后再提交。',
  },
  DECLARATION_WARNINGS_UNCONFIRMED: {
    message: '数据校验有{count}处提醒需要您确认。',
    action: '请逐项核对提醒内容，确认无误后勾选“已核对提醒”再提交。',
  },
  ROW_NOT_FOUND: {
    message: '第{row}行已不存在。',
    action: '请刷新后重试。',
  },
  FIELD_UNKNOWN: {
    message: '这张表中没有“{field}”这一列。',
    action: '请刷新后重试。',
  },
  AMOUNT_INVALID: {
    message: '“{field}”不是有效的金额：{value}。',
    action: '请填写以元为单位的数字，最多两位小数，如7413.50。',
  },
  CHOICE_INVALID: {
    message: '“{field}”的值“{value}”不在可选范围内。',
    action: '可选：{options}。',
  },
  TEXT_TOO_LONG: {
    message: '“{field}”太长（最多{max}个字）。',
    action: '请删减后重新填写。',
  },
  ID_SCIENTIFIC: {
    message: '证件号码显示为科学计数法（{value}），Excel已把它当成数字，后几位已经丢失。',
    action: '请在Excel中把证件号码列设为“文本”格式，重新填写完整的证件号码后再导入。',
  },
  ID_DIGITS_LOST: {
    message: '证件号码被Excel存成了数字（{value}），只保留了前15位，后几位已变成0。',
    action: '请在Excel中把证件号码列设为“文本”格式，重新填写完整的证件号码后再导入。',
  },
  IMPORT_FORMAT_UNSUPPORTED: {
    message: '不支持这种文件：{file}。',
    action: '请导入 Excel 文件（.xlsx 或 .xls）或 CSV 文件（.csv）。',
  },
  IMPORT_FILE_UNREADABLE: {
    message: '无法读取文件：{file}。',
    action: '文件可能已损坏或被加密，请用Excel打开后另存为 .xlsx 再导入。',
  },
  IMPORT_TOO_LARGE: {
    message: '文件太大（超过{max}）。',
    action: '请把文件拆成几份分别导入。',
  },
  IMPORT_NO_HEADER: {
    message: '文件中没有找到表头（如“姓名”“证件号码”）。',
    action: '请使用本程序提供的模板，或在第一行填写列名后再导入。',
  },
  IMPORT_EMPTY: {
    message: '文件中没有可导入的数据行。',
    action: '请在表头下方填写人员信息后再导入。',
  },
  IMPORT_PREVIEW_EXPIRED: {
    message: '导入预览已失效。',
    action: '请重新选择文件导入。',
  },
  IMPORT_WRONG_DECLARATION: {
    message: '这份导入预览不是为当前申报生成的。',
    action: '请在当前申报中重新选择文件导入。',
  },
  FILE_WRITE_FAILED: {
    message: '无法保存文件：{file}。',
    action: '请确认文件没有在Excel中打开，并选择有写入权限的位置后重试。',
  },
  FILE_READ_FAILED: {
    message: '无法打开文件：{file}。',
    action: '请确认文件存在、没有在其他程序中打开，然后重试。',
  },
} as const satisfies Record<string, { message: string; action: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export const errorCodes = Object.keys(errorCatalogue) as ErrorCode[];

export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(errorCatalogue, code);
}
