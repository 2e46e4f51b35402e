import type { AuthError } from "@latchkey/core"
import { formatSeconds } from "./formatting"

/**
 * An error as a developer needs it: the code, the vendor's own code, the HTTP status and how long a rate limit
 * lasts. Never its message or cause: only what `AuthError` promises is free of secrets.
 */
export function ErrorDetails({ error }: { error: AuthError }) {
  return (
    <span className="lkd-error">
      <code>{error.code}</code>
      {error.vendorCode !== undefined ? (
        <span>
          {" · vendor code "}
          <code>{error.vendorCode}</code>
        </span>
      ) : null}
      {error.status !== undefined ? <span>{` · HTTP ${error.status}`}</span> : null}
      {error.retryAfterMs !== undefined ? (
        <span>{` · retry after ${formatSeconds(error.retryAfterMs)}`}</span>
      ) : null}
    </span>
  )
}
