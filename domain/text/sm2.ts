// Words of the certificate picker about how a certificate signs: its algorithm (SM2, RSA or ECC)
// and the interface its U盾 is reached through (PKCS#11 or SKF).
export const sm2Text = {
  algorithm: '算法',
  interface: '接口',
  interfaceNames: { pkcs11: 'PKCS#11', skf: 'SKF', soft: '软证书' },
} as const;
