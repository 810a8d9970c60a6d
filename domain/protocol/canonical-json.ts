// JSON Canonicalization Scheme (RFC 8785) for the values our protocol carries. Both ends hash
// these exact characters, so the client and the server must agree on them byte for byte.
// Hand-written because the `canonicalize` package needs Node ≥ 22 and we run on 20.
//
// RFC 8785 is ECMAScript's own serialisation with object members sorted by their UTF-16 code
// units: JSON.stringify already writes numbers (shortest round-trip form, -0 as 0) and strings
// (escapes, lowercase \u00xx) exactly as the RFC asks, and the default Array#sort compares
// strings by UTF-16 code units. What is left is the member order and refusing what JSON cannot
// carry (NaN, Infinity, bigint, functions), which would otherwise hash differently on each side.

export class CanonicalJsonError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'CanonicalJsonError';
  }
}

/** The canonical JSON text of `value` (RFC 8785). Throws CanonicalJsonError for non-JSON values. */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  write(value, out, 0);
  return out.join('');
}

// Deep enough for any declaration; a cycle or a hostile structure fails instead of overflowing.
const MAX_DEPTH = 64;

function write(value: unknown, out: string[], depth: number): void {
  if (depth > MAX_DEPTH) throw new CanonicalJsonError('JSON value nested too deeply');
  if (value === null) {
    out.push('null');
    return;
  }
  switch (typeof value) {
    case 'string':
      out.push(JSON.stringify(value));
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError('non-finite number');
      out.push(JSON.stringify(value));
      return;
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(`${typeof value} is not JSON`);
  }
  const withToJson = value as { toJSON?: unknown };
  if (typeof withToJson.toJSON === 'function') {
    write((withToJson.toJSON as () => unknown).call(value), out, depth + 1);
    return;
  }
  if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      const item: unknown = value[i];
      // As JSON.stringify does: a hole or undefined in an array is null.
      if (item === undefined) out.push('null');
      else write(item, out, depth + 1);
    }
    out.push(']');
    return;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  out.push('{');
  let first = true;
  for (const key of keys) {
    const member = record[key];
    // As JSON.stringify does: an undefined member is absent.
    if (member === undefined) continue;
    if (!first) out.push(',');
    first = false;
    out.push(JSON.stringify(key), ':');
    write(member, out, depth + 1);
  }
  out.push('}');
}
