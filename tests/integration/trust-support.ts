// A logged-in session for the audit and backup tests (the services read only who and which unit).
import type { SessionView } from '../../electron/contract/views';
import { UNIT } from './workspace-support';

export function sessionFor(name = '张伟', locked = false): SessionView {
  const unit = {
    unitNo: UNIT.unitNo,
    name: '南京云帆贸易有限公司',
    uscc: UNIT.uscc,
    role: 'legal' as const,
  };
  return {
    person: { name, idMasked: '3201**********1234' },
    units: [unit],
    currentUnit: unit,
    certificate: {
      id: 'c1',
      tokenId: 't1',
      holderName: name,
      sha256: 'ab'.repeat(32),
      notAfter: '2030-01-01T00:00:00Z',
      status: { kind: 'valid', daysLeft: 1000 },
    },
    method: 'cert',
    mustChangePassword: false,
    lock: locked ? { reason: 'token-removed', since: '2026-12-01T08:00:00Z' } : null,
    expiresAt: '2030-01-01T00:00:00Z',
  };
}
