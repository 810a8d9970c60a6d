// Words of the 用户中心 pages about the data kept on this PC: 操作日志 (the audit log) and
// 备份与恢复 (encrypted backups).
export const trustText = {
  audit: {
    title: '操作日志',
    intro:
      '本机记录的每次登录、退出、锁定、提交、导入、导出、备份和恢复。日志逐条加密链接，任何改动或删除都会被发现。',
    chainOk: (n: number) => `日志完整：共 ${n} 条，未发现改动或删除。`,
    chainBroken: (seq: number, reason: 'edited' | 'deleted' | 'truncated') =>
      `日志不完整：第 ${seq} 条起${
        reason === 'edited'
          ? '内容被改动'
          : reason === 'deleted'
            ? '有记录被删除'
            : '最近的记录被删除'
      }。请联系单位IT人员检查本电脑。`,
    action: '操作',
    result: '结果',
    from: '开始日期',
    to: '结束日期',
    all: '全部',
    apply: '查询',
    export: '导出日志',
    empty: '没有符合条件的记录。',
    columns: {
      seq: '序号',
      at: '时间',
      action: '操作',
      person: '操作人',
      unit: '单位',
      result: '结果',
      detail: '说明',
    },
    actions: {
      login: '登录',
      logout: '退出',
      lock: '锁定（U盾拔出）',
      unlock: '解锁',
      submit: '提交申报',
      import: '导入',
      export: '导出',
      backup: '备份',
      restore: '恢复',
    },
    results: { ok: '成功', failed: '失败' },
    sheetName: '操作日志',
    fileName: (date: string) => `操作日志_${date}.xlsx`,
    page: (from: number, to: number, total: number) => `第 ${from}–${to} 条，共 ${total} 条`,
    previous: '上一页',
    next: '下一页',
  },
  backup: {
    title: '备份与恢复',
    backupHeading: '备份本机数据',
    backupIntro:
      '把您在本电脑上的全部申报草稿、人员名册、业务记录和操作日志备份成一个加密文件，可保存到U盘或其他位置，用于换电脑或重装系统后恢复。',
    password: '备份密码',
    passwordConfirm: '再次输入备份密码',
    passwordHint: '至少8位。恢复时需要这个密码，忘记密码将无法恢复，本程序也无法找回。',
    mismatch: '两次输入的备份密码不一致。',
    create: '生成备份文件',
    created: (file: string) => `备份文件已生成：${file}。请妥善保存备份文件和备份密码。`,
    restoreHeading: '从备份恢复',
    restoreIntro:
      '用备份文件替换本电脑上您的全部数据。恢复前会先完整检查备份文件；密码不对或文件损坏时，本机现有数据不会有任何改变。',
    chooseFile: '选择备份文件',
    noFile: '未选择文件',
    restore: '恢复数据',
    confirmTitle: '确认恢复',
    confirmText: '恢复后，本电脑上您现有的数据将被备份中的数据替换。确定继续吗？',
    confirm: '确定恢复',
    cancel: '取消',
    restored: (createdAt: string, declarations: number, roster: number) =>
      `已恢复 ${createdAt} 的备份：${declarations} 份申报，名册 ${roster} 人。`,
    fileName: (date: string) => `社保经办助手备份_${date}.sbbak`,
    restoredDetail: (createdAt: string) => `备份时间 ${createdAt.slice(0, 16).replace('T', ' ')}`,
  },
} as const;
