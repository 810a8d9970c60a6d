// A big unit's 增员 declaration as the records hold it (messy names, a missing wage), for the
// print layout's tests and its bench page.
export function additionRows(count: number): { rowNo: number; data: Record<string, unknown> }[] {
  const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '欧阳', '司马'];
  const given = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇'];
  return Array.from({ length: count }, (_, i) => ({
    rowNo: i,
    data: {
      reason: i % 7 === 0 ? 'transferIn' : 'newEnrolment',
      name: `${surnames[i % surnames.length]}${given[(i * 7) % given.length]}${i % 13 === 0 ? ' ' : ''}`,
      documentType: 'residentId',
      documentNumber: `3201151990${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}X`,
      gender: i % 2 === 0 ? 'male' : 'female',
      birthDate: '1990-01-01',
      householdType: 'localUrban',
      employmentType: 'contract',
      insuredFrom: '2026-11-01',
      // Every 50th person has no wage typed yet.
      wageFen: i % 50 === 49 ? null : 500_000 + i * 37,
      kinds: {},
      mobile: '',
    },
  }));
}

/** The sum of the wages above, in fen. */
export function additionWageTotalFen(count: number): number {
  let sum = 0;
  for (let i = 0; i < count; i++) if (i % 50 !== 49) sum += 500_000 + i * 37;
  return sum;
}
