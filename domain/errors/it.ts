// What 自检 (diagnostics) finds, and what updates say. Actions use the words of the portals' own
// FAQ (驱动没装, 证书过期, 浏览器/插件, 网络, 维护时间) so the help desk and the clerk mean the same thing.
export const itErrors = {
  // --- U盾 drivers, tokens and certificates ---
  NO_TOKEN_MODULE: {
    message: '本机未安装任何U盾驱动。',
    action: '请安装U盾厂商的驱动程序；仅体验功能时可使用“演示软证书”登录。',
  },
  MODULE_OK: {
    message: 'U盾驱动正常：{file}（{arch}）。',
    action: '无需处理。',
  },
  MODULE_MISSING: {
    message: '找不到U盾驱动文件：{file}。',
    action:
      'U盾驱动没装或已被删除：请安装U盾厂商的驱动程序（随U盾提供，或到CA机构、社保系统的“驱动下载”页面下载），装好后重新插拔U盾。',
  },
  MODULE_ARCH_MISMATCH: {
    message: 'U盾驱动文件是{found}的，本程序是{expected}的，无法加载：{file}。',
    action:
      '请安装U盾厂商提供的{expected}驱动（Windows 错误 193 即此问题），或联系单位IT人员在统一配置中改用正确的驱动文件。',
  },
  MODULE_NOT_A_LIBRARY: {
    message: '这不是U盾驱动程序文件：{file}。',
    action: '请联系单位IT人员核对配置中的驱动文件位置，或重新安装U盾厂商的驱动程序。',
  },
  TOKEN_OK: {
    message: '已检测到U盾：{label}（{vendor}）。',
    action: '无需处理。',
  },
  TOKEN_NONE: {
    message: '驱动已加载，但未检测到U盾。',
    action: '请将U盾插入电脑USB接口；如已插入，请重新插拔或换一个USB接口，仍不行请重启电脑。',
  },
  CERT_OK: {
    message: '证书有效：{holder}，有效期至{date}。',
    action: '无需处理。',
  },
  CERT_EXPIRING_SOON: {
    message: '证书即将到期：{holder}，{date}到期（剩余{days}天）。',
    action:
      '请尽快联系颁发证书的CA机构办理证书更新（续期），通常需携带U盾、单位证明和经办人身份证；到期后将无法登录和申报。',
  },
  CERT_HAS_EXPIRED: {
    message: '证书已过期：{holder}，{date}到期。',
    action: '证书过期：请携带U盾、单位证明和经办人身份证到CA机构办理证书更新（续期）后再登录。',
  },
  CERT_NOT_YET_VALID_DIAG: {
    message: '证书尚未生效：{holder}，{date}起生效。',
    action: '请检查电脑日期是否正确；日期无误时请在生效后使用。',
  },
  // --- clock, network, service ---
  CLOCK_OK: {
    message: '电脑时间准确（与社保服务器相差{seconds}秒）。',
    action: '无需处理。',
  },
  CLOCK_OFF: {
    message: '电脑时间不准确，比社保服务器{direction}约{minutes}分钟。',
    action:
      '请在 Windows 设置中开启“自动设置时间”，或联系单位IT人员校准时间；时间不准会导致证书被误判为过期。',
  },
  SERVICE_OK: {
    message: '社保服务器连接正常：{host}（{ms}毫秒）。',
    action: '无需处理。',
  },
  DNS_FAILED: {
    message: '无法解析社保服务器的地址：{host}。',
    action: '网络问题：请检查网络连接，尝试访问其他网站确认；单位内网请联系IT人员检查DNS设置。',
  },
  TLS_FAILED: {
    message: '与社保服务器的安全连接（HTTPS证书）校验失败：{host}。',
    action: '请先检查电脑时间是否准确；如单位使用代理或安全软件拦截HTTPS，请联系单位IT人员。',
  },
  SERVICE_UNREACHABLE: {
    message: '无法连接社保服务器：{host}。',
    action:
      '网络问题：请检查网络连接是否正常，可尝试访问其他网站确认；刷新或重启路由器；暂时关闭防火墙或安全软件测试（测试后请及时开启）。',
  },
  SERVICE_BAD_ANSWER: {
    message: '社保服务器的回应异常（{status}）：{host}。',
    action: '请稍后再试；如长时间无法使用，请拨打12333咨询或联系单位IT人员。',
  },
  PROXY_OK: {
    message: '代理服务器可以连接：{proxy}。',
    action: '无需处理。',
  },
  PROXY_UNREACHABLE: {
    message: '无法连接单位设置的代理服务器：{proxy}。',
    action: '请联系单位IT人员检查代理服务器是否正常。',
  },
  MAINTENANCE_NOW: {
    message: '社保系统正在维护，预计{until}结束。',
    action:
      '维护期间无法登录和上传；已保存的草稿不受影响，维护结束后程序会自动上传。请避开维护时间（如每月最后一天、工作日22:00后）办理。',
  },
  MAINTENANCE_NONE: {
    message: '社保系统当前未在维护。',
    action: '部分社保系统会在每月最后一天、法定工作日22:00后维护升级，请避开这些时段办理。',
  },
  MAINTENANCE_NEXT: {
    message: '社保系统当前未在维护；下次维护：{from}至{until}。',
    action: '维护期间无法登录和上传，请避开这段时间办理；已保存的草稿不受影响。',
  },
  BROWSER_NOT_NEEDED: {
    message: '本程序不使用浏览器插件（ActiveX控件），也不需要IE兼容模式。',
    action: '网站提示安装插件或更换浏览器的问题在本程序中不会出现；请勿安装来源不明的插件。',
  },
  // --- this PC ---
  DB_OK: {
    message: '本机数据库完好（{count}个，共{size}）。',
    action: '无需处理。',
  },
  DB_NONE: {
    message: '本机还没有申报数据库。',
    action: '首次登录后会自动创建，无需处理。',
  },
  DB_DAMAGED: {
    message: '本机数据库检查未通过：{file}。',
    action: '请不要继续录入，点击“导出诊断包”发给单位IT人员或服务热线，由他们帮助恢复。',
  },
  DISK_OK: {
    message: '磁盘可用空间充足（剩余{free}）。',
    action: '无需处理。',
  },
  DISK_LOW: {
    message: '磁盘可用空间不足（仅剩{free}）。',
    action: '请清理磁盘（清空回收站、删除不用的下载文件）后再录入和上传申报。',
  },
  VERSIONS: {
    message: '社保经办助手 {app}；{parts}。',
    action: '联系服务热线时请告知此版本号。',
  },
  CHECK_FAILED: {
    message: '这一项检查未能完成：{check}。',
    action: '请重试自检；如仍出现，请导出诊断包发给单位IT人员。',
  },
  // --- updates ---
  UPDATE_READY: {
    message: '新版本 {version} 已下载。',
    action: '关闭程序时将自动安装，正在录入的申报不受影响。',
  },
  UPDATE_CHECKSUM_MISMATCH: {
    message: '下载的更新文件校验失败（sha512 不符），已丢弃。',
    action: '本次不会安装；请联系单位IT人员检查更新服务器上的文件。',
  },
  UPDATE_FAILED: {
    message: '检查更新失败。',
    action: '不影响使用；程序稍后会再次检查，或联系单位IT人员。',
  },
  // --- print ---
  PRINT_NOTHING: {
    message: '这份申报没有可打印的内容。',
    action: '请先录入人员并保存后再打印。',
  },
  PRINT_USE_BROWSER_DIALOG: {
    message: '请在浏览器的打印窗口中导出PDF。',
    action: '在打印窗口的“目标打印机”中选择“另存为PDF”，然后点击“保存”。',
  },
  PRINT_PDF_FAILED: {
    message: '导出PDF失败。',
    action: '请确认所选位置可以写入、文件没有在其他程序中打开，然后重试。',
  },
  PRINT_NO_RECEIPT: {
    message: '这份申报还没有回执。',
    action: '上传成功后才有社保服务器的回执，请在“业务记录”中查看状态。',
  },
} as const satisfies Record<string, { message: string; action: string }>;
