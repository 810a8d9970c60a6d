// The service keeps IDs in one form whatever a client sends (full-width digits, spaces, a
// lower-case x), and refuses a row that still holds text its field could not read.
import { describe, expect, it } from 'vitest';
import { indexRoster } from '../../domain/declarations/roster';
import { residentIdCheckDigit } from '../../domain/ids';
import { checkDeclaration } from '../../server/sync/check-declaration';
import { loadRegionTables } from '../../server/sync/regions';

const tables = loadRegionTables();
const ctx = { tables, regionCode: '320102', roster: indexRoster([]), today: '2024-07-15' };

function idEndingInX(): string {
  for (let seq = 0; seq < 1000; seq++) {
    const first17 = `32010219900101${String(seq).padStart(3, '0')}`;
    if (residentIdCheckDigit(first17) === 'X') return `${first17}X`;
  }
  throw new Error('no ID ending in X');
}

function row(documentNumber: string, extra: Record<string, unknown> = {}) {
  return {
    reason: 'newEnrolment',
    name: '王伟',
    documentType: 'residentId',
    documentNumber,
    gender: null,
    birthDate: '',
    householdType: 'localUrban',
    employmentType: 'contract',
    insuredFrom: '2024-07-01',
    wageFen: 800_000,
    kinds: { pension: true, medical: true, unemployment: true, injury: true, maternity: true },
    mobile: '',
    ...extra,
  };
}

const payload = (rows: unknown[]) => ({
  declarationId: '01J00000000000000000000000',
  type: 'addition' as const,
  month: '2024-07',
  rows,
});

describe('declaration values on the service', () => {
  it('stores a full-width, spaced, lower-case-x ID as ASCII with an upper-case X', () => {
    const id = idEndingInX();
    const messy = ` ${id.slice(0, 6)} ${id.slice(6, 17)}x`.replace(/[0-9]/g, (c) =>
      String.fromCharCode(c.charCodeAt(0) + 0xfee0),
    );
    const out = checkDeclaration(payload([row(messy)]), ctx);
    expect(out.ok).toBe(true);
    if (out.ok && out.declaration.kind === 'addition')
      expect(out.declaration.rows[0]!.documentNumber).toBe(id);
  });

  it('refuses a row that still holds unread text', () => {
    const out = checkDeclaration(
      payload([row(idEndingInX(), { wageFen: null, raw: { wageFen: '面议' } })]),
      ctx,
    );
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.message).toContain('面议');
  });
});
