import { jsonResponse } from "../jsonResponse"
import type { TotpVerifier } from "../totp"
import type { FilescomAccount } from "./filescomAccounts"
import type { FilescomErrorBuilder } from "./filescomError"
import { readFilescomBody } from "./filescomRequestBody"
import type { FilescomSessionStore } from "./filescomSessionStore"
import type { LoginFailures } from "./loginFailures"
import type { SmsOutbox } from "./smsOutbox"

/** What `POST /sessions` works with. */
export interface FilescomSignInDeps {
  readonly accounts: readonly FilescomAccount[]
  readonly sessions: FilescomSessionStore
  readonly sms: SmsOutbox
  readonly totp: TotpVerifier
  readonly failures: LoginFailures
  readonly filescomError: FilescomErrorBuilder
  readonly concurrentSessionLimit: number | undefined
  readonly requiresRecaptcha: boolean
}

/**
 * Creates the `POST /sessions` handler: the password, then the account's state, then the second factor. A TOTP or
 * text message code comes with the password again; a YubiKey string with the partial session instead. Failed
 * passwords and codes count towards the rate limit.
 *
 * @example
 * router.post("/api/rest/v1/sessions", ({ request }) => signIn(request))
 */
export function createFilescomSignIn(
  deps: FilescomSignInDeps,
): (request: Request) => Promise<Response> {
  const { accounts, sessions, sms, totp, failures, filescomError } = deps
  const usedYubikeyOtps = new Set<string>()

  const byUsername = (username: string) =>
    accounts.find((account) => account.person.username.toLowerCase() === username.toLowerCase())

  const createSession = (account: FilescomAccount) => {
    const { username } = account.person
    const limit = deps.concurrentSessionLimit
    if (limit !== undefined && sessions.count(username) >= limit)
      return filescomError("rate-limited/too-many-concurrent-logins", "Too many concurrent logins.")
    failures.reset(username.toLowerCase())
    const id = sessions.open(username)
    return jsonResponse(
      { id, language: "en", read_only: false, sftp_insecure_ciphers: false },
      { status: 201 },
    )
  }

  const secondFactorRequired = (account: FilescomAccount) => {
    const partialSessionId = sessions.openPartial(account.person.username)
    const hasU2f = account.methods.includes("u2f")
    return filescomError(
      "not-authenticated/two-factor-authentication-error",
      "2FA Authentication error: Please provide your two-factor authentication code.",
      {
        data: {
          partial_session_id: partialSessionId,
          two_factor_authentication_methods: account.methods,
          ...(hasU2f ? { u2f_sign_requests: [u2fSignRequest(partialSessionId)] } : {}),
        },
      },
    )
  }

  const isRightCode = (account: FilescomAccount, otp: string) => {
    const { username, totpSecret } = account.person
    const code = otp.trim()
    if (account.methods.includes("yubi") && account.yubikeyOtps.includes(code)) {
      if (usedYubikeyOtps.has(code)) return false
      usedYubikeyOtps.add(code)
      return true
    }
    if (account.methods.includes("sms") && sms.take(username, code)) return true
    return (
      account.methods.includes("totp") &&
      totpSecret !== undefined &&
      totp.verify(username, totpSecret, code) === "accepted"
    )
  }

  return async (request) => {
    if (request.headers.has("X-FilesAPI-Key"))
      return filescomError(
        "not-authenticated/api-key-sessions-not-supported",
        "Sessions cannot be created with an API key.",
      )
    const body = await readFilescomBody(request, filescomError)
    if (deps.requiresRecaptcha)
      return filescomError("not-authorized/recaptcha-failed", "reCAPTCHA verification failed.")
    const username = body.text("username")
    const password = body.text("password")
    const otp = body.text("otp")
    const partialSessionId = body.text("partial_session_id")
    const key = username.toLowerCase()
    const waitMs = failures.waitFor(key)
    if (waitMs !== undefined)
      return filescomError("rate-limited/too-many-login-attempts", "Too many login attempts.", {
        headers: { "Retry-After": String(Math.ceil(waitMs / 1000)) },
      })
    const failed = (response: Response) => {
      failures.record(key)
      return response
    }
    const wrongCredentials = () =>
      failed(
        filescomError(
          "not-authenticated/invalid-username-or-password",
          "Invalid username or password",
        ),
      )
    const account = byUsername(username)
    // A lockout stops every sign-in of the account, whatever the password.
    if (account?.state === "lockedOut")
      return filescomError("not-authenticated/locked-out", "Your account is locked out.")

    // A YubiKey string continues the partial session instead of sending the password again.
    if (password === "" && partialSessionId !== "") {
      const owner = sessions.partialUserOf(partialSessionId)
      if (account === undefined || owner !== account.person.username) return wrongCredentials()
      if (!isRightCode(account, otp))
        return failed(
          filescomError(
            "not-authenticated/one-time-password-incorrect",
            "Incorrect one-time password.",
          ),
        )
      sessions.closePartial(partialSessionId)
      return createSession(account)
    }

    if (account === undefined || account.person.password !== password) return wrongCredentials()
    switch (account.state) {
      case "active":
        break
      case "mustChangePassword":
        return filescomError(
          "not-authorized/password-change-required",
          "You must change your password before you can log in.",
        )
      case "mustSetUpTwoFactor":
        return filescomError(
          "not-authorized/two-factor-authentication-required",
          "Your site requires two-factor authentication. Set it up on the web before logging in.",
        )
      case "twoFactorSetupExpired":
        return filescomError(
          "not-authenticated/two-factor-authentication-setup-expired",
          "The time to set up two-factor authentication has expired.",
        )
      default:
        return account.state satisfies never
    }
    if (account.methods.length === 0) return createSession(account)
    if (otp === "") {
      // The first attempt texts a code to an account with text messages, whichever method comes first.
      if (account.methods.includes("sms")) sms.send(account.person.username)
      return secondFactorRequired(account)
    }
    if (isRightCode(account, otp)) return createSession(account)
    // A wrong code with the password is asked for again (without a new text message).
    return failed(secondFactorRequired(account))
  }
}

/** A U2F sign request as the 2FA answer of a U2F account carries it; the emulator cannot check an answer. */
function u2fSignRequest(challenge: string) {
  return {
    app_id: "https://files.localhost",
    challenge,
    sign_request: { version: "U2F_V2", key_handle: "latchkey-emulator-key-handle" },
  }
}
