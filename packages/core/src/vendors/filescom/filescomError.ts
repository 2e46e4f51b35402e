import { AuthError, type AuthErrorCode, type AuthField } from "../../authError"
import { type Refusal, rateLimited } from "../../sendJson"
import type { FilescomErrorBody } from "./filescomSchemas"

/** The vendor name Files.com errors and storage keys carry. */
export const filescomVendor = "filescom"

const notAuthenticated = "not-authenticated/"
const notAuthorized = "not-authorized/"

/** The answer asking for the second factor. */
export const twoFactorType = `${notAuthenticated}two-factor-authentication-error`
/** The answer naming the host the site must be reached on. */
export const regionMismatchType = `${notAuthenticated}lockout-region-mismatch`
/** The answer to a call whose session has ended. */
export const invalidSessionType = `${notAuthenticated}invalid-session`

/** Every sign-in error type of the Files.com API, as the code a form can word for a person. */
const codes: ReadonlyMap<string, AuthErrorCode> = new Map([
  [`${notAuthenticated}invalid-username-or-password`, "invalid_credentials"],
  [`${notAuthenticated}invalid-credentials`, "invalid_credentials"],
  // What servers before the `not-authenticated` family answered a wrong password with.
  ["bad-request/invalid-username-or-password", "invalid_credentials"],
  [`${notAuthenticated}one-time-password-incorrect`, "invalid_second_factor"],
  [`${notAuthenticated}locked-out`, "account_locked"],
  [invalidSessionType, "session_expired"],
  [`${notAuthenticated}two-factor-authentication-setup-expired`, "second_factor_setup_expired"],
  [`${notAuthorized}password-change-required`, "password_change_required"],
  [`${notAuthorized}two-factor-authentication-required`, "second_factor_setup_required"],
  // The site wants a captcha Files.com shows only on its own sign-in page.
  [`${notAuthorized}recaptcha-failed`, "captcha_required"],
])

const fieldsOf: Partial<Record<AuthErrorCode, readonly AuthField[]>> = {
  invalid_credentials: ["password"],
  invalid_second_factor: ["code"],
}

/**
 * Reads a refused Files.com answer: its `type` decides the code (`vendorCode` keeps it; an unknown type is
 * `server`), and the `rate-limited` family (or a 429) waits for `Retry-After`. A body that is not a Files.com error
 * is left to the shared reading (`undefined`). The server's sentence is not passed on: it may repeat what was typed.
 */
export function filescomRefusal(
  { status, headers }: Refusal,
  body: FilescomErrorBody | undefined,
  now: number,
): AuthError | undefined {
  const vendorCode = body?.type
  if (status === 429 || vendorCode?.startsWith("rate-limited/"))
    return rateLimited({ vendor: filescomVendor, status, headers, now, vendorCode })
  if (vendorCode === undefined) return undefined
  const code = codes.get(vendorCode) ?? "server"
  return new AuthError(code, { vendor: filescomVendor, status, vendorCode, fields: fieldsOf[code] })
}
