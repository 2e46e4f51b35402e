import type {
  AdapterContext,
  SecondFactorChallenge,
  SecondFactorKind,
  SecondFactorMethod,
  SignInStep,
} from "../../adapter"
import { AuthError, isAuthError } from "../../authError"
import { twoFactorType, filescomVendor as vendor } from "./filescomError"
import type { FilescomCredentials } from "./filescomSchemas"
import type { SessionAnswer, SessionFields, SiteAnswer } from "./sessionRequest"

/**
 * How long a challenge (and the password its continuation holds) lives. Files.com does not say how long a partial
 * session lasts; ten minutes bounds how long a password stays in memory for a code that does not come.
 */
export const challengeLifetimeMs = 10 * 60_000

/** How long after a text message "send a new code" becomes possible. */
export const smsResendIntervalMs = 30_000

/** Errors after which the flow keeps the challenge open (the flow machine's rule): the password stays for them. */
const keepsChallenge = [
  "invalid_second_factor",
  "invalid_input",
  "rate_limited",
  "network",
  "timeout",
  "server",
  "invalid_response",
] as const

/** What a challenge needs from the sign-in that raised it. */
export interface ChallengeOrigin {
  readonly username: string
  readonly issuedAt: number
  /** Sends `POST /sessions` where the first answer came from (after a region mismatch, the region's host). */
  readonly post: (ctx: AdapterContext, fields: SessionFields) => Promise<SiteAnswer>
  /** The session the challenge ends with, once the server accepts a code. */
  readonly signedIn: (sessionId: string, issuedAt: number) => SignInStep<FilescomCredentials>
}

/** The methods this kit can perform, by the server's name, with their kind; `u2f` and unknown names are not among them. */
const kinds: ReadonlyMap<string, SecondFactorKind> = new Map([
  ["totp", "totp"],
  ["sms", "sms"],
  ["yubi", "yubikey"],
])

/**
 * Turns a `two-factor-authentication-error` into a challenge listing the methods the kit can perform, in the
 * server's order. TOTP and SMS codes go with the user name and password again, so the password lives in the
 * continuation's closure — never in a snapshot — until the flow ends or the challenge expires; a YubiKey string goes
 * with the partial session instead. When no method can be performed, the `second_factor_unsupported` error names the first one.
 */
export function secondFactorStep(
  origin: ChallengeOrigin,
  password: string,
  answer: Extract<SessionAnswer, { type: "twoFactor" }>,
): SignInStep<FilescomCredentials> {
  const { username, issuedAt } = origin
  const methods: SecondFactorMethod[] = [...new Set(answer.methods)].flatMap((id) => {
    const kind = kinds.get(id)
    return kind ? [{ id, kind, canResend: id === "sms" }] : []
  })
  const first = methods[0]
  if (first === undefined) {
    throw new AuthError("second_factor_unsupported", {
      vendor,
      status: 401,
      vendorCode: answer.methods[0],
    })
  }
  const expiresAt = issuedAt + challengeLifetimeMs
  let secret: { password: string; partialSessionId: string } | undefined = {
    password,
    partialSessionId: answer.partialSessionId,
  }
  // The first attempt sent the text message, whichever method the server lists first.
  let smsSentAt = methods.some((method) => method.id === "sms") ? issuedAt : undefined

  const challenge = (method: string): SecondFactorChallenge => ({
    methods,
    method,
    expiresAt,
    resendAvailableAt:
      method === "sms" && smsSentAt !== undefined ? smsSentAt + smsResendIntervalMs : undefined,
  })

  const live = (ctx: AdapterContext) => {
    if (secret === undefined || ctx.now() >= expiresAt) {
      secret = undefined
      throw new AuthError("second_factor_expired", { vendor })
    }
    return secret
  }

  /** Posts for the challenge; the password is dropped as soon as the flow cannot go on with it. */
  const post = async (ctx: AdapterContext, fields: SessionFields) => {
    try {
      const next = await origin.post(ctx, fields)
      if (next.type === "twoFactor" && secret) secret.partialSessionId = next.partialSessionId
      if (next.type === "session") secret = undefined
      return next
    } catch (error) {
      if (!isAuthError(error, ...keepsChallenge)) secret = undefined
      throw error
    }
  }

  return {
    type: "secondFactor",
    challenge: challenge(first.id),
    continuation: {
      async submit(ctx, { method, code }) {
        const held = live(ctx)
        const startedAt = ctx.now()
        const fields =
          method === "yubi"
            ? { username, otp: code, partial_session_id: held.partialSessionId }
            : { username, password: held.password, otp: code }
        const next = await post(ctx, fields)
        if (next.type === "session") return origin.signedIn(next.id, startedAt)
        // Asked for a code again: the last one was wrong, and the challenge goes on.
        throw new AuthError("invalid_second_factor", {
          vendor,
          status: 401,
          vendorCode: twoFactorType,
          fields: ["code"],
        })
      },
      // The flow offers only the challenge's methods; switching sends nothing (the first attempt texted a code).
      async select(ctx, method) {
        live(ctx)
        return challenge(method)
      },
      async resend(ctx, method) {
        const held = live(ctx)
        if (method !== "sms") throw new AuthError("unsupported", { vendor, vendorCode: method })
        const availableAt = challenge(method).resendAvailableAt ?? 0
        if (ctx.now() < availableAt)
          throw new AuthError("rate_limited", { vendor, retryAfterMs: availableAt - ctx.now() })
        const startedAt = ctx.now()
        // "Send a new code" is the first attempt again: the password alone makes the server text a code.
        const next = await post(ctx, { username, password: held.password })
        if (next.type !== "twoFactor") throw new AuthError("invalid_response", { vendor })
        smsSentAt = startedAt
        return challenge(method)
      },
    },
  }
}
