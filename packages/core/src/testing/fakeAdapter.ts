import type { AdapterContext, AuthAdapter, SignInStep } from "../adapter"
import { AuthError, type AuthErrorCode } from "../authError"
import * as v from "../schema"
import {
  jsonRequest,
  parseJson,
  peekJson,
  rateLimited,
  readJson,
  type SendOptions,
  send,
  sendJson,
} from "../sendJson"
import type { Session } from "../session"
import type { FakeSecondFactor } from "./fakeServer"

/** The fake vendor's credentials. */
export interface FakeCredentials {
  readonly accessToken: string
  readonly refreshToken?: string | undefined
}

const vendor = "fake"
const credentialsSchema = v.object({
  accessToken: v.string(),
  refreshToken: v.optional(v.string()),
})
const tokensSchema = v.object({
  user: v.object({ id: v.string(), name: v.optional(v.string()) }),
  accessToken: v.string(),
  refreshToken: v.optional(v.string()),
  expiresInMs: v.nullable(v.number()),
})
const challengeSchema = v.object({ challenge: v.string(), expiresInMs: v.number() })
const errorSchema = v.object({ error: v.string() })
const optionsSchema = v.object({
  captcha: v.boolean(),
  sso: v.array(v.object({ id: v.string(), name: v.string() })),
})

const errorCodes: Record<string, AuthErrorCode> = {
  invalid_credentials: "invalid_credentials",
  invalid_code: "invalid_second_factor",
  challenge_expired: "second_factor_expired",
  captcha_invalid: "captcha_invalid",
  refresh_refused: "session_expired",
  revoked: "session_revoked",
}

/**
 * The adapter of the fake vendor served by `createFakeServer`: a stand-in for tests of forms and
 * engines, configurable to each shape of second factor and refresh the real vendors have.
 */
function authorize(request: Request, session: Session<FakeCredentials>): Request {
  const headers = new Headers(request.headers)
  headers.set("authorization", `Bearer ${session.credentials.accessToken}`)
  return new Request(request, { headers })
}

export function fakeAdapter(
  options: { baseUrl?: string; secondFactor?: FakeSecondFactor; canRefresh?: boolean } = {},
): AuthAdapter<FakeCredentials> {
  const baseUrl = options.baseUrl ?? "https://fake.test"
  const secondFactor = options.secondFactor ?? "challenge"
  const canRefresh = options.canRefresh !== false
  const reading = (ctx: AdapterContext): SendOptions => ({
    vendor,
    refusal: ({ status, headers, json }) => {
      if (status === 429) return rateLimited({ vendor, status, headers, now: ctx.now() })
      const body = errorSchema.safeParse(json)
      const vendorCode = body.success ? body.data.error : undefined
      const code = vendorCode === undefined ? undefined : errorCodes[vendorCode]
      if (!code) return undefined
      // Like SFTPGo, an inline-code server refuses a wrong password, a missing code and a wrong code alike.
      const fields =
        code !== "invalid_credentials"
          ? undefined
          : secondFactor === "inline"
            ? (["password", "code"] as const)
            : (["password"] as const)
      return new AuthError(code, { vendor, status, vendorCode, fields })
    },
  })
  const post = (ctx: AdapterContext, path: string, body: unknown) =>
    send(ctx, jsonRequest(`${baseUrl}${path}`, { body }), reading(ctx))

  const toSession = async (ctx: AdapterContext, response: Response, issuedAt: number) => {
    const body = await readJson(ctx, response, tokensSchema, vendor)
    const session: Session<FakeCredentials> = {
      user: { id: body.user.id, displayName: body.user.name },
      credentials: { accessToken: body.accessToken, refreshToken: body.refreshToken },
      issuedAt,
      expiresAt: body.expiresInMs === null ? null : issuedAt + body.expiresInMs,
      isRefreshable: body.refreshToken !== undefined,
    }
    return session
  }

  const signedIn = async (
    ctx: AdapterContext,
    response: Response,
    issuedAt: number,
  ): Promise<SignInStep<FakeCredentials>> => ({
    type: "signedIn",
    session: await toSession(ctx, response, issuedAt),
  })

  const refresh = async (ctx: AdapterContext, session: Session<FakeCredentials>) => {
    const issuedAt = ctx.now()
    const response = await post(ctx, "/refresh", {
      refreshToken: session.credentials.refreshToken,
    })
    return toSession(ctx, response, issuedAt)
  }

  return {
    vendor,
    capabilities: {
      secondFactor: secondFactor === "inline" ? "inlineOptional" : secondFactor,
      refresh: canRefresh ? "token" : "reauth",
      sso: "stateParameter",
      signOutEverywhere: true,
      loginToken: false,
    },
    ssoCallbackParameters: ["token"],
    async discover(ctx) {
      const request = jsonRequest(`${baseUrl}/options`)
      const { body } = await sendJson(ctx, request, optionsSchema, reading(ctx))
      const captcha = body.captcha ? await this.newCaptcha?.(ctx) : undefined
      return {
        identifier: "username",
        asksForServer: false,
        hasPassword: true,
        captcha,
        ssoProviders: body.sso,
      }
    },
    async newCaptcha(ctx) {
      const { body } = await sendJson(
        ctx,
        jsonRequest(`${baseUrl}/captcha`),
        v.object({ image: v.string(), ticket: v.string() }),
        reading(ctx),
      )
      return { kind: "image", image: body.image, ticket: body.ticket }
    },
    async signIn(ctx, input) {
      const issuedAt = ctx.now()
      const response = await post(ctx, "/login", {
        identifier: input.identifier,
        password: input.password,
        code: input.code,
        captcha: input.captcha?.answer,
      })
      const challenge = challengeSchema.safeParse(parseJson(await ctx.readText(response.clone())))
      if (!challenge.success) return signedIn(ctx, response, issuedAt)
      const { data } = challenge
      return {
        type: "secondFactor",
        challenge: {
          methods: [{ id: "totp", kind: "totp", canResend: false }],
          method: "totp",
          expiresAt: issuedAt + data.expiresInMs,
        },
        continuation: {
          async submit(ctx2, { code }) {
            const started = ctx2.now()
            const response = await post(ctx2, "/login/code", { challenge: data.challenge, code })
            return signedIn(ctx2, response, started)
          },
        },
      }
    },
    async ssoRedirectUrl(_ctx, { callbackUrl }) {
      const url = new URL(`${baseUrl}/sso`)
      url.searchParams.set("redirect", callbackUrl)
      return url.href
    },
    async completeSso(ctx, { url }) {
      const issuedAt = ctx.now()
      const response = await post(ctx, "/login/token", { token: url.searchParams.get("token") })
      return signedIn(ctx, response, issuedAt)
    },
    ...(canRefresh ? { refresh } : {}),
    async validate(ctx, session) {
      await send(ctx, authorize(jsonRequest(`${baseUrl}/me`), session), reading(ctx))
      return session
    },
    async signOut(ctx, session, { everywhere }) {
      const request = jsonRequest(`${baseUrl}/logout`, { body: { everywhere } })
      await send(ctx, authorize(request, session), reading(ctx))
      return {}
    },
    authorize,
    async classify(response) {
      if (response.status === 429) return { type: "rateLimited", retryAfterMs: undefined }
      if (response.status !== 401) return { type: "ok" }
      const body = await peekJson(response, errorSchema)
      return body?.error === "revoked" ? { type: "revoked" } : { type: "expired" }
    },
    parseCredentials(value) {
      const result = credentialsSchema.safeParse(value)
      return result.success ? result.data : undefined
    },
  }
}
