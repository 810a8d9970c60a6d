// 导出诊断包: one text file for the help desk — the findings, this PC's settings as far as they
// matter, and the recent log. Everything is scrubbed on the way out: the log never holds a PIN,
// an ID number or a wage by design, and this makes sure a copy of it cannot either.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DiagnosticsReport } from './run-diagnostics';

/** How much of the log the help desk gets. */
const LOG_LINES = 300;

const REDACTED = '[已隐去]';
// 18-digit resident IDs (the last may be X), 15-digit old ones, and long digit runs such as
// bank accounts or phone numbers.
const ID_LIKE = /(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15}|1[3-9][0-9]{9})(?![0-9A-Za-z])/g;
// Fields whose value must never leave the PC, whatever logged them.
const SECRET_KEY =
  /pin|password|passwd|secret|token|session|bearer|wage|salary|base|amount|income|工资|基数|金额|密码|身份证|documentNumber|idNumber|residentId/i;

export interface BundleInputs {
  report: DiagnosticsReport;
  appVersion: string;
  dataDir: string;
  settings: Record<string, unknown>;
  now?: () => Date;
}

export interface DiagnosticBundle {
  fileName: string;
  text: string;
}

export function scrubText(text: string): string {
  return text.replace(ID_LIKE, REDACTED);
}

/** A JSON value with every secret-named field removed and every string scrubbed. */
export function scrubValue(value: unknown): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (Array.isArray(value)) return value.map(scrubValue);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = SECRET_KEY.test(key) ? REDACTED : scrubValue(inner);
    }
    return out;
  }
  return value;
}

/** The last lines of the app log, each scrubbed; lines that are not JSON are scrubbed as text. */
export function recentLog(dataDir: string, lines = LOG_LINES): unknown[] {
  let text: string;
  try {
    text = readFileSync(join(dataDir, 'logs', 'app.log'), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(-lines)
    .map((line) => {
      try {
        return scrubValue(JSON.parse(line));
      } catch {
        return scrubText(line);
      }
    });
}

export function buildBundle(inputs: BundleInputs): DiagnosticBundle {
  const now = inputs.now?.() ?? new Date();
  const stamp = now.toISOString().slice(0, 19).replace(/[-:T]/g, '');
  const body = {
    product: 'Shebao Desk',
    version: inputs.appVersion,
    createdAt: now.toISOString(),
    platform: `${process.platform}-${process.arch}`,
    settings: scrubValue(inputs.settings),
    findings: scrubValue(
      inputs.report.findings.map(({ code, severity, message, action }) => ({
        code,
        severity,
        message,
        action,
      })),
    ),
    log: recentLog(inputs.dataDir),
  };
  return { fileName: `社保经办助手-诊断包-${stamp}.json`, text: JSON.stringify(body, null, 2) };
}
