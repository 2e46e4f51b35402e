import { type AuthError, isAuthError } from "./authError"

/** How refreshes retry when the network or the server's rate limit gets in the way. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number
  readonly baseDelayMs: number
  readonly maxDelayMs: number
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
}

/**
 * The wait before the next attempt after `error`, or `undefined` when it should not be retried:
 * capped exponential backoff for transient failures, the server's own delay when rate-limited.
 */
export function retryDelay(
  error: unknown,
  attempt: number,
  policy: RetryPolicy,
): number | undefined {
  if (attempt + 1 >= policy.maxAttempts || !isAuthError(error)) return undefined
  return delayFor(error, attempt, policy)
}

function delayFor(error: AuthError, attempt: number, policy: RetryPolicy): number | undefined {
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt)
  switch (error.code) {
    case "network":
    case "timeout":
    case "server":
      return backoff
    case "rate_limited":
      return error.retryAfterMs ?? backoff
    default:
      return undefined
  }
}
