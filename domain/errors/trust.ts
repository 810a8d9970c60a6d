// Errors of the data kept on this PC: the encrypted per-person database and its key, backups and
// their restore, the audit log, a locked session, and spreadsheets too large to read safely.
export const trustErrors = {
  STORE_KEY_MISSING: {
    message: '本机申报数据已加密保存，但找不到它的密钥，无法打开。',
    action: '请用“用户中心 → 备份与恢复”恢复最近的备份；不要删除数据文件，并联系单位IT人员。',
  },
  STORE_KEY_UNREADABLE: {
    message: '本机申报数据的密钥无法读取（可能是换了Windows账号或系统重装）。',
    action: '请用原来的Windows账号登录本电脑后再打开；或用“用户中心 → 备份与恢复”恢复备份。',
  },
  DEBUG_SWITCH_REFUSED: {
    message: '本程序不能以调试方式启动（{switches}）。',
    action: '请从开始菜单或桌面快捷方式启动；如快捷方式被改动过，请联系单位IT人员重新安装。',
  },
  BRIDGE_BUSY: {
    message: '社保经办助手已在另一个浏览器窗口中打开。',
    action: '请回到已打开的那个窗口继续办理；如那个窗口已关闭，请刷新本页。',
  },
  SESSION_LOCKED: {
    message: 'U盾已拔出，会话已锁定，暂不能处理申报数据。',
    action: '请重新插入U盾并输入密码解锁后再继续。',
  },
  BACKUP_PASSWORD_WEAK: {
    message: '备份密码至少需要8位。',
    action: '请设置一个至少8位、不易被猜到的备份密码，并妥善保管：忘记密码将无法恢复备份。',
  },
  BACKUP_PASSWORD_WRONG: {
    message: '备份密码不正确，或备份文件已被改动。',
    action: '请核对备份密码后重试；本机现有数据没有任何改变。',
  },
  BACKUP_FILE_DAMAGED: {
    message: '这个文件不是完整的社保经办助手备份文件（可能已损坏或未复制完整）。',
    action: '请重新复制备份文件后再恢复；本机现有数据没有任何改变。',
  },
  BACKUP_OTHER_PERSON: {
    message: '这个备份属于另一位经办人（{holder}），不能恢复到当前登录人的数据中。',
    action: '请由备份所属的经办人用自己的U盾登录后恢复；本机现有数据没有任何改变。',
  },
  BACKUP_WRITE_FAILED: {
    message: '备份文件无法写入所选位置。',
    action: '请换一个有写入权限且空间足够的位置（如“文档”或U盘）后重试。',
  },
  AUDIT_EXPORT_FAILED: {
    message: '操作日志无法导出到所选位置。',
    action: '请换一个有写入权限的位置后重试。',
  },
  IMPORT_RANGE_TOO_LARGE: {
    message:
      '这个表格声明的数据范围过大（{rows}行×{columns}列），超出本程序一次能导入的上限（{maxRows}行×{maxColumns}列）。',
    action: '请在Excel中删除多余的空行空列，或把数据分成几个文件后分别导入。',
  },
  IMPORT_TOO_SLOW: {
    message: '读取这个表格用时过长，已停止导入。',
    action: '请在Excel中将其另存为新的xlsx文件（只保留需要的工作表和数据）后再导入。',
  },
} as const satisfies Record<string, { message: string; action: string }>;
