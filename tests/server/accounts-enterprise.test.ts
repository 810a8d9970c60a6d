// The 法人 authorizing 经办人 per 参保关系 (seed 003 ch. 3): agents added, changed, deleted,
// granted and revoked; grants seen at the agent's next certificate login and gone after
// revocation; the counter's authorization (5.3); password sessions cannot push declarations;
// the business guides.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentsResponseSchema, guidesResponseSchema } from '../../domain/protocol/accounts';
import { certLoginResponseSchema } from '../../domain/protocol/auth';
import { demoPersons, demoUnits, personHolder } from '../../server/demo/demo-data';
import { demoSecondInsurance, demoUnitAccount } from '../../server/demo/demo-accounts';
import { createTestPki, leafSpec, type SoftwareIssuedCertificate } from '../pki/pki';
import {
  call,
  expectError,
  passwordSession,
  reviewerCall,
  startAccountsServer,
} from './accounts-support';
import { login, loginSession, type RunningServer } from './support';
import { additionRow, serviceMonth, signedBatch, submitMutation, ulid } from './sync-support';

let server: RunningServer;
let legalCert: SoftwareIssuedCertificate;
let agentCert: SoftwareIssuedCertificate;
let wangCert: SoftwareIssuedCertificate;
const [yunfan] = demoUnits;
const { legal, agent, unauthorized: wang } = demoPersons;

beforeAll(async () => {
  const pki = await createTestPki();
  legalCert = await pki.issueWithSoftwareKey(leafSpec(personHolder(legal)), 'ec');
  agentCert = await pki.issueWithSoftwareKey(leafSpec(personHolder(agent)), 'ec');
  wangCert = await pki.issueWithSoftwareKey(leafSpec(personHolder(wang)), 'ec');
  server = await startAccountsServer(pki);
});
afterAll(async () => {
  await server?.close();
});

const agents = (session: string, query = '') =>
  call(server.url, 'GET', `/v1/enterprise/agents${query}`, undefined, session);

