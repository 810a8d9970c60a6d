import { useState } from 'react';
import { CheckedInput } from './CheckedInput';
import { FieldRow } from './FieldRow';
import { residentIdProblem } from './field-checks';

/** A person's name and 身份证号 as typed, and whether they are complete and pass the checks. */
export function usePerson() {
  const [name, setName] = useState('');
  const [residentId, setResidentId] = useState('');
  const ready =
    name.trim() !== '' && residentId.trim() !== '' && residentIdProblem(residentId) === null;
  return { name, residentId, setName, setResidentId, ready };
}

export type PersonState = ReturnType<typeof usePerson>;

/** A person's name and 身份证号, as in the insured records; side by side when `row` is set. */
export function PersonFields({
  nameLabel,
  idLabel,
  person,
  row = false,
}: {
  nameLabel: string;
  idLabel: string;
  person: PersonState;
  row?: boolean;
}) {
  return (
    <FieldRow row={row}>
      <CheckedInput
        label={nameLabel}
        value={person.name}
        onChange={person.setName}
        problem={null}
        maxLength={50}
      />
      <CheckedInput
        label={idLabel}
        value={person.residentId}
        onChange={person.setResidentId}
        problem={residentIdProblem(person.residentId)}
      />
    </FieldRow>
  );
}
