// Words of 用户中心, the person's own pages.
export const userCenterText = {
  title: '用户中心',
  account: '账号信息',
  person: '姓名',
} as const;
