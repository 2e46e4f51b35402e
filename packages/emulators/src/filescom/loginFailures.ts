import type { Clock } from "../clock"
import type { RateLimitConfig } from "../rateLimiter"

/** Counts failed sign-ins per user name; past the limit, sign-ins wait until the oldest failure leaves the window. */
export interface LoginFailures {
  /** How long sign-ins of `key` must wait, or `undefined` when they may go ahead. */
  waitFor(key: string): number | undefined
  record(key: string): void
  reset(key: string): void
}

/**
 * Creates the counter; `false` never blocks.
 *
 * @example
 * const failures = createLoginFailures({ limit: 5, windowMs: 60_000 }, clock)
 */
export function createLoginFailures(config: RateLimitConfig | false, clock: Clock): LoginFailures {
  const failures = new Map<string, number[]>()
  const recent = (key: string) => {
    if (config === false) return []
    const now = clock.now()
    const times = (failures.get(key) ?? []).filter((time) => time > now - config.windowMs)
    failures.set(key, times)
    return times
  }
  return {
    waitFor(key) {
      if (config === false) return undefined
      const times = recent(key)
      // Sign-ins go ahead again once enough failures have left the window.
      const freeing = times[times.length - config.limit]
      return freeing === undefined ? undefined : freeing + config.windowMs - clock.now()
    },
    record(key) {
      if (config !== false) failures.set(key, [...recent(key), clock.now()])
    },
    reset(key) {
      failures.delete(key)
    },
  }
}
