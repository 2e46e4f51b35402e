import { AuthError, type AuthErrorCode, type AuthField } from "../../authError"
import type { Refusal } from "../../sendJson"
import { polarioErrorSchema } from "./polarioSchemas"

/** The adapter's vendor name, in errors and storage keys. */
export const polarioVendor = "polario"

/** Which call was refused: the same status means different things to each. */
export type PolarioStage = "serverFirst" | "login" | "ssoCode" | "refresh" | "other"

/**
 * Reads a refused Polario answer (`{ error }` and a status): 401 at login is a wrong password, 403 a locked or
 * disabled account by its text, 416 a dead refresh token, 400 bad input. Anything else is left to the shared
 * reading (`undefined`). The server's words are passed on only when they do not repeat the e-mail address.
 */
export function polarioRefusal(
  { status, json }: Refusal,
  stage: PolarioStage,
  email: string | undefined,
): AuthError | undefined {
  const parsed = polarioErrorSchema.safeParse(json)
  const text = parsed.success ? parsed.data.error : undefined
  const failure = (code: AuthErrorCode, fields?: readonly AuthField[]) =>
    new AuthError(code, {
      vendor: polarioVendor,
      status,
      fields,
      serverMessage: isSafe(text, email) ? text : undefined,
    })
  switch (status) {
    case 400:
      if (stage === "ssoCode") return failure("session_expired")
      return failure("invalid_input", stage === "serverFirst" ? ["identifier"] : [])
    case 401:
      if (stage === "ssoCode") return failure("session_expired")
      return stage === "login" ? failure("invalid_credentials", ["password"]) : undefined
    case 403:
      return failure(
        /lock|block|ban/i.test(text ?? "")
          ? "account_locked"
          : /suspend/i.test(text ?? "")
            ? "account_suspended"
            : "account_disabled",
      )
    case 416:
      return failure("session_revoked")
    default:
      return undefined
  }
}

function isSafe(text: string | undefined, email: string | undefined): text is string {
  if (!text || text.length > 200) return false
  return !email || !text.toLowerCase().includes(email.toLowerCase())
}
