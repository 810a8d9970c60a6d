// Words for the help desk's line under a message: the stable code a clerk reads out when calling.
export const supportText = {
  detail: '详情（供技术支持）：',
} as const;
