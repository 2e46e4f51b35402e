import { AuthError, type AuthErrorCode, type AuthField } from "../../authError"
import type { CloudreveEnvelope } from "./cloudreveSchemas"

/** The vendor name Cloudreve errors and storage keys carry. */
export const cloudreveVendor = "cloudreve"

/** Which call an envelope answered: the same code means different things on different calls. */
export type CloudreveStage = "signIn" | "secondFactor" | "refresh" | "signOut" | "other"

/** Cloudreve's own error codes (`serializer.Code…` on the server). */
export const cloudreveCodes = {
  twoFactorRequired: 203,
  loginRequired: 401,
  notFound: 404,
  parameter: 40001,
  accountBlocked: 40017,
  accountInactive: 40018,
  refreshRefused: 40020,
  wrongSecondFactor: 40022,
  captcha: 40026,
  wrongCredentials: 40080,
  issueTokens: 50002,
} as const

/** Field messages longer than this are not a validation message. */
const maxFieldMessageLength = 200

/**
 * Turns an error envelope into an `AuthError`, keeping the vendor code and the field it concerns. The server's
 * words travel as `serverMessage` when they are a short validation text that repeats nothing the user typed
 * (`secrets`: the password, the e-mail address, a code), in any letter case.
 */
export function cloudreveError(
  envelope: CloudreveEnvelope,
  stage: CloudreveStage,
  secrets: readonly string[] = [],
): AuthError {
  const vendorCode = envelope.code
  const fail = (code: AuthErrorCode, field?: AuthField) =>
    new AuthError(code, {
      vendor: cloudreveVendor,
      status: 200,
      vendorCode,
      fields: field === undefined ? undefined : [field],
      serverMessage: field === undefined ? undefined : safeMessage(envelope.msg, secrets),
    })

  switch (vendorCode) {
    case cloudreveCodes.wrongCredentials:
      // The same answer for an unknown address and a wrong password: the password is what people retype.
      return fail("invalid_credentials", "password")
    case cloudreveCodes.accountBlocked:
      return fail("account_locked")
    case cloudreveCodes.accountInactive:
      return fail("account_disabled")
    case cloudreveCodes.captcha:
      return fail("captcha_invalid", "captcha")
    case cloudreveCodes.wrongSecondFactor:
      return fail("invalid_second_factor", "code")
    case cloudreveCodes.parameter:
      // A malformed code is a wrong code to the user, and the 2FA session survives it: keep the challenge.
      if (stage === "secondFactor") return fail("invalid_second_factor", "code")
      return fail("invalid_input", parameterField(envelope.msg, stage))
    case cloudreveCodes.notFound:
      // On the second step a 404 means the 2FA session (600 s) is gone; elsewhere it is not ours to read.
      return fail(stage === "secondFactor" ? "second_factor_expired" : "server")
    case cloudreveCodes.refreshRefused:
      // Expired, revoked, password changed or user disabled: the official client signs out locally.
      return fail("session_revoked")
    case cloudreveCodes.loginRequired:
      return fail(
        stage === "refresh" || stage === "signOut" ? "session_revoked" : "session_expired",
      )
    case cloudreveCodes.issueTokens:
      return fail("server")
    case cloudreveCodes.twoFactorRequired:
      // A 2FA request anywhere but the password step is an answer this client cannot follow.
      return fail("invalid_response")
    default:
      return fail("server")
  }
}

/** Which form field a 40001 parameter error points at, from Cloudreve's `"<Field> <problem>"` messages. */
function parameterField(message: string, stage: CloudreveStage): AuthField | undefined {
  if (stage !== "signIn") return undefined
  if (/e-?mail/i.test(message)) return "identifier"
  if (/password/i.test(message)) return "password"
  if (/captcha|ticket/i.test(message)) return "captcha"
  return undefined
}

function safeMessage(message: string, secrets: readonly string[]): string | undefined {
  const trimmed = message.trim()
  // E-mail addresses come back in the server's letter case; matching without case also errs on the safe side.
  const folded = trimmed.toLowerCase()
  const isUnsafe =
    trimmed === "" ||
    trimmed.length > maxFieldMessageLength ||
    secrets.some((secret) => secret !== "" && folded.includes(secret.toLowerCase()))
  return isUnsafe ? undefined : trimmed
}
