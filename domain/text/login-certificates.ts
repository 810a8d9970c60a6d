// Headings of the login screen's certificate list, grouped by whom the certificates belong to.
export const loginCertificatesText = {
  unitCertificates: '本单位的单位证书',
  personCertificates: (name: string, n: number) => `${name}的个人证书（${n}张）`,
} as const;
