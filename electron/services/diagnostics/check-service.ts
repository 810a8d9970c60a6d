// The social-insurance service from this PC: its name resolves, IT's proxy answers, the service
// answers over a verified connection, whether it is in maintenance (and until when), and how far
// the PC clock is from the service's.
import { lookup } from 'node:dns/promises';
import { isIP, connect } from 'node:net';
import { z } from 'zod';
import { CLOCK_SKEW_TOLERANCE_MS } from '../../../domain/certificate-status';
import { serviceStatusSchema } from '../../../domain/protocol/service-status';
import type { ProxySetting } from '../it-settings';
import { globalFetch, type HttpFetch } from '../net/http-fetch';
import { finding, type Finding } from './finding';

export interface ServiceCheckInputs {
  serverUrl: string;
  proxy: ProxySetting;
  /** The PC's clock (tests skew it instead of the machine's). */
  pcNow?: () => number;
  timeoutMs?: number;
  resolve?: (host: string) => Promise<unknown>;
  /** How to reach the service: the app's own way (through IT's proxy), or Node's fetch. */
  http?: HttpFetch;
}

export interface ServiceCheckResult {
  findings: Finding[];
  /** Service time minus PC time, when the service answered. */
  serverOffsetMs: number | null;
}

const challengeTime = z.object({ serverTime: z.string() });

interface ServiceAnswer {
  status: 'ok' | 'maintenance' | number;
  /** The service's time (ms since the epoch), when it said. */
  serverTime: number | null;
  /** When maintenance ends (ms since the epoch), when it said. */
  until: number | null;
  /** The next scheduled window, when the service said. */
  next: { from: number; until: number } | null;
}

/**
 * The service's status page when it has one; otherwise a login challenge (which also carries the
 * service's time) and, during maintenance, its 503 with Retry-After.
 */
async function askService(base: URL, timeoutMs: number, http: HttpFetch): Promise<ServiceAnswer> {
  const get = (path: string) =>
    http(new URL(path, base), {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json' },
    });
  const statusResponse = await get('/v1/service/status');
  const status = serviceStatusSchema.safeParse(await statusResponse.json().catch(() => null));
  if (statusResponse.ok && status.success) {
    const { serverTime, maintenance } = status.data;
    return {
      status: maintenance.on ? 'maintenance' : 'ok',
      serverTime: Date.parse(serverTime),
      until: maintenance.on ? Date.parse(maintenance.until) : null,
      next:
        !maintenance.on && maintenance.next
          ? { from: Date.parse(maintenance.next.from), until: Date.parse(maintenance.next.until) }
          : null,
    };
  }
  const response = await get('/v1/auth/challenge');
  const body = challengeTime.safeParse(await response.json().catch(() => null));
  const headerTime = Date.parse(response.headers.get('date') ?? '');
  const serverTime = body.success ? Date.parse(body.data.serverTime) : headerTime;
  const known = Number.isFinite(serverTime) ? serverTime : null;
  if (response.status === 503) {
    const retryAfter = Number(response.headers.get('retry-after'));
    const until = known !== null && Number.isFinite(retryAfter) ? known + retryAfter * 1000 : null;
    return { status: 'maintenance', serverTime: known, until, next: null };
  }
  return {
    status: response.ok ? 'ok' : response.status,
    serverTime: known,
    until: null,
    next: null,
  };
}

/** The service runs on Beijing time; maintenance ends are told in it. */
export function serviceClock(at: Date): string {
  return at.toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

function failureKind(error: unknown): 'dns' | 'tls' | 'other' {
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  const code = cause?.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  if (/CERT|TLS|SSL|SELF_SIGNED|VERIFY/i.test(code) || /certificate/i.test(cause?.message ?? '')) {
    return 'tls';
  }
  return 'other';
}

function canConnect(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host, port });
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

