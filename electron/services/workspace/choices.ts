// The choices of a field (value → label) as the field table of domain/declarations lists them:
// what export offers as a cell's drop-down and writes for a value.
import { fieldSpec } from '../../../domain/declarations/field-table';
import { documentTypeLabels } from '../../../domain/labels';
import type { DeclarationKind } from '../../../domain/declaration-kind';

type Kindish = DeclarationKind | 'roster';

export interface ChoiceSet {
  /** value → label */
  labels: Readonly<Record<string, string>>;
}

export function choicesFor(kind: Kindish, field: string): ChoiceSet | undefined {
  if (kind === 'monthly')
    return field === 'documentType' ? { labels: documentTypeLabels } : undefined;
  const list = fieldSpec(kind, field)?.choices;
  return list ? { labels: list.labels } : undefined;
}
