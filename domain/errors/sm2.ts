// Errors of 国密 (SM2/SM3) certificates and signatures, on the token and on the service.
export const sm2Errors = {
  SM2_SIGNATURE_NOT_RAW: {
    message: '国密证书签名格式不正确。',
    action: '请升级到最新版本后重新登录；如仍出现，请联系单位IT人员。',
  },
  SM2_MECHANISM_UNSUPPORTED: {
    message: '此U盾的驱动不支持国密（SM2）签名。',
    action: '请安装U盾厂商最新的国密驱动后重新插拔U盾；如仍不行，请联系CA机构。',
  },
} as const satisfies Record<string, { message: string; action: string }>;
