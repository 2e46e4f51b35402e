import { bearerToken } from "../bearerToken"
import { createEmulator, type Emulator } from "../emulator"
import { type EmulatorOptions, resolveEmulatorOptions } from "../options"
import { createRequestLog } from "../requestLog"
import { createRouter } from "../router"
import { matchTotp } from "../totp"
import { createCaptchaStore } from "./captchaStore"
import {
  type CloudreveAccount,
  type CloudreveUserStatus,
  cloudreveAccounts,
  cloudrevePeople,
  cloudreveStatuses,
} from "./cloudreveAccounts"
import { createCloudreveEnvelope } from "./cloudreveEnvelope"
import { readCloudreveBody, requireField } from "./cloudreveRequestBody"
import { type CloudreveTokenPair, createCloudreveTokens } from "./cloudreveTokens"
import { createTwoFactorSessions } from "./twoFactorSessions"

/** The captcha kinds a Cloudreve site can ask for (`captcha_type`). */
export type CloudreveCaptchaType = "normal" | "recaptcha" | "tcaptcha" | "turnstile" | "cap"

/** The one widget answer the emulator accepts for the third-party captcha kinds (it cannot ask Google or Cloudflare). */
export const cloudreveWidgetTestAnswer = "latchkey-emulator-widget-pass"

/** The site key the emulator advertises for reCAPTCHA and Turnstile. */
export const cloudreveWidgetSiteKey = "latchkey-emulator-site-key"

/** What the Cloudreve emulator takes beyond the options every emulator takes. */
export interface CloudreveEmulatorOptions extends EmulatorOptions {
  /** Whether signing in needs a captcha; off by default, as on a fresh server. */
  readonly loginCaptcha?: boolean
  /** Which captcha; `normal` (an image drawn by the emulator) by default. */
  readonly captchaType?: CloudreveCaptchaType
  /** Account statuses by e-mail; by default `carol@example.com` is blocked and `dave@example.com` not activated. */
  readonly statuses?: Readonly<Record<string, CloudreveUserStatus>>
  /** A page sign-out answers with (an SSO session to end too) instead of the open-source server's `""`. */
  readonly signOutUrl?: string
}

/** The Cloudreve emulator, with a way for tests and devtools to read an image captcha's answer. */
export interface CloudreveEmulator extends Emulator {
  /** The answer of an unused image captcha ticket. */
  captchaAnswer(ticket: string): string | undefined
}

/**
 * Creates an in-memory Cloudreve v4 server of the session endpoints: every answer HTTP 200 with an envelope,
 * TOTP second step, optional captcha, refreshable JWTs and sign-out that revokes the refresh chain.
 *
 * @example
 * const clock = createEmulatorClock()
 * const emulator = createCloudreveEmulator({ clock, loginCaptcha: true })
 * const response = await toFetch(emulator)("http://localhost/api/v4/site/config/login")
 */
