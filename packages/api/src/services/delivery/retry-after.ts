/**
 * An answer's `Retry-After` (delta seconds or an HTTP date) in milliseconds from `now`, never
 * negative and at most `maxMs` (a receiver cannot park a delivery for longer); undefined when
 * absent or unreadable. Every sender that reads HTTP answers uses it.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: Date,
  maxMs: number,
): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  let ms: number;
  if (/^\d+$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return undefined;
    ms = at - now.getTime();
  }
  return Math.min(Math.max(ms, 0), maxMs);
}
