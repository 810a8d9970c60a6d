// What a new, empty line of a declaration holds, for the grid and the service alike.
import { noKinds } from '../insurance/kinds';
import type { AdditionRow } from './addition';
import type { BaseRow } from './base-declaration';
import type { ReductionRow } from './reduction';

import type { EditableKind as EditableDeclarationKind } from '../declaration-kind';

export function blankRow(kind: EditableDeclarationKind): AdditionRow | ReductionRow | BaseRow {
  switch (kind) {
    case 'addition':
      return {
        reason: null,
        name: '',
        documentType: null,
        documentNumber: '',
        gender: null,
        birthDate: '',
        householdType: null,
        employmentType: null,
        insuredFrom: '',
        wageFen: null,
        kinds: { ...noKinds },
        mobile: '',
      };
    case 'reduction':
      return {
        reason: null,
        name: '',
        documentType: null,
        documentNumber: '',
        stopKinds: { ...noKinds },
        lastPaidMonth: '',
      };
    case 'base':
      return { name: '', documentType: null, documentNumber: '', lastYearAverageWageFen: null };
  }
}
