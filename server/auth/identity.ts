// Who a verified certificate (or a session) is to the service, and which units they may act for.
// A unit certificate logs in as the unit itself, in the 法人's role.
import { maskId, type CertificateHolder } from '../../domain/certificate-subject';
import type { Person, UnitAccess } from '../../domain/protocol/auth';
import { forbidden, unauthorized } from '../errors';
import type { Directory } from '../store/directory';
import type { SessionSubject } from '../store/sessions';

export interface Identity {
  subject: SessionSubject;
  person: Person;
  units: UnitAccess[];
}

/** For a login: PERSON_NOT_FOUND for holders unknown here, AGENT_NOT_AUTHORIZED for no unit. */
export function identityOfHolder(directory: Directory, holder: CertificateHolder | null): Identity {
  if (!holder) throw unauthorized('PERSON_NOT_FOUND');
  const identity = identityOfSubject(
    directory,
    holder.kind === 'person'
      ? { kind: 'person', residentId: holder.residentId }
      : { kind: 'unit', uscc: holder.uscc },
  );
  if (!identity) throw unauthorized('PERSON_NOT_FOUND');
  if (identity.units.length === 0) throw forbidden('AGENT_NOT_AUTHORIZED');
  return identity;
}

/** Undefined when the subject is no longer in the directory. Units are read fresh each time. */
export function identityOfSubject(
  directory: Directory,
  subject: SessionSubject,
): Identity | undefined {
  if (subject.kind === 'unit') {
    // The unit acts as its 法人 for every 参保关系 it holds under its USCC.
    const units = directory.unitsByUscc(subject.uscc);
    const first = units[0];
    if (!first) return undefined;
    return {
      subject,
      person: { name: first.name, idMasked: maskId(first.uscc) },
      units: units.map((u) => ({ unitNo: u.unitNo, name: u.name, uscc: u.uscc, role: 'legal' })),
    };
  }
  const person = directory.findPerson(subject.residentId);
  if (!person) return undefined;
  return {
    subject,
    person: { name: person.name, idMasked: maskId(person.residentId) },
    units: directory.unitsOfPerson(person.residentId),
  };
}
