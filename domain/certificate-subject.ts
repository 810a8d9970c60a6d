// How our certificates name their holder. Person certificates: CN = name, serialNumber
// (2.5.4.5) = resident ID, optional O = unit. Unit certificates: CN and O = unit name,
// organizationIdentifier (2.5.4.97) = USCC. Client and server read subjects only through here.
export const OID = {
  commonName: '2.5.4.3',
  serialNumber: '2.5.4.5',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  organizationIdentifier: '2.5.4.97',
} as const;

export interface SubjectAttribute {
  oid: string;
  value: string;
}

export type CertificateHolder =
  | { kind: 'person'; name: string; residentId: string; unitName?: string }
  | { kind: 'unit'; name: string; uscc: string };

function first(attrs: readonly SubjectAttribute[], oid: string): string | undefined {
  return attrs.find((a) => a.oid === oid)?.value.trim() || undefined;
}

/** Null when the subject fits neither profile (such a certificate cannot log in). */
export function readHolder(attrs: readonly SubjectAttribute[]): CertificateHolder | null {
  const name = first(attrs, OID.commonName);
  if (!name) return null;
  const uscc = first(attrs, OID.organizationIdentifier);
  if (uscc) return { kind: 'unit', name, uscc };
  const residentId = first(attrs, OID.serialNumber);
  if (!residentId) return null;
  const unitName = first(attrs, OID.organization);
  return unitName
    ? { kind: 'person', name, residentId, unitName }
    : { kind: 'person', name, residentId };
}

/** 110101********0016: enough to recognise, not enough to misuse. */
export function maskId(id: string): string {
  if (id.length <= 8) return id.replace(/.(?=.{2})/g, '*');
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}
