import { PasswordInput, TextInput } from '@mantine/core';

/** A field that says what is wrong as you type (or, when right, nothing). */
export function CheckedInput({
  label,
  value,
  onChange,
  problem,
  password = false,
  description,
  maxLength = 40,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  problem: string | null;
  password?: boolean;
  description?: string;
  maxLength?: number;
}) {
  const props = {
    label,
    value,
    description,
    error: problem,
    maxLength,
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => onChange(e.currentTarget.value),
    inputWrapperOrder: ['label', 'input', 'description', 'error'] as (
      'label' | 'input' | 'description' | 'error'
    )[],
  };
  return password ? <PasswordInput {...props} /> : <TextInput {...props} />;
}