export function createCloudreveEmulator(options: CloudreveEmulatorOptions = {}): CloudreveEmulator {
  // No rate limit: Cloudreve has none on these endpoints.
  const resolved = resolveEmulatorOptions(
    { ...options, people: options.people ?? cloudrevePeople },
    { rateLimit: false },
  )
  const { clock, random } = resolved
  const accounts = cloudreveAccounts(
    resolved.people,
    options.statuses ?? cloudreveStatuses,
    clock.now(),
  )
  const captchaType = options.captchaType ?? "normal"
  const isCaptchaOn = options.loginCaptcha === true
  const envelope = createCloudreveEnvelope(random)
  const captchas = createCaptchaStore({ clock, random })
  const twoFactor = createTwoFactorSessions({ clock, random })
  const tokens = createCloudreveTokens({
    clock,
    random,
    accessTtlMs: resolved.accessTokenTtlMs,
    refreshTtlMs: resolved.refreshTokenTtlMs,
  })

  const byEmail = (email: string) =>
    accounts.find((account) => account.person.email.toLowerCase() === email.toLowerCase())
  const byId = (id: string) => accounts.find((account) => account.id === id)
  const userJson = (account: CloudreveAccount) => ({
    id: account.id,
    email: account.person.email,
    nickname: account.person.displayName,
    status: account.status,
    avatar: "",
    created_at: new Date(account.createdAt).toISOString(),
    preferred_theme: "",
    anonymous: false,
    group: { id: 2, name: "User" },
    language: "en-US",
  })
  const signedIn = async (account: CloudreveAccount) => {
    let token: CloudreveTokenPair
    try {
      token = await tokens.signIn(account.id)
    } catch {
      return envelope.failure(50002, "Failed to issue token pair")
    }
    return envelope.success({ user: userJson(account), token })
  }
  const isCaptchaSolved = (captcha: string, ticket: string) => {
    switch (captchaType) {
      case "normal":
        return captchas.check(ticket, captcha)
      case "recaptcha":
        return captcha === cloudreveWidgetTestAnswer
      case "tcaptcha":
        return ticket === cloudreveWidgetTestAnswer && captcha !== ""
      case "turnstile":
      case "cap":
        return ticket === cloudreveWidgetTestAnswer
      default:
        return captchaType satisfies never
    }
  }

  const router = createRouter({ basePath: "/api/v4" })
    .get("/site/config/login", () =>
      envelope.success({
        login_captcha: isCaptchaOn,
        reg_captcha: false,
        forget_captcha: false,
        authn: false,
        captcha_type: captchaType,
        ...(captchaType === "recaptcha" ? { captcha_ReCaptchaKey: cloudreveWidgetSiteKey } : {}),
        ...(captchaType === "turnstile" ? { turnstile_site_id: cloudreveWidgetSiteKey } : {}),
      }),
    )
    .get("/site/captcha", () => envelope.success(captchas.issue()))
    .get("/session/prepare", ({ url }) => {
      const email = requireField(envelope, url.searchParams.get("email") ?? "", {
        label: "Email",
        isEmail: true,
      })
      if (byEmail(email) === undefined) return envelope.failure(404, "User not found")
      return envelope.success({ webauthn_enabled: false, password_enabled: true })
    })
    .post("/session/token", async ({ request }) => {
      const body = await readCloudreveBody(request, envelope)
      // The captcha middleware runs before the parameters are validated.
      if (isCaptchaOn && !isCaptchaSolved(body.text("captcha"), body.text("ticket")))
        return envelope.failure(40026, "CAPTCHA not match.")
      const email = requireField(envelope, body.text("email"), { label: "Email", isEmail: true })
      const password = requireField(envelope, body.text("password"), {
        label: "Password",
        min: 4,
        max: 128,
      })
      const account = byEmail(email)
      // The same answer for an unknown e-mail and a wrong password, and the status only after both.
      if (account === undefined || account.person.password !== password)
        return envelope.failure(40080, "Incorrect password or email address")
      switch (account.status) {
        case "active":
          break
        case "manual_banned":
        case "sys_banned":
          return envelope.failure(40017, "This account has been blocked")
        case "inactive":
          return envelope.failure(40018, "This account is not activated")
        default:
          return account.status satisfies never
      }
      if (account.person.totpSecret !== undefined)
        return envelope.twoFactorRequired(twoFactor.open(account.id))
      return signedIn(account)
    })
    .post("/session/token/2fa", async ({ request }) => {
      const body = await readCloudreveBody(request, envelope)
      const otp = requireField(envelope, body.text("otp"), { label: "OTP" })
      const sessionId = requireField(envelope, body.text("session_id"), { label: "Session ID" })
      const userId = twoFactor.userOf(sessionId)
      const account = userId === undefined ? undefined : byId(userId)
      if (userId === undefined || account === undefined)
        return envelope.failure(404, "Login session not exist")
      const secret = account.person.totpSecret
      if (secret === undefined || matchTotp(secret, otp.trim(), clock.now()) === undefined)
        return envelope.failure(40022, "Incorrect 2FA code")
      twoFactor.close(sessionId)
      return signedIn(account)
    })
    .post("/session/token/refresh", async ({ request }) => {
      const body = await readCloudreveBody(request, envelope)
      const refreshToken = requireField(envelope, body.text("refresh_token"), {
        label: "Refresh token",
      })
      const pair = await tokens.refresh(refreshToken)
      if (pair === undefined) return envelope.failure(40020, "Invalid refresh token")
      return envelope.success(pair)
    })
    .delete("/session/token", async ({ request }) => {
      const body = await readCloudreveBody(request, envelope)
      const refreshToken = requireField(envelope, body.text("refresh_token"), {
        label: "Refresh token",
      })
      if (!(await tokens.revoke(refreshToken)))
        return envelope.failure(40020, "Invalid refresh token")
      return envelope.success(options.signOutUrl ?? "")
    })
    .get("/user/me", async ({ request }) => {
      const token = bearerToken(request)
      const userId = token === undefined ? undefined : await tokens.userOf(token)
      const account = userId === undefined ? undefined : byId(userId)
      if (account === undefined) return envelope.failure(401, "Login required")
      return envelope.success(userJson(account))
    })

  const emulator = createEmulator({
    vendor: "cloudreve",
    router,
    clock,
    people: resolved.people,
    log: createRequestLog({ capacity: resolved.requestLogCapacity }),
    notFound: () => envelope.failure(404, "Not found"),
    methodNotAllowed: () => envelope.failure(405, "Method not allowed"),
    internalError: () => envelope.failure(50000, "Internal error"),
  })
  return { ...emulator, captchaAnswer: (ticket) => captchas.answerOf(ticket) }
}
