// Errors of U-Keys reached through their vendors' SKF (GM/T 0016) libraries.
export const skfErrors = {
  SKF_NO_APPLICATION: {
    message: 'U盾中没有找到证书应用。',
    action: '请确认插入的是CA机构发放的U盾；如仍不行，请联系CA机构检查U盾。',
  },
  SKF_NOT_SKF_LIBRARY: {
    message: '{file} 不是U盾的SKF接口驱动。',
    action:
      '请在设置中填写U盾厂商提供的SKF驱动文件（通常在安装目录或System32下），或重新安装U盾驱动。',
  },
  SKF_KEY_NOT_SM2: {
    message: '这张证书所在的U盾容器不是SM2密钥。',
    action: '请选择U盾中的其他证书；如只有这一张，请联系CA机构。',
  },
} as const satisfies Record<string, { message: string; action: string }>;