describe('授权登录', () => {
  it('the unit account (as 法人) lists its 参保关系 and its agents with their grants', async () => {
    const { session } = await passwordSession(
      server.url,
      demoUnitAccount.account,
      demoUnitAccount.password,
    );
    const res = await agents(session);
    expect(res.status).toBe(200);
    const body = agentsResponseSchema.parse(res.body);
    expect(body.units.map((u) => u.unitNo)).toEqual([yunfan.unitNo, demoSecondInsurance.unitNo]);
    expect(body.agents).toEqual([
      {
        residentId: agent.residentId,
        name: '李娜',
        mobile: demoUnitAccount.agentMobile,
        grantedUnitNos: [yunfan.unitNo],
      },
    ]);
  });

  it('a 法人 of two enterprises chooses one; an agent is FORBIDDEN', async () => {
    const session = await loginSession(server.url, legalCert);
    expectError(await agents(session), 400, 'ENTERPRISE_CHOICE_REQUIRED');
    expect((await agents(session, `?uscc=${yunfan.uscc}`)).status).toBe(200);
    expectError(await agents(session, '?uscc=91230103MA1BLN022M'), 403, 'FORBIDDEN');
    const agentSession = await loginSession(server.url, agentCert);
    expectError(await agents(agentSession), 403, 'FORBIDDEN');
    expectError(
      await call(
        server.url,
        'POST',
        '/v1/enterprise/agents',
        { residentId: wang.residentId, name: '王芳', mobile: '13800001111' },
        agentSession,
      ),
      403,
      'FORBIDDEN',
    );
  });

  it('adds 王芳, grants her one 参保关系: her next U盾 login reaches that unit; revoked, 5.2.2.2', async () => {
    const before = await login(server.url, wangCert);
    expect(expectError(before, 403, 'AGENT_NOT_AUTHORIZED').message).toBe(
      '未找到当前办事员账号信息，请联系法人授权或者去窗口授权!',
    );
    const { session } = await passwordSession(
      server.url,
      demoUnitAccount.account,
      demoUnitAccount.password,
    );
    const added = await call(
      server.url,
      'POST',
      '/v1/enterprise/agents',
      { residentId: wang.residentId, name: '王芳', mobile: '138 0000 1111' },
      session,
    );
    expect(added.status).toBe(201);
    expect(
      agentsResponseSchema.parse(added.body).agents.find((a) => a.residentId === wang.residentId),
    ).toEqual({
      residentId: wang.residentId,
      name: '王芳',
      mobile: '13800001111',
      grantedUnitNos: [],
    });
    const granted = await call(
      server.url,
      'PUT',
      `/v1/enterprise/agents/${wang.residentId}/grants`,
      { unitNos: [demoSecondInsurance.unitNo] },
      session,
    );
    expect(granted.status).toBe(200);

    const after = await login(server.url, wangCert);
    expect(after.status).toBe(200);
    expect(certLoginResponseSchema.parse(after.body).units).toEqual([
      {
        unitNo: demoSecondInsurance.unitNo,
        name: demoSecondInsurance.name,
        uscc: yunfan.uscc,
        role: 'agent',
      },
    ]);

    await call(
      server.url,
      'PUT',
      `/v1/enterprise/agents/${wang.residentId}/grants`,
      { unitNos: [] },
      session,
    );
    expectError(await login(server.url, wangCert), 403, 'AGENT_NOT_AUTHORIZED');
  });

  it('changes and deletes an agent; deleting takes her grants with her', async () => {
    const { session } = await passwordSession(
      server.url,
      demoUnitAccount.account,
      demoUnitAccount.password,
    );
    const changed = await call(
      server.url,
      'PUT',
      `/v1/enterprise/agents/${agent.residentId}`,
      { name: '李娜', mobile: '13912345678' },
      session,
    );
    expect(agentsResponseSchema.parse(changed.body).agents[0]!.mobile).toBe('13912345678');
    expect((await login(server.url, agentCert)).status).toBe(200);
    const deleted = await call(
      server.url,
      'DELETE',
      `/v1/enterprise/agents/${agent.residentId}`,
      undefined,
      session,
    );
    expect(deleted.status).toBe(200);
    expect(agentsResponseSchema.parse(deleted.body).agents.map((a) => a.residentId)).not.toContain(
      agent.residentId,
    );
    expectError(await login(server.url, agentCert), 403, 'AGENT_NOT_AUTHORIZED');
    expectError(
      await call(
        server.url,
        'DELETE',
        `/v1/enterprise/agents/${agent.residentId}`,
        undefined,
        session,
      ),
      404,
      'AGENT_NOT_FOUND',
    );
    // Put her back as she was for the tests after this one.
    await call(
      server.url,
      'POST',
      '/v1/enterprise/agents',
      { residentId: agent.residentId, name: '李娜', mobile: '13812345678' },
      session,
    );
    await call(
      server.url,
      'PUT',
      `/v1/enterprise/agents/${agent.residentId}/grants`,
      { unitNos: [yunfan.unitNo] },
      session,
    );
    expect((await login(server.url, agentCert)).status).toBe(200);
  });

  it('checks the ID digits, the name against the records, the mobile and the units', async () => {
    const { session } = await passwordSession(
      server.url,
      demoUnitAccount.account,
      demoUnitAccount.password,
    );
    const add = (body: object) =>
      call(
        server.url,
        'POST',
        '/v1/enterprise/agents',
        { residentId: wang.residentId, name: '王芳', mobile: '13800001111', ...body },
        session,
      );
    expectError(await add({ residentId: '320113199208084121' }), 400, 'ID_CHECK_DIGIT');
    expectError(
      await add({ residentId: agent.residentId, name: '李丽' }),
      400,
      'AGENT_NAME_MISMATCH',
    );
    expectError(await add({ mobile: '12' }), 400, 'MOBILE_INVALID');
    expectError(await add({ residentId: agent.residentId, name: '李娜' }), 409, 'AGENT_EXISTS');
    expectError(
      await call(
        server.url,
        'PUT',
        `/v1/enterprise/agents/${agent.residentId}/grants`,
        { unitNos: [demoUnits[1].unitNo] },
        session,
      ),
      400,
      'GRANT_UNIT_INVALID',
    );
  });
});

describe('correcting an agent the 法人 named', () => {
  it('a name only this 法人 typed may be corrected; a name on the records may not', async () => {
    const { session } = await passwordSession(
      server.url,
      demoUnitAccount.account,
      demoUnitAccount.password,
    );
    const newcomer = '320104199503021628';
    const added = await call(
      server.url,
      'POST',
      '/v1/enterprise/agents',
      { residentId: newcomer, name: '陈晶', mobile: '13955556666' },
      session,
    );
    expect(added.status).toBe(201);
    const fixed = await call(
      server.url,
      'PUT',
      `/v1/enterprise/agents/${newcomer}`,
      { name: '陈静', mobile: '13955556666' },
      session,
    );
    expect(
      agentsResponseSchema.parse(fixed.body).agents.find((a) => a.residentId === newcomer)!.name,
    ).toBe('陈静');
    expectError(
      await call(
        server.url,
        'PUT',
        `/v1/enterprise/agents/${agent.residentId}`,
        { name: '李丽', mobile: '13812345678' },
        session,
      ),
      400,
      'AGENT_NAME_MISMATCH',
    );
    // Deleted, the person this 法人 alone vouched for is unknown again (not merely unauthorized).
    await call(server.url, 'DELETE', `/v1/enterprise/agents/${newcomer}`, undefined, session);
    const qr = await call(server.url, 'POST', '/v1/auth/qr', { identity: 'agent' });
    const { qrId } = qr.body as { qrId: string };
    expectError(
      await call(server.url, 'POST', '/v1/essc/scan', {
        qrId,
        residentId: newcomer,
        decision: 'confirm',
      }),
      401,
      'PERSON_NOT_FOUND',
    );
  });
});

