// Labels of the choice fields (from domain/labels.ts) per declaration kind, both ways, plus the
// synonyms of domain/declarations/import-headers.ts: what import reads and export writes.
import {
  additionReasonLabels,
  documentTypeLabels,
  employmentTypeLabels,
  genderLabels,
  householdTypeLabels,
  reductionReasonLabels,
} from '../../../domain/labels';
import type { DeclarationKind } from '../../../domain/declaration-kind';
import { valueSynonyms } from '../../../domain/declarations/import-headers';

type Kindish = DeclarationKind | 'roster';

export interface ChoiceSet {
  /** value → label */
  labels: Readonly<Record<string, string>>;
  /** label, value or synonym (normalized) → value */
  lookup: ReadonlyMap<string, string>;
}

function choiceSet(
  labels: Record<string, string>,
  synonyms: Record<string, string> = {},
): ChoiceSet {
  const lookup = new Map<string, string>();
  for (const [value, label] of Object.entries(labels)) {
    lookup.set(normalizeChoice(label), value);
    lookup.set(normalizeChoice(value), value);
  }
  for (const [word, value] of Object.entries(synonyms)) lookup.set(normalizeChoice(word), value);
  return { labels, lookup };
}

export function normalizeChoice(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

const documentType = choiceSet(documentTypeLabels, valueSynonyms.documentType);
const gender = choiceSet(genderLabels, valueSynonyms.gender);
const household = choiceSet(householdTypeLabels);
const employment = choiceSet(employmentTypeLabels);
const additionReason = choiceSet(additionReasonLabels);
const reductionReason = choiceSet(reductionReasonLabels);

export function choicesFor(kind: Kindish, field: string): ChoiceSet | undefined {
  switch (field) {
    case 'documentType':
      return documentType;
    case 'gender':
      return gender;
    case 'householdType':
      return household;
    case 'employmentType':
      return employment;
    case 'reason':
      return kind === 'reduction' ? reductionReason : additionReason;
    default:
      return undefined;
  }
}
