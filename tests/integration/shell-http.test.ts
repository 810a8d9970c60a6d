// In the Electron app the services reach the service through the session's fetch, i.e. through
// IT's proxy. Here they are given a recording fetch and Node's own fetch is made to fail: logging
// in, syncing and 自检 must still work, each request showing up in the recording.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../../electron/services/app-services-types';
import type { DiagnosticsReport } from '../../electron/services/diagnostics/run-diagnostics';
import type { HttpFetch } from '../../electron/services/net/http-fetch';
import { lastTokenSnapshot, startSimServices, type SimServices } from './sim-services-support';

let sim: SimServices | undefined;
let services: AppServices;
const ctx = { transport: 'ipc' as const };
const nodeFetch = globalThis.fetch;
/** "METHOD /path" of every request the services made through the shell's fetch. */
const requests: string[] = [];
const shellFetch: HttpFetch = (url, init) => {
  requests.push(`${init.method ?? 'GET'} ${url.pathname}`);
  return nodeFetch(url, init);
};

beforeAll(async () => {
  sim = await startSimServices({ dataDirPrefix: 'shebao-http-', shell: { http: shellFetch } });
  services = sim.services;
  vi.stubGlobal('fetch', () => Promise.reject(new Error('the services must not use Node’s fetch')));
  // The token watch lists the demo tokens in the background.
  const started = Date.now();
  while ((lastTokenSnapshot(sim.events)?.tokens.length ?? 0) < 4) {
    if (Date.now() - started > 15_000) throw new Error('the demo tokens were not listed in 15 s');
    await new Promise((r) => setTimeout(r, 25));
  }
}, 120_000);

afterAll(async () => {
  vi.unstubAllGlobals();
  await sim?.close();
});

describe('the services’ own requests', () => {
  it('log in, sync and run 自检 through the fetch the shell gives them', async () => {
    const sha = sim!.manifest.tokens
      .flatMap((t) => t.certificates)
      .find((c) => c.scenario === 'legal-rsa')!.sha256;
    const cert = lastTokenSnapshot(sim!.events)!
      .tokens.flatMap((t) => t.certificates)
      .find((c) => c.sha256 === sha)!;
    const login = await services.call(
      'auth.login',
      { certificateId: cert.id, pin: sim!.manifest.userPin, confirmedFinalTry: false },
      ctx,
    );
    expect(login).toMatchObject({ ok: true });
    expect(requests).toContain('GET /v1/auth/challenge');
    expect(requests).toContain('POST /v1/auth/cert-login');

    // Sync pulls the unit's changes once a unit is chosen.
    const session = (login as { value: { units: { unitNo: string }[] } }).value;
    const chosen = await services.call(
      'auth.chooseUnit',
      { unitNo: session.units[0]!.unitNo },
      ctx,
    );
    expect(chosen).toMatchObject({ ok: true });
    await services.call('sync.now', {}, ctx);
    await expect
      .poll(() => requests.some((r) => /^GET \/v1\/units\/.+\/changes$/.test(r)), {
        timeout: 15_000,
      })
      .toBe(true);

    const report = await services.call('diagnostics.run', {}, ctx);
    expect(report.ok).toBe(true);
    const findings = (report as { value: DiagnosticsReport }).value.findings;
    expect(findings.map((f) => f.code)).toContain('SERVICE_OK');
    expect(requests).toContain('GET /v1/service/status');
  });
});
