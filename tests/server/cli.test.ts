// `npm run server` as the start script and other tests use it: a real process on a random port.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { challengeResponseSchema } from '../../domain/protocol/auth';
import { createTestPki, type TestPki } from '../pki/pki';

const ROOT = new URL('../..', import.meta.url).pathname;
const LISTENING = /^listening on (http:\/\/127\.0\.0\.1:(\d+))$/m;

let pki: TestPki;
let dir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  pki = await createTestPki();
  dir = await mkdtemp(join(tmpdir(), 'shebao-cli-'));
});

afterAll(async () => {
  // Each child runs in its own process group (npx → tsx → node): end that group, by its id.
  for (const child of children) {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
  await rm(dir, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function runCli(args: string[]): Run {
  const child = spawn('npx', ['tsx', 'server/cli.ts', ...args], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function waitFor<T>(
  probe: () => T | undefined,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('npm run server', () => {
  it('with --port 0 prints one "listening on" line and serves challenges there', async () => {
    const data = join(dir, 'ok');
    await pki.writeTrustStore(join(data, 'trust'));
    const run = runCli(['--port', '0', '--host', '127.0.0.1', '--data', data, '--demo']);
    const url = await waitFor(
      () =>
        LISTENING.exec(run.stdout())?.[1] ?? (run.child.exitCode !== null ? 'exited' : undefined),
      'the listening line',
    );
    expect(url, run.stderr()).not.toBe('exited');
    expect(Number(LISTENING.exec(run.stdout())![2])).toBeGreaterThan(0);
    const res = await fetch(`${url}/v1/auth/challenge`);
    expect(res.status).toBe(200);
    expect(challengeResponseSchema.parse(await res.json()).origin).toBe(url);
    expect(run.stdout().trim().split('\n')).toHaveLength(1);
    process.kill(-run.child.pid!, 'SIGTERM');
    await run.exited;
  });

  it('with --demo but no trust store, stops and names the command that makes one', async () => {
    const run = runCli(['--port', '0', '--data', join(dir, 'no-trust'), '--demo']);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain('npm run demo-token');
    expect(run.stdout()).not.toMatch(LISTENING);
  });

  it('refuses to listen on anything but loopback', async () => {
    const data = join(dir, 'public');
    await pki.writeTrustStore(join(data, 'trust'));
    const run = runCli(['--port', '0', '--host', '0.0.0.0', '--data', data]);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain('--host');
  });
});
