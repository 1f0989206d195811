/**
 * Estimates the serialized size of an IPC payload without serializing it, stopping as soon as
 * the limit is passed. Iterative (no recursion) so a deeply nested payload cannot overflow the
 * stack, and cycle-aware because structured clone (Electron IPC) can carry cycles.
 */
export type PayloadMeasure = { kind: 'within'; bytes: number } | { kind: 'over' } | { kind: 'unmeasurable' };

const PER_VALUE_OVERHEAD = 2;

export function measurePayload(value: unknown, limitBytes: number): PayloadMeasure {
  let bytes = 0;
  const stack: unknown[] = [value];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const current = stack.pop();
    bytes += PER_VALUE_OVERHEAD;
    switch (typeof current) {
      case 'string':
        bytes += utf8Length(current, limitBytes - bytes);
        break;
      case 'number':
      case 'bigint':
        bytes += 8;
        break;
      case 'boolean':
      case 'undefined':
        bytes += 1;
        break;
      case 'object': {
        if (current === null) break;
        if (seen.has(current)) return { kind: 'unmeasurable' };
        seen.add(current);
        if (ArrayBuffer.isView(current)) {
          bytes += current.byteLength;
        } else if (current instanceof ArrayBuffer) {
          bytes += current.byteLength;
        } else if (Array.isArray(current)) {
          for (const item of current) stack.push(item);
        } else {
          for (const key of Object.keys(current)) {
            bytes += utf8Length(key, limitBytes - bytes);
            stack.push((current as Record<string, unknown>)[key]);
          }
        }
        break;
      }
      default:
        // functions and symbols cannot arrive over IPC; anything else exotic is refused.
        return { kind: 'unmeasurable' };
    }
    if (bytes > limitBytes) return { kind: 'over' };
  }
  return { kind: 'within', bytes };
}

/** UTF-8 byte length, giving up early once it exceeds `budget`. */
function utf8Length(text: string, budget: number): number {
  // Fast bound: a UTF-16 code unit is at most 3 UTF-8 bytes.
  if (text.length * 3 <= budget) return Buffer.byteLength(text, 'utf8');
  if (text.length > budget) return text.length;
  return Buffer.byteLength(text, 'utf8');
}