describe('窗口授权', () => {
  const png = Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489',
    'hex',
  );
  const request = (overrides: object = {}) => ({
    uscc: yunfan.uscc,
    legalResidentId: legal.residentId,
    agent: { residentId: wang.residentId, name: '王芳', mobile: '13800001111' },
    unitNos: [yunfan.unitNo],
    attachment: {
      fileName: '授权委托书.png',
      mimeType: 'image/png',
      dataBase64: png.toString('base64'),
    },
    ...overrides,
  });

  it('records a grant with the 授权委托书 image; the agent then logs in', async () => {
    const res = await reviewerCall(server.url, '/v1/review/enterprise-agents', request());
    expect(res.status).toBe(200);
    expect(
      agentsResponseSchema.parse(res.body).agents.find((a) => a.residentId === wang.residentId)!
        .grantedUnitNos,
    ).toEqual([yunfan.unitNo]);
    expect((await login(server.url, wangCert)).status).toBe(200);
  });

  it('5.3 when the USCC or the 法人 ID do not match the registration', async () => {
    const res = await reviewerCall(
      server.url,
      '/v1/review/enterprise-agents',
      request({ legalResidentId: agent.residentId }),
    );
    const error = expectError(res, 400, 'COUNTER_REGISTRATION_MISMATCH');
    expect(error.message).toBe(
      `系统没有识别到统一社会信用代码：${yunfan.uscc.slice(0, 10)}******** 以及法人信息证件号码：${agent.residentId.slice(0, 10)}********的有效公共服务注册信息，请在公共服务端办理注册后再由经办机构进行授权操作。`,
    );
    expectError(
      await reviewerCall(
        server.url,
        '/v1/review/enterprise-agents',
        request({ uscc: '91230103MA1BLN022M' }),
      ),
      400,
      'COUNTER_REGISTRATION_MISMATCH',
    );
  });

  it('refuses an attachment that is not an image, and callers without the reviewer token', async () => {
    expectError(
      await reviewerCall(
        server.url,
        '/v1/review/enterprise-agents',
        request({
          attachment: {
            fileName: 'a.png',
            mimeType: 'image/png',
            dataBase64: Buffer.from('not a picture').toString('base64'),
          },
        }),
      ),
      400,
      'ATTACHMENT_INVALID',
    );
    expectError(
      await call(server.url, 'POST', '/v1/review/enterprise-agents', request()),
      401,
      'REVIEWER_NOT_AUTHORIZED',
    );
  });
});

describe('what a password session may do', () => {
  it('reads records but a declaration push is refused: it needs the U盾 signature', async () => {
    const { session } = await passwordSession(
      server.url,
      demoUnitAccount.account,
      demoUnitAccount.password,
    );
    expect(
      (await call(server.url, 'GET', `/v1/units/${yunfan.unitNo}/changes`, undefined, session))
        .status,
    ).toBe(200);
    const unsigned = await call(
      server.url,
      'POST',
      `/v1/units/${yunfan.unitNo}/mutations`,
      { clientId: ulid(), mutations: [] },
      session,
    );
    expect(expectError(unsigned, 403, 'TOKEN_SIGNATURE_REQUIRED').action).toContain('U盾');
    // Not even with a signature made elsewhere: the session itself must come from the U盾.
    const signed = await signedBatch({
      origin: server.url,
      unitNo: yunfan.unitNo,
      clientId: ulid(),
      mutations: [submitMutation('addition', serviceMonth(), [additionRow(1, serviceMonth())])],
      certificate: legalCert,
    });
    const res = await call(
      server.url,
      'POST',
      `/v1/units/${yunfan.unitNo}/mutations`,
      signed,
      session,
    );
    expectError(res, 403, 'TOKEN_SIGNATURE_REQUIRED');
  });
});

describe('办事指南', () => {
  it('lists every business the app offers with its 实施机构 … 办理时间 and a version', async () => {
    const res = await call(server.url, 'GET', '/v1/guides');
    const body = guidesResponseSchema.parse(res.body);
    expect(body.guides.map((g) => g.business).sort()).toEqual([
      'addition',
      'base',
      'monthly',
      'reduction',
    ]);
    for (const guide of body.guides) {
      expect(guide.agency.length).toBeGreaterThan(0);
      expect(guide.legalBasis.length).toBeGreaterThan(0);
      expect(guide.process.length).toBeGreaterThan(0);
      expect(guide.hours.length).toBeGreaterThan(0);
    }
    const again = guidesResponseSchema.parse((await call(server.url, 'GET', '/v1/guides')).body);
    expect(again.version).toBe(body.version);
  });
});
