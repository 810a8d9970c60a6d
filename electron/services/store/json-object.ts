// Reads a stored JSON column as an object, leniently: the sync stores only ever wrote objects
// there, so anything else (missing, broken, an array, a scalar) reads as {} rather than failing a
// whole page or list over one row.
export function parseJsonObject(json: string | null | undefined): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
