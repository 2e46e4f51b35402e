import type {
  AdapterContext,
  AuthAdapter,
  Captcha,
  SignInInput,
  SignInOptions,
  SignInStep,
} from "../../adapter"
import { AuthError } from "../../authError"
import type { Schema } from "../../schema"
import { jsonRequest, peekJson, sendJson } from "../../sendJson"
import type { Session, SessionUser } from "../../session"
import {
  type CloudreveStage,
  cloudreveCodes,
  cloudreveError,
  cloudreveVendor as vendor,
} from "./cloudreveError"
import {
  type CloudreveCredentials,
  type CloudreveLoginConfig,
  type CloudreveToken,
  type CloudreveUser,
  cloudreveCaptchaSchema,
  cloudreveCredentialsSchema,
  cloudreveEnvelopeSchema,
  cloudreveLoginConfigSchema,
  cloudreveLoginSchema,
  cloudreveSignOutSchema,
  cloudreveTokenSchema,
  cloudreveTwoFactorSessionSchema,
  cloudreveUserSchema,
  parseRfc3339,
} from "./cloudreveSchemas"

/** How to reach a Cloudreve v4 server. */
export interface CloudreveAdapterOptions {
  /** The server's origin (or the path it is mounted under); the API lives at `<baseUrl>/api/v4`. */
  readonly baseUrl: string
}

/** A 2FA session lives this long on the server (`POST /session/token` answered 203). */
const twoFactorLifetimeMs = 600_000

/** The one second-factor method Cloudreve has at sign-in. */
const totpMethod = { id: "totp", kind: "totp", canResend: false } as const

/**
 * The adapter of a Cloudreve v4 server: e-mail and password, an optional captcha, a TOTP challenge,
 * refreshable JWT sessions, and a sign-out that may point at a single sign-on page.
 * @example
 * const client = createAuthClient({ adapter: cloudreveAdapter({ baseUrl: "https://cloud.example.com" }) })
 * const flow = client.signIn()
 * await flow.submit({ identifier: "alice@example.com", password })
 */
