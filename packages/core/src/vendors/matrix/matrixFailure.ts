import { AuthError, type AuthErrorCode, type AuthField } from "../../authError"
import { tryParseJsonResponse } from "../../parseJsonResponse"
import { parseRetryAfter } from "../../retryAfter"
import { type MatrixErrorBody, matrixErrorSchema } from "./matrixSchemas"

/** The adapter's vendor name, in errors and storage keys. */
export const matrixVendor = "matrix"

const codes: Readonly<Record<string, AuthErrorCode>> = {
  M_FORBIDDEN: "invalid_credentials",
  M_USER_DEACTIVATED: "account_disabled",
  M_USER_SUSPENDED: "account_suspended",
  M_USER_LOCKED: "account_locked",
  M_LIMIT_EXCEEDED: "rate_limited",
  M_UNKNOWN: "unsupported",
  M_UNRECOGNIZED: "unsupported",
  M_MISSING_TOKEN: "session_revoked",
  M_INVALID_PARAM: "invalid_input",
  M_BAD_JSON: "invalid_input",
}

const fieldErrors: Partial<Record<AuthErrorCode, Partial<Record<AuthField, string>>>> = {
  invalid_credentials: { password: "" },
  invalid_input: { identifier: "" },
}

/**
 * Turns a refused Matrix answer into an `AuthError`: the `errcode` decides the code, a 429 or
 * `M_LIMIT_EXCEEDED` carries the wait, a 5xx is `server`, a body that is not a Matrix error is `invalid_response`.
 */
export async function matrixFailure(
  response: Response,
  now: number | undefined,
): Promise<AuthError> {
  const { status } = response
  const body = await tryParseJsonResponse(response, matrixErrorSchema)
  const vendorCode = body?.errcode
  if (status === 429 || vendorCode === "M_LIMIT_EXCEEDED") {
    return new AuthError("rate_limited", {
      vendor: matrixVendor,
      status,
      vendorCode,
      retryAfterMs: retryAfterMs(response, body, now),
    })
  }
  if (status >= 500) return new AuthError("server", { vendor: matrixVendor, status, vendorCode })
  if (body === undefined) return new AuthError("invalid_response", { vendor: matrixVendor, status })
  const code =
    body.errcode === "M_UNKNOWN_TOKEN"
      ? body.soft_logout === true
        ? "session_expired"
        : "session_revoked"
      : (codes[body.errcode] ?? "server")
  return new AuthError(code, {
    vendor: matrixVendor,
    status,
    vendorCode,
    fieldErrors: fieldErrors[code],
  })
}

/**
 * The wait a rate-limited answer asks for: `Retry-After`, else the deprecated `retry_after_ms`.
 * Without `now` (no clock at hand) only the seconds form of `Retry-After` is read, not an HTTP date.
 */
export function retryAfterMs(
  response: Response,
  body: MatrixErrorBody | undefined,
  now: number | undefined,
): number | undefined {
  const header = response.headers.get("retry-after")
  const isSeconds = header !== null && /^\s*\d+\s*$/.test(header)
  const fromHeader = now !== undefined || isSeconds ? parseRetryAfter(header, now ?? 0) : undefined
  return fromHeader ?? body?.retry_after_ms
}
