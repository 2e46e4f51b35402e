import { AuthError, type AuthErrorCode, type AuthField } from "../../authError"
import { parseRetryAfter } from "../../retryAfter"
import { type Refusal, sharedFailure } from "../../sendJson"
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

const fieldsOf: Partial<Record<AuthErrorCode, readonly AuthField[]>> = {
  invalid_credentials: ["password"],
  invalid_input: ["identifier"],
}

/**
 * Reads a refused Matrix answer: the `errcode` decides the code, a 429 or `M_LIMIT_EXCEEDED` carries the wait,
 * a 5xx is `server`; a body that is not a Matrix error is left to the shared reading (`undefined`).
 * Without `now` (no clock at hand) only the seconds form of `Retry-After` is read, not an HTTP date.
 */
export function matrixRefusal(
  { status, headers, json }: Refusal,
  now: number | undefined,
): AuthError | undefined {
  const parsed = matrixErrorSchema.safeParse(json)
  const body = parsed.success ? parsed.data : undefined
  const vendorCode = body?.errcode
  if (status === 429 || vendorCode === "M_LIMIT_EXCEEDED") {
    return new AuthError("rate_limited", {
      vendor: matrixVendor,
      status,
      vendorCode,
      retryAfterMs: retryAfterMs(headers, body, now),
    })
  }
  if (status >= 500) return new AuthError("server", { vendor: matrixVendor, status, vendorCode })
  if (body === undefined) return undefined
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
    fields: fieldsOf[code],
  })
}

/** `matrixRefusal`, or the shared reading of a refusal that is not a Matrix error. */
export function matrixFailure(refusal: Refusal, now: number): AuthError {
  const { status, headers } = refusal
  return matrixRefusal(refusal, now) ?? sharedFailure(status, headers, now, matrixVendor)
}

/** The wait a rate-limited answer asks for: `Retry-After`, else the deprecated `retry_after_ms`. */
export function retryAfterMs(
  headers: Headers,
  body: MatrixErrorBody | undefined,
  now: number | undefined,
): number | undefined {
  const header = headers.get("retry-after")
  const isSeconds = header !== null && /^\s*\d+\s*$/.test(header)
  const fromHeader = now !== undefined || isSeconds ? parseRetryAfter(header, now ?? 0) : undefined
  return fromHeader ?? body?.retry_after_ms
}
