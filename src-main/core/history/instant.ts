/**
 * Normalises an ISO 8601 date or date-time to `Date#toISOString` form (UTC, milliseconds, `Z`) so
 * that stored instants sort and compare as plain strings. Null for anything else.
 */
export function normalizeInstant(value: unknown): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
    return null;
  }
  const millis = Date.parse(value);
  return Number.isFinite(millis) ? new Date(millis).toISOString() : null;
}
