// The one rule deciding whom a certificate names, so that a person's certificate can never pass
// for a unit's:
//
//   1. A subject whose serialNumber (2.5.4.5) is shaped like a resident ID is a PERSON
//      certificate — whatever else it carries (an employer's O or USCC included). The ID must
//      pass GB 11643 and the subject must have a CN, or the certificate names no one.
//   2. Only a subject with no such serialNumber is a UNIT certificate, and only when its
//      organizationIdentifier (2.5.4.97) is a well-formed USCC (GB 32100) and it has a CN.
//   3. Anything else names no one (CERT_PROFILE_INVALID).
//
// The subject attributes are those of domain/certificate-subject.ts.
import { OID, type CertificateHolder, type SubjectAttribute } from '../certificate-subject';
import { checkResidentId, checkUscc } from '../ids';

const RESIDENT_ID_SHAPE = /^(\d{17}[\dXx]|\d{15})$/;

function first(attrs: readonly SubjectAttribute[], oid: string): string | undefined {
  return attrs.find((a) => a.oid === oid)?.value.trim() || undefined;
}

/** The holder a certificate's subject names under the rule above, or null for no one. */
export function certificateProfile(attrs: readonly SubjectAttribute[]): CertificateHolder | null {
  const name = first(attrs, OID.commonName);
  if (!name) return null;
  const serial = first(attrs, OID.serialNumber);
  if (serial !== undefined && RESIDENT_ID_SHAPE.test(serial)) {
    // A 15-digit ID is valid but old: the person is known by the 18-digit form.
    const id = checkResidentId(serial, { today: '9999-12-31' });
    const residentId = id.ok ? id.normalized : id.upgraded;
    if (!residentId) return null;
    const unitName = first(attrs, OID.organization);
    return unitName
      ? { kind: 'person', name, residentId, unitName }
      : { kind: 'person', name, residentId };
  }
  const uscc = first(attrs, OID.organizationIdentifier);
  if (uscc === undefined) return null;
  const checked = checkUscc(uscc);
  // Some real USCCs fail their check digit; the format must hold, and the directory decides.
  if (checked.ok) return { kind: 'unit', name, uscc: checked.normalized };
  return checked.confirmable ? { kind: 'unit', name, uscc: uscc.toUpperCase() } : null;
}
