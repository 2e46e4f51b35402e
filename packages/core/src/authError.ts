/** Every way a sign-in, refresh or authenticated call can fail, as one union forms and apps can switch over. */
export type AuthErrorCode =
  | "invalid_credentials"
  | "invalid_second_factor"
  | "second_factor_expired"
  | "second_factor_setup_required"
  | "second_factor_setup_expired"
  /** The account's only second factors are ones this kit cannot perform (`vendorCode`: the first one's name). */
  | "second_factor_unsupported"
  | "captcha_required"
  | "captcha_invalid"
  | "account_locked"
  | "account_disabled"
  | "account_suspended"
  | "address_blocked"
  | "access_denied"
  | "password_change_required"
  | "rate_limited"
  | "session_expired"
  | "session_revoked"
  | "not_signed_in"
  | "network"
  | "timeout"
  | "invalid_response"
  | "invalid_input"
  | "unknown_server"
  | "server"
  | "sso_state_mismatch"
  | "scram_server_signature_mismatch"
  | "scram_iteration_count_too_low"
  | "unsupported"
  | "invalid_step"
  | "aborted"

/** The fields of the sign-in and second-factor forms a server error can point at. */
export type AuthField = "server" | "identifier" | "password" | "code" | "captcha"

export interface AuthErrorOptions {
  vendor?: string
  status?: number
  vendorCode?: string | number
  /** The form fields the error concerns, in no particular order; forms place the message there. */
  fields?: readonly AuthField[]
  /** The server's own words, when short and safe to show (a validation message): never UI text of ours. */
  serverMessage?: string
  retryAfterMs?: number
  cause?: unknown
}

/**
 * The one error type Latchkey throws or reports. Its message names only the code and vendor — never a
 * password, code, token or anything the server sent. Texts for people come from the UI's message
 * catalogue (`@latchkey/react` has English and German), keyed by `code`.
 */
export class AuthError extends Error {
  override readonly name = "AuthError"
  readonly code: AuthErrorCode
  readonly vendor: string | undefined
  readonly status: number | undefined
  readonly vendorCode: string | number | undefined
  readonly fields: readonly AuthField[]
  readonly serverMessage: string | undefined
  readonly retryAfterMs: number | undefined

  constructor(code: AuthErrorCode, options: AuthErrorOptions = {}) {
    super(
      options.vendor ? `${options.vendor}: ${code}` : code,
      options.cause === undefined ? undefined : { cause: options.cause },
    )
    this.code = code
    this.vendor = options.vendor
    this.status = options.status
    this.vendorCode = options.vendorCode
    this.fields = options.fields ?? []
    this.serverMessage = options.serverMessage
    this.retryAfterMs = options.retryAfterMs
  }
}

/** Whether `error` is an `AuthError`, optionally of one of the given codes. */
export function isAuthError(error: unknown, ...codes: AuthErrorCode[]): error is AuthError {
  return error instanceof AuthError && (codes.length === 0 || codes.includes(error.code))
}

/** Turns anything thrown into an `AuthError`; unknown throws become `fallback` with the original as `cause`. */
export function toAuthError(error: unknown, fallback: AuthErrorCode = "server"): AuthError {
  return error instanceof AuthError ? error : new AuthError(fallback, { cause: error })
}
