/** Every way a sign-in, refresh or authenticated call can fail, as one union forms and apps can switch over. */
export type AuthErrorCode =
  | "invalid_credentials"
  | "invalid_second_factor"
  | "second_factor_expired"
  | "captcha_required"
  | "captcha_invalid"
  | "account_locked"
  | "account_disabled"
  | "account_suspended"
  | "password_change_required"
  | "rate_limited"
  | "session_expired"
  | "session_revoked"
  | "not_signed_in"
  | "network"
  | "timeout"
  | "invalid_response"
  | "invalid_input"
  | "server"
  | "sso_state_mismatch"
  | "scram_server_signature_mismatch"
  | "unsupported"
  | "invalid_step"
  | "aborted"

/** The fields of the sign-in and second-factor forms a server error can point at. */
export type AuthField = "server" | "identifier" | "password" | "code" | "captcha"

export interface AuthErrorOptions {
  vendor?: string
  status?: number
  vendorCode?: string | number
  fieldErrors?: Partial<Record<AuthField, string>>
  retryAfterMs?: number
  cause?: unknown
}

const defaultMessages: Record<AuthErrorCode, string> = {
  invalid_credentials: "The user name or password is incorrect.",
  invalid_second_factor: "The code is incorrect.",
  second_factor_expired: "The second-factor step expired; sign in again.",
  captcha_required: "The server asks for a captcha.",
  captcha_invalid: "The captcha answer is incorrect.",
  account_locked: "The account is locked.",
  account_disabled: "The account is disabled or not activated.",
  account_suspended: "The account is suspended.",
  password_change_required: "The password must be changed before signing in.",
  rate_limited: "Too many attempts; wait before trying again.",
  session_expired: "The session expired; sign in again.",
  session_revoked: "The session ended.",
  not_signed_in: "Nobody is signed in.",
  network: "The server could not be reached.",
  timeout: "The server took too long to answer.",
  invalid_response: "The server sent an answer that could not be understood.",
  invalid_input: "Some fields are not valid.",
  server: "The server failed to complete the request.",
  sso_state_mismatch: "The single sign-on answer did not match a request from this app.",
  scram_server_signature_mismatch: "The server could not prove it knows the password.",
  unsupported: "The server does not support this.",
  invalid_step: "That action is not available at this step.",
  aborted: "The request was cancelled.",
}

/**
 * The one error type Latchkey throws or reports. Its message is a fixed text per code:
 * never a password, code or token, whatever the server sent.
 */
export class AuthError extends Error {
  override readonly name = "AuthError"
  readonly code: AuthErrorCode
  readonly vendor: string | undefined
  readonly status: number | undefined
  readonly vendorCode: string | number | undefined
  readonly fieldErrors: Readonly<Partial<Record<AuthField, string>>> | undefined
  readonly retryAfterMs: number | undefined

  constructor(
    code: AuthErrorCode,
    options: AuthErrorOptions = {},
    message = defaultMessages[code],
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.vendor = options.vendor
    this.status = options.status
    this.vendorCode = options.vendorCode
    this.fieldErrors = options.fieldErrors
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
