import { jsonResponse } from "../jsonResponse"

/**
 * Builds a Matrix error answer: `{ errcode, error }` plus any extra keys, with the given status.
 *
 * @example
 * throw matrixError(403, "M_FORBIDDEN", "Invalid username or password")
 */
export function matrixError(
  status: number,
  errcode: string,
  error: string,
  extra: Readonly<Record<string, unknown>> = {},
  init: ResponseInit = {},
): Response {
  return jsonResponse({ errcode, error, ...extra }, { ...init, status })
}

/** The 429 answer, with the delay both in `Retry-After` (seconds) and in the deprecated `retry_after_ms`. */
export function rateLimited(retryAfterMs: number): Response {
  return matrixError(
    429,
    "M_LIMIT_EXCEEDED",
    "Too many requests",
    { retry_after_ms: retryAfterMs },
    { headers: { "Retry-After": String(Math.max(1, Math.ceil(retryAfterMs / 1000))) } },
  )
}

/**
 * The answer every call of a locked account gets but `/logout` and `/logout/all` (spec v1.12, "Account locking"):
 * 401 `M_USER_LOCKED` with `soft_logout: true`, so the client keeps its device for when the lock is lifted.
 */
export function userLocked(): Response {
  return matrixError(401, "M_USER_LOCKED", "This account has been locked", { soft_logout: true })
}
