// 月度申报 and the roster through the contract, as the workspace screens call them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api } from '../../electron/contract/api';
import type { CallContext } from '../../electron/services/app-services-types';
import { workspaceHandlers } from '../../electron/services/workspace/workspace-handlers';
import {
  makeWorkspace,
  MONTH,
  resourcesDir,
  rosterPerson,
  UNIT,
  type TestWorkspace,
} from './workspace-support';

let t: TestWorkspace;
let call: (method: string, input: unknown) => Promise<unknown>;
const ctx: CallContext = { transport: 'browser' };

beforeEach(() => {
  t = makeWorkspace();
  const handlers = workspaceHandlers({
    workspace: t.ws,
    imports: t.imports,
    resourcesDir,
  }) as Record<string, (input: unknown, ctx: CallContext) => Promise<unknown>>;
  call = async (method, input) => {
    const spec = api[method as keyof typeof api];
    const out = await handlers[method]!(spec.input.parse(input), ctx);
    return spec.output.parse(out);
  };
});
afterEach(() => t.close());

describe('月度申报 and 参保人员', () => {
  it('lists the roster and computes a monthly declaration from it', async () => {
    t.ws.saveRoster(UNIT.unitNo, [rosterPerson(1), rosterPerson(2)]);
    const roster = (await call('workspace.roster', {
      unitNo: UNIT.unitNo,
      offset: 0,
      limit: 50,
    })) as { total: number };
    expect(roster.total).toBe(2);
    const monthly = (await call('workspace.create', {
      unitNo: UNIT.unitNo,
      kind: 'monthly',
      month: MONTH,
    })) as {
      id: string;
    };
    const rows = (await call('workspace.rows', {
      declarationId: monthly.id,
      offset: 0,
      limit: 10,
    })) as { total: number };
    expect(rows.total).toBe(2);
  });
});