export function cloudreveAdapter(
  options: CloudreveAdapterOptions,
): AuthAdapter<CloudreveCredentials> {
  const apiUrl = `${options.baseUrl.replace(/\/+$/, "")}/api/v4`

  const request = (
    path: string,
    init: { method?: string; body?: unknown; accessToken?: string } = {},
  ) =>
    jsonRequest(`${apiUrl}${path}`, {
      method: init.method,
      body: init.body,
      headers:
        init.accessToken === undefined ? {} : { authorization: `Bearer ${init.accessToken}` },
    })

  /** Sends a request and reads its envelope; an error envelope becomes an `AuthError` unless `accepts` it. */
  const call = async (
    ctx: AdapterContext,
    outgoing: Request,
    stage: CloudreveStage,
    {
      secrets = [],
      accepts = [],
    }: { secrets?: readonly string[]; accepts?: readonly number[] } = {},
  ) => {
    // Cloudreve itself always answers 200; other statuses come from a proxy in front of it.
    const { body: envelope } = await sendJson(ctx, outgoing, cloudreveEnvelopeSchema, { vendor })
    if (envelope.code !== 0 && !accepts.includes(envelope.code))
      throw cloudreveError(envelope, stage, secrets)
    return envelope
  }

  const readData = <T>(data: unknown, schema: Schema<T>): T => {
    const result = schema.safeParse(data)
    if (!result.success) throw new AuthError("invalid_response", { vendor, status: 200 })
    return result.data
  }

  const toUser = (user: CloudreveUser): SessionUser => ({
    id: String(user.id),
    displayName: user.nickname || undefined,
    email: user.email || undefined,
  })

  const toSession = (
    user: SessionUser,
    token: CloudreveToken,
    issuedAt: number,
  ): Session<CloudreveCredentials> => {
    const expiresAt = parseRfc3339(token.access_expires)
    if (expiresAt === undefined) throw new AuthError("invalid_response", { vendor, status: 200 })
    return {
      user,
      credentials: { accessToken: token.access_token, refreshToken: token.refresh_token },
      issuedAt,
      expiresAt,
      isRefreshable: true,
    }
  }

  const signedIn = (data: unknown, issuedAt: number): SignInStep<CloudreveCredentials> => {
    const login = readData(data, cloudreveLoginSchema)
    return { type: "signedIn", session: toSession(toUser(login.user), login.token, issuedAt) }
  }

  const fetchCaptcha = async (ctx: AdapterContext): Promise<Captcha> => {
    const envelope = await call(ctx, request("/site/captcha"), "other")
    const captcha = readData(envelope.data, cloudreveCaptchaSchema)
    return { kind: "image", image: captcha.image, ticket: captcha.ticket }
  }

  const submitSecondFactor = async (
    ctx: AdapterContext,
    sessionId: string,
    code: string,
  ): Promise<SignInStep<CloudreveCredentials>> => {
    const issuedAt = ctx.now()
    const envelope = await call(
      ctx,
      request("/session/token/2fa", { body: { otp: code, session_id: sessionId } }),
      "secondFactor",
      { secrets: [code] },
    )
    return signedIn(envelope.data, issuedAt)
  }

  return {
    vendor,
    capabilities: {
      secondFactor: "challenge",
      refresh: "token",
      sso: "none",
      signOutEverywhere: false,
      loginToken: false,
    },

    async discover(ctx): Promise<SignInOptions> {
      const envelope = await call(ctx, request("/site/config/login"), "other")
      const config = readData(envelope.data, cloudreveLoginConfigSchema)
      return {
        identifier: "email",
        asksForServer: false,
        hasPassword: true,
        captcha: config.login_captcha === true ? await loginCaptcha(ctx, config) : undefined,
        ssoProviders: [],
      }
    },

    newCaptcha: fetchCaptcha,

    async signIn(ctx, input, previous) {
      const issuedAt = ctx.now()
      // Re-authentication is for the session's user, whatever the form sends as the identifier.
      const email = previous ? (previous.user.email ?? previous.user.id) : input.identifier
      const envelope = await call(
        ctx,
        request("/session/token", {
          body: { email, password: input.password, ...captchaFields(input) },
        }),
        "signIn",
        {
          secrets: [input.password, email.trim(), input.identifier.trim()],
          accepts: [cloudreveCodes.twoFactorRequired],
        },
      )
      if (envelope.code !== cloudreveCodes.twoFactorRequired)
        return signedIn(envelope.data, issuedAt)
      // The 2FA session id stays in this closure: never in a snapshot, a log or storage.
      const sessionId = readData(envelope.data, cloudreveTwoFactorSessionSchema)
      return {
        type: "secondFactor",
        challenge: {
          methods: [totpMethod],
          method: totpMethod.id,
          expiresAt: issuedAt + twoFactorLifetimeMs,
        },
        continuation: {
          submit: (next, { code }) => submitSecondFactor(next, sessionId, code),
        },
      }
    },

    async refresh(ctx, session) {
      const issuedAt = ctx.now()
      const { refreshToken } = session.credentials
      const envelope = await call(
        ctx,
        request("/session/token/refresh", { body: { refresh_token: refreshToken } }),
        "refresh",
        { secrets: [refreshToken] },
      )
      // Refresh tokens are not single-use, but the newest one is always the one kept.
      return toSession(session.user, readData(envelope.data, cloudreveTokenSchema), issuedAt)
    },

    async validate(ctx, session) {
      const envelope = await call(
        ctx,
        request("/user/me", { accessToken: session.credentials.accessToken }),
        "other",
      )
      return { ...session, user: toUser(readData(envelope.data, cloudreveUserSchema)) }
    },

    async signOut(ctx, session) {
      const { refreshToken } = session.credentials
      const envelope = await call(
        ctx,
        request("/session/token", { method: "DELETE", body: { refresh_token: refreshToken } }),
        "signOut",
        { secrets: [refreshToken], accepts: [cloudreveCodes.refreshRefused] },
      )
      // 40020: the refresh chain is already revoked or expired, so the server session is over: signed out.
      if (envelope.code === cloudreveCodes.refreshRefused) return {}
      return { followUpUrl: followUpUrl(readData(envelope.data, cloudreveSignOutSchema)) }
    },

    authorize(outgoing, session) {
      const headers = new Headers(outgoing.headers)
      headers.set("authorization", `Bearer ${session.credentials.accessToken}`)
      return new Request(outgoing, { headers })
    },

    async classify(response) {
      // A Cloudreve "Login required" is HTTP 200 with envelope code 401; a proxy may still send a real 401.
      if (response.status === 401) return { type: "expired" }
      const envelope = await peekJson(response, cloudreveEnvelopeSchema)
      return envelope?.code === cloudreveCodes.loginRequired ? { type: "expired" } : { type: "ok" }
    },

    parseCredentials(value) {
      const result = cloudreveCredentialsSchema.safeParse(value)
      return result.success ? result.data : undefined
    },
  }

  async function loginCaptcha(ctx: AdapterContext, config: CloudreveLoginConfig): Promise<Captcha> {
    const kind = config.captcha_type || "normal"
    switch (kind) {
      case "normal":
        return fetchCaptcha(ctx)
      case "recaptcha":
        return { kind: "widget", provider: kind, siteKey: config.captcha_ReCaptchaKey || undefined }
      case "turnstile":
        return { kind: "widget", provider: kind, siteKey: config.turnstile_site_id || undefined }
      default:
        return { kind: "widget", provider: kind }
    }
  }
}

/**
 * Where the captcha answer goes. With a ticket (the image captcha, Tencent's widget) the answer is
 * `captcha` and the ticket `ticket`. Without one the kind is a widget whose token the server reads from
 * `captcha` (reCAPTCHA) or `ticket` (Turnstile, Cap); the adapter cannot tell which without another
 * request, so the token goes in both and the server reads its own.
 */
function captchaFields(input: SignInInput): { captcha?: string; ticket?: string } {
  const captcha = input.captcha
  if (!captcha) return {}
  if (captcha.ticket !== undefined) return { captcha: captcha.answer, ticket: captcha.ticket }
  return { captcha: captcha.answer, ticket: captcha.answer }
}

/** Only a web page may be followed: a `javascript:` or `data:` address from a hostile server is dropped. */
function followUpUrl(data: string | null | undefined): string | undefined {
  if (!data) return undefined
  try {
    const url = new URL(data)
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : undefined
  } catch {
    return undefined
  }
}