export async function checkService(inputs: ServiceCheckInputs): Promise<ServiceCheckResult> {
  const pcNow = inputs.pcNow ?? Date.now;
  const timeoutMs = inputs.timeoutMs ?? 10_000;
  const url = new URL(inputs.serverUrl);
  const host = url.host;
  const findings: Finding[] = [];

  if (!isIP(url.hostname.replace(/^\[|\]$/g, ''))) {
    try {
      await (inputs.resolve ?? lookup)(url.hostname);
    } catch {
      findings.push(finding('network', 'error', 'DNS_FAILED', 'DNS_FAILED', { host }));
      return { findings, serverOffsetMs: null };
    }
  }

  if (inputs.proxy !== 'system' && inputs.proxy !== 'direct') {
    const proxy = new URL(inputs.proxy);
    const port = Number(proxy.port || (proxy.protocol === 'https:' ? 443 : 80));
    const ok = await canConnect(proxy.hostname, port, timeoutMs);
    findings.push(
      ok
        ? finding('network', 'ok', 'PROXY_OK', 'PROXY_OK', { proxy: proxy.host })
        : finding('network', 'error', 'PROXY_UNREACHABLE', 'PROXY_UNREACHABLE', {
            proxy: proxy.host,
          }),
    );
  }

  const sentAt = pcNow();
  const started = performance.now();
  let answer: ServiceAnswer;
  try {
    answer = await askService(url, timeoutMs, inputs.http ?? globalFetch);
  } catch (error) {
    const kind = failureKind(error);
    const code =
      kind === 'dns' ? 'DNS_FAILED' : kind === 'tls' ? 'TLS_FAILED' : 'SERVICE_UNREACHABLE';
    findings.push(finding('network', 'error', code, code, { host }));
    return { findings, serverOffsetMs: null };
  }
  const elapsedMs = Math.round(performance.now() - started);
  const midpoint = (sentAt + pcNow()) / 2;
  const serverOffsetMs = answer.serverTime === null ? null : answer.serverTime - midpoint;

  if (answer.status === 'maintenance') {
    const until =
      answer.until === null
        ? '稍后'
        : serviceClock(new Date(Math.round(answer.until / 60_000) * 60_000));
    findings.push(finding('network', 'ok', 'SERVICE_OK', 'SERVICE_OK', { host, ms: elapsedMs }));
    findings.push(finding('network', 'warning', 'MAINTENANCE', 'MAINTENANCE_NOW', { until }));
  } else if (answer.status === 'ok') {
    findings.push(finding('network', 'ok', 'SERVICE_OK', 'SERVICE_OK', { host, ms: elapsedMs }));
    findings.push(
      answer.next
        ? finding('network', 'ok', 'MAINTENANCE_NONE', 'MAINTENANCE_NEXT', {
            from: serviceClock(new Date(answer.next.from)),
            until: serviceClock(new Date(answer.next.until)),
          })
        : finding('network', 'ok', 'MAINTENANCE_NONE', 'MAINTENANCE_NONE'),
    );
  } else {
    findings.push(
      finding('network', 'error', 'SERVICE_BAD_ANSWER', 'SERVICE_BAD_ANSWER', {
        host,
        status: answer.status,
      }),
    );
  }

  if (serverOffsetMs !== null) findings.push(clockFinding(serverOffsetMs));
  return { findings, serverOffsetMs };
}

export function clockFinding(serverOffsetMs: number): Finding {
  if (Math.abs(serverOffsetMs) <= CLOCK_SKEW_TOLERANCE_MS) {
    return finding('clock', 'ok', 'CLOCK_OK', 'CLOCK_OK', {
      seconds: Math.round(Math.abs(serverOffsetMs) / 1000),
    });
  }
  return finding('clock', 'warning', 'CLOCK_SKEW', 'CLOCK_OFF', {
    // The service is ahead: the PC is slow (慢), and the other way round.
    direction: serverOffsetMs > 0 ? '慢' : '快',
    minutes: Math.round(Math.abs(serverOffsetMs) / 60_000),
  });
}
