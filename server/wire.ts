// Strict decoding of what clients send: lenient decoders would accept garbage and hide bugs.

/** Canonical padded base64 only; null for anything Buffer.from would silently "fix". */
export function decodeBase64Strict(text: string): Buffer | null {
  if (text.length === 0 || text.length % 4 !== 0) return null;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{16,200})$/;

export function bearerToken(header: string | undefined): string | null {
  return header ? (BEARER.exec(header)?.[1] ?? null) : null;
}
