// What a check reports about one cell: a stable code, how bad it is, the zh-CN text from the
// catalogue, the field (the row's key) and the row (0-based index into the batch's rows).
import { describeError, type ErrorParams } from '../errors';
import type { ErrorCode } from '../error-catalogue';

export type Severity = 'error' | 'warning';

export interface Finding {
  code: ErrorCode;
  /** Errors block submission; warnings need the user's confirmation. */
  severity: Severity;
  message: string;
  action: string;
  field: string;
  /** 0-based index into the rows that were checked. */
  row: number;
}

// A batch may warn on most of its 100,000 rows (bases below the bound are common), so catalogue
// texts are split into literal and {param} parts once and joined per finding.
/** Literal text at even places, parameter names (without braces) at odd places. */
type Template = readonly string[];
const templates = new Map<ErrorCode, { message: Template; action: Template }>();

function split(text: string): Template {
  return text.split(/\{(\w+)\}/);
}

function fill(parts: Template, params: ErrorParams | undefined): string {
  if (parts.length === 1) return parts[0]!;
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    const value = params?.[name];
    out += (value === undefined ? `{${name}}` : String(value)) + parts[i + 1]!;
  }
  return out;
}

export function makeFinding(
  code: ErrorCode,
  severity: Severity,
  field: string,
  row: number,
  params?: ErrorParams,
): Finding {
  let t = templates.get(code);
  if (!t) {
    const info = describeError(code);
    t = { message: split(info.message), action: split(info.action ?? '') };
    templates.set(code, t);
  }
  return {
    code,
    severity,
    message: fill(t.message, params),
    action: fill(t.action, params),
    field,
    row,
  };
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
