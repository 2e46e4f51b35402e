import type { Clock } from "./clock"

/** At most `limit` attempts per key within any `windowMs` milliseconds. */
export interface RateLimitConfig {
  readonly limit: number
  readonly windowMs: number
}

/** Whether an attempt may go ahead, and if not, how long until one may. */
export type RateLimitVerdict =
  | { readonly type: "allowed"; readonly remaining: number }
  | { readonly type: "limited"; readonly retryAfterMs: number }

/** Counts attempts per key (an IP address, a user name) over a sliding window on the injected clock. */
export interface RateLimiter {
  /** Records an attempt for `key` unless it is over the limit, in which case nothing is recorded. */
  hit(key: string): RateLimitVerdict
  /** Forgets the attempts of one key, or of every key. */
  reset(key?: string): void
}

/**
 * Creates a sliding-window rate limiter; `false` gives one that always allows.
 *
 * @example
 * const verdict = limiter.hit(`login:${username}`)
 * if (verdict.type === "limited") return tooManyRequests(verdict.retryAfterMs)
 */
export function createRateLimiter(config: RateLimitConfig | false, clock: Clock): RateLimiter {
  if (config === false) {
    return { hit: () => ({ type: "allowed", remaining: Number.POSITIVE_INFINITY }), reset() {} }
  }
  const { limit, windowMs } = config
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`A rate limit must be a positive integer, got ${limit}.`)
  }
  if (!Number.isFinite(windowMs) || windowMs <= 0) {
    throw new RangeError(`A rate limit window must be a positive number of ms, got ${windowMs}.`)
  }
  const attempts = new Map<string, number[]>()
  return {
    hit(key) {
      const now = clock.now()
      const recent = (attempts.get(key) ?? []).filter((time) => time > now - windowMs)
      const oldest = recent[0]
      if (recent.length >= limit && oldest !== undefined) {
        attempts.set(key, recent)
        return { type: "limited", retryAfterMs: oldest + windowMs - now }
      }
      recent.push(now)
      attempts.set(key, recent)
      return { type: "allowed", remaining: limit - recent.length }
    },
    reset(key) {
      if (key === undefined) attempts.clear()
      else attempts.delete(key)
    },
  }
}
