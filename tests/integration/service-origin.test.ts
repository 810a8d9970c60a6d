// What the U盾 signs names the service; a challenge naming any other origin is refused before
// anything is signed, so a server in the middle cannot relay a real challenge.
import { afterEach, describe, expect, it } from 'vitest';
import { ServiceClient } from '../../electron/services/net/service-client';
import { challengeResponseSchema } from '../../domain/protocol/auth';
import { createTestPki } from '../pki/pki';
import { startServer, type RunningServer } from '../server/support';

let server: RunningServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function challengeFrom(client: ServiceClient) {
  return client.request('/v1/auth/challenge', challengeResponseSchema);
}

describe('the service origin in signed text', () => {
  it('accepts a challenge from the service the client is configured for', async () => {
    server = await startServer({ pki: await createTestPki() });
    const client = new ServiceClient(server.url);
    const challenge = await challengeFrom(client);
    expect(() => client.assertServiceOrigin(challenge.origin)).not.toThrow();
  });

  it('refuses a challenge that names another origin', async () => {
    server = await startServer({ pki: await createTestPki(), origin: 'https://si.example.gov.cn' });
    const client = new ServiceClient(server.url);
    const challenge = await challengeFrom(client);
    expect(() => client.assertServiceOrigin(challenge.origin)).toThrow(
      expect.objectContaining({ code: 'SERVICE_ORIGIN_MISMATCH' }),
    );
  });

  it('behind a proxy, the configured service origin is what counts', async () => {
    server = await startServer({ pki: await createTestPki(), origin: 'https://si.example.gov.cn' });
    const client = new ServiceClient(server.url, { serviceOrigin: 'https://si.example.gov.cn' });
    const challenge = await challengeFrom(client);
    expect(() => client.assertServiceOrigin(challenge.origin)).not.toThrow();
  });
});
