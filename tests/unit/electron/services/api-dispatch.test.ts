import { describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../../electron/services/api-dispatch';
import { recordingServices } from '../../../support/fake-services';

const ctx = { transport: 'ipc' as const };

describe('the one entry point for renderer calls', () => {
  it('answers an unknown method with INVALID_INPUT and calls nothing', async () => {
    const { services, calls } = recordingServices();
    const result = await dispatch(services.handlers, 'fs.readFile', {}, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(calls).toHaveLength(0);
  });

  it('rejects a malformed payload before the handler runs', async () => {
    const { services, calls } = recordingServices();
    const result = await dispatch(
      services.handlers,
      'auth.login',
      { certificateId: 42, pin: '1' },
      ctx,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(calls).toHaveLength(0);
  });

  it('rejects extra fields a renderer should not send', async () => {
    const { services, calls } = recordingServices();
    const result = await dispatch(services.handlers, 'app.info', { path: '/etc/passwd' }, ctx);
    expect(result.ok).toBe(false);
    expect(calls).toHaveLength(0);
  });

  it('turns a token error into its zh-CN sentence and what to do', async () => {
    const { services } = recordingServices();
    const result = await dispatch(
      services.handlers,
      'auth.login',
      { certificateId: 'x', pin: '000000', confirmedFinalTry: false },
      ctx,
    );
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'PIN_INCORRECT',
        message: 'U盾密码（PIN码）错误。',
        action: '请核对后重新输入。连续输错多次U盾会被锁定。',
      },
    });
  });

  it('never shows an unexpected error’s details, and never logs the PIN', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { services } = recordingServices({
      'auth.login': async () => {
        throw new Error('segfault in vendor.dll at 0xdeadbeef');
      },
    });
    const traced: string[] = [];
    const result = await dispatch(
      services.handlers,
      'auth.login',
      { certificateId: 'x', pin: '987654', confirmedFinalTry: false },
      ctx,
      (entry) => traced.push(JSON.stringify(entry)),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('0xdeadbeef');
    const logged = errors.mock.calls.flat().join(' ') + traced.join(' ');
    expect(logged).not.toContain('987654');
    expect(traced[0]).toContain('auth.login');
    errors.mockRestore();
  });

  it('refuses to pass on an output that breaks the contract', async () => {
    const { services } = recordingServices({
      'auth.session': async () => ({ not: 'a session' }) as never,
    });
    const result = await dispatch(services.handlers, 'auth.session', {}, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('returns the parsed value of a good call', async () => {
    const { services } = recordingServices();
    const result = await dispatch(services.handlers, 'app.info', {}, ctx);
    expect(result).toEqual({
      ok: true,
      value: {
        mode: 'browser',
        version: '0.0.0-test',
        serverOrigin: 'http://127.0.0.1:1',
        testMode: true,
      },
    });
  });
});
