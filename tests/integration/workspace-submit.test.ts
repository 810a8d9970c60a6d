// Submit: only a draft without errors (warnings confirmed) goes to the outbox, and state and
// outbox row change together in one transaction.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { declarationSubmitPayloadSchema, ULID_PATTERN } from '../../domain/protocol/sync';
import {
  additionRow,
  appErrorCodeOf,
  makeWorkspace,
  MONTH,
  rosterPerson,
  UNIT,
  type TestWorkspace,
} from './workspace-support';

let t: TestWorkspace;
beforeEach(() => {
  t = makeWorkspace();
  t.ws.saveRoster(UNIT.unitNo, [rosterPerson(500)]);
});
afterEach(() => t.close());

const outbox = () =>
  t.store.db().prepare('SELECT * FROM outbox').all() as Array<{
    mutation_id: string;
    unit_no: string;
    declaration_id: string;
    kind: string;
    payload_json: string;
    state: string;
  }>;

describe('submit to the outbox', () => {
  it('a draft with errors is refused and nothing reaches the outbox', () => {
    const d = t.ws.create({ unitNo: UNIT.unitNo, kind: 'addition', month: MONTH });
    // Person 500 is already insured: ALREADY_INSURED is an error.
    t.ws.edit(d.id, [], [additionRow(1), additionRow(500)]);
    expect(appErrorCodeOf(() => t.ws.submit(d.id, true))).toBe('DECLARATION_HAS_ERRORS');
    expect(outbox()).toEqual([]);
    expect(t.ws.summary(d.id).state).toBe('draft');
  });

  it('warnings need confirmWarnings: true', () => {
    const d = t.ws.create({ unitNo: UNIT.unitNo, kind: 'addition', month: MONTH });
    t.ws.edit(d.id, [], [additionRow(1, { wageFen: 100_000 })]); // below the lower bound: warning
    expect(appErrorCodeOf(() => t.ws.submit(d.id, false))).toBe('DECLARATION_WARNINGS_UNCONFIRMED');
    expect(outbox()).toEqual([]);
    const { mutationId } = t.ws.submit(d.id, true);
    expect(outbox()).toHaveLength(1);
    expect(outbox()[0]!.mutation_id).toBe(mutationId);
  });

  it('a clean draft becomes 待上传 with exactly one pending outbox row carrying its rows', () => {
    const d = t.ws.create({ unitNo: UNIT.unitNo, kind: 'addition', month: MONTH });
    const rows = [additionRow(1), additionRow(2), additionRow(3)];
    t.ws.edit(d.id, [], rows);
    const { declaration, mutationId } = t.ws.submit(d.id, false);
    expect(mutationId).toMatch(ULID_PATTERN);
    expect(declaration.state).toBe('queued');
    expect(declaration.submittedAt).not.toBeNull();
    const [row] = outbox();
    expect(row).toMatchObject({
      mutation_id: mutationId,
      unit_no: UNIT.unitNo,
      declaration_id: d.id,
      kind: 'declaration.submit',
      state: 'pending',
    });
    const payload = declarationSubmitPayloadSchema.parse(JSON.parse(row!.payload_json));
    expect(payload).toEqual({ declarationId: d.id, type: 'addition', month: MONTH, rows });
    // Submitted: no more edits, no second submit, no delete.
    expect(
      appErrorCodeOf(() => t.ws.setCells(d.id, [{ rowNo: 0, field: 'name', value: '改' }])),
    ).toBe('DECLARATION_NOT_DRAFT');
    expect(appErrorCodeOf(() => t.ws.submit(d.id, true))).toBe('DECLARATION_NOT_DRAFT');
    expect(appErrorCodeOf(() => t.ws.delete(d.id))).toBe('DECLARATION_NOT_DRAFT');
    expect(outbox()).toHaveLength(1);
  });

  it('if the outbox row cannot be written, the declaration stays a draft', () => {
    const d = t.ws.create({ unitNo: UNIT.unitNo, kind: 'addition', month: MONTH });
    t.ws.edit(d.id, [], [additionRow(1)]);
    // Make the outbox insert fail inside the submit transaction.
    t.store
      .db()
      .exec(
        `CREATE TRIGGER outbox_fail BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END;`,
      );
    expect(() => t.ws.submit(d.id, true)).toThrow(/disk full/);
    expect(t.ws.summary(d.id).state).toBe('draft');
    expect(t.ws.summary(d.id).submittedAt).toBeNull();
    t.store.db().exec('DROP TRIGGER outbox_fail');
    expect(t.ws.submit(d.id, true).declaration.state).toBe('queued');
  });

  it('an empty draft cannot be submitted', () => {
    const d = t.ws.create({ unitNo: UNIT.unitNo, kind: 'reduction', month: MONTH });
    expect(appErrorCodeOf(() => t.ws.submit(d.id, true))).toBe('DECLARATION_EMPTY');
  });
});
