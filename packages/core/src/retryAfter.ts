/**
 * Reads a `Retry-After` header (seconds, or an HTTP date) as a delay in ms from `now`;
 * `undefined` when absent or unreadable. Negative and absurd values are clamped.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === "") return undefined
  const trimmed = value.trim()
  // The two legal forms: whole seconds, or an HTTP date (which always names a weekday or month).
  const delayMs = /^\d+$/.test(trimmed)
    ? Number(trimmed) * 1000
    : /[a-z]/i.test(trimmed)
      ? Date.parse(trimmed) - now
      : Number.NaN
  return Number.isFinite(delayMs) ? Math.min(Math.max(0, delayMs), maxRetryAfterMs) : undefined
}

/** A server asking for more than a day is treated as asking for a day. */
const maxRetryAfterMs = 86_400_000
