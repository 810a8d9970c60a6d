// One result of 自检: a stable code, how bad it is, and what to do, in the catalogue's words.
import { describeError, type ErrorParams } from '../../../domain/errors';
import type { ErrorCode } from '../../../domain/error-catalogue';

export type Severity = 'ok' | 'warning' | 'error';

/** Which part of the PC a finding is about; the screen groups by it. */
export type FindingArea = 'modules' | 'tokens' | 'clock' | 'network' | 'storage' | 'app';

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  action: string;
  area: FindingArea;
}

/**
 * A finding whose words come from `text` (the catalogue entry), under the stable `code` that
 * tests and the help desk key on (they differ only where an older code names the problem).
 */
export function finding(
  area: FindingArea,
  severity: Severity,
  code: string,
  text: ErrorCode,
  params?: ErrorParams,
): Finding {
  const info = describeError(text, params);
  return { code, severity, message: info.message, action: info.action ?? '', area };
}

export const worst = (findings: readonly Finding[]): Severity =>
  findings.some((f) => f.severity === 'error')
    ? 'error'
    : findings.some((f) => f.severity === 'warning')
      ? 'warning'
      : 'ok';

/** Human sizes for messages: 512 KB, 3.4 MB, 12.0 GB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}
