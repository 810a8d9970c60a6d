import { Group } from '@mantine/core';
import { CheckedInput } from './CheckedInput';
import { residentIdProblem } from './field-checks';

/** True when a name is given and the ID number passes its check. */
export function personReady(name: string, residentId: string): boolean {
  return name.trim() !== '' && residentId !== '' && residentIdProblem(residentId) === null;
}

/** A person's name and 身份证号, as in the insured records; side by side when `row` is set. */
export function PersonFields({
  nameLabel,
  idLabel,
  name,
  residentId,
  onName,
  onResidentId,
  row = false,
}: {
  nameLabel: string;
  idLabel: string;
  name: string;
  residentId: string;
  onName(value: string): void;
  onResidentId(value: string): void;
  row?: boolean;
}) {
  const fields = (
    <>
      <CheckedInput
        label={nameLabel}
        value={name}
        onChange={onName}
        problem={null}
        maxLength={50}
      />
      <CheckedInput
        label={idLabel}
        value={residentId}
        onChange={onResidentId}
        problem={residentIdProblem(residentId)}
      />
    </>
  );
  return row ? (
    <Group grow align="flex-start">
      {fields}
    </Group>
  ) : (
    fields
  );
}
