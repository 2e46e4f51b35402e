import type { AdapterContext, AuthAdapter, SignInStep } from "../adapter"
import { AuthError, type AuthErrorCode } from "../authError"
import { parseJsonResponse, tryParseJsonResponse } from "../parseJsonResponse"
import { parseRetryAfter } from "../retryAfter"
import * as v from "../schema"
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
export function fakeAdapter(
  options: { baseUrl?: string; secondFactor?: FakeSecondFactor; canRefresh?: boolean } = {},
): AuthAdapter<FakeCredentials> {
  const baseUrl = options.baseUrl ?? "https://fake.test"
  const secondFactor = options.secondFactor ?? "challenge"
  const post = (ctx: AdapterContext, path: string, body: unknown) =>
    ctx.fetch(
      new Request(`${baseUrl}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    )

  const fail = async (response: Response, ctx: AdapterContext): Promise<never> => {
    const status = response.status
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), ctx.now())
      throw new AuthError("rate_limited", { vendor, status, retryAfterMs })
    }
    if (status >= 500) throw new AuthError("server", { vendor, status })
    const body = await tryParseJsonResponse(response, errorSchema)
    const code = body ? errorCodes[body.error] : undefined
    if (!code) throw new AuthError("invalid_response", { vendor, status })
    const fieldErrors = code === "invalid_credentials" ? { password: body?.error ?? "" } : undefined
    throw new AuthError(code, { vendor, status, vendorCode: body?.error, fieldErrors })
  }

  const toSession = async (response: Response, issuedAt: number) => {
    const body = await parseJsonResponse(response, tokensSchema, vendor)
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
    response: Response,
    ctx: AdapterContext,
    issuedAt: number,
  ): Promise<SignInStep<FakeCredentials>> => {
    if (!response.ok) return fail(response, ctx)
    return { type: "signedIn", session: await toSession(response, issuedAt) }
  }

  return {
    vendor,
    capabilities: {
      secondFactor: secondFactor === "none" ? "none" : secondFactor,
      refresh: options.canRefresh === false ? "reauth" : "token",
      sso: true,
      signOutEverywhere: true,
    },
    ssoCallbackParameters: ["token"],
    async discover(ctx) {
      const response = await ctx.fetch(new Request(`${baseUrl}/options`))
      if (!response.ok) return fail(response, ctx)
      const body = await parseJsonResponse(response, optionsSchema, vendor)
      const captcha = body.captcha ? await this.newCaptcha?.(ctx) : undefined
      return {
        identifier: "username",
        asksForServer: false,
        hasPassword: true,
        inlineCode: secondFactor === "inline" ? "optional" : "none",
        captcha,
        ssoProviders: body.sso,
      }
    },
    async newCaptcha(ctx) {
      const response = await ctx.fetch(new Request(`${baseUrl}/captcha`))
      if (!response.ok) return fail(response, ctx)
      const body = await parseJsonResponse(
        response,
        v.object({ image: v.string(), ticket: v.string() }),
        vendor,
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
      if (!response.ok) return fail(response, ctx)
      const challenge = await tryParseJsonResponse(response.clone(), challengeSchema)
      if (!challenge) return signedIn(response, ctx, issuedAt)
      return {
        type: "secondFactor",
        challenge: {
          methods: [{ id: "totp", kind: "totp", canResend: false }],
          method: "totp",
          expiresAt: issuedAt + challenge.expiresInMs,
        },
        continuation: {
          async submit(ctx2, { code }) {
            const started = ctx2.now()
            return signedIn(
              await post(ctx2, "/login/code", { challenge: challenge.challenge, code }),
              ctx2,
              started,
            )
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
      return signedIn(
        await post(ctx, "/login/token", { token: url.searchParams.get("token") }),
        ctx,
        issuedAt,
      )
    },
    async refresh(ctx, session) {
      const issuedAt = ctx.now()
      const response = await post(ctx, "/refresh", {
        refreshToken: session.credentials.refreshToken,
      })
      if (!response.ok) return fail(response, ctx)
      return toSession(response, issuedAt)
    },
    async validate(ctx, session) {
      const response = await ctx.fetch(this.authorize(new Request(`${baseUrl}/me`), session))
      if (!response.ok) return fail(response, ctx)
      return session
    },
    async signOut(ctx, session, { everywhere }) {
      const response = await ctx.fetch(
        this.authorize(
          new Request(`${baseUrl}/logout`, {
            method: "POST",
            body: JSON.stringify({ everywhere }),
          }),
          session,
        ),
      )
      if (!response.ok) return fail(response, ctx)
      return {}
    },
    authorize(request, session) {
      const headers = new Headers(request.headers)
      headers.set("authorization", `Bearer ${session.credentials.accessToken}`)
      return new Request(request, { headers })
    },
    async classify(response) {
      if (response.status === 429) return { type: "rateLimited", retryAfterMs: undefined }
      if (response.status !== 401) return { type: "ok" }
      const body = await tryParseJsonResponse(response, errorSchema)
      return body?.error === "revoked" ? { type: "revoked" } : { type: "expired" }
    },
    parseCredentials(value) {
      const result = credentialsSchema.safeParse(value)
      return result.success ? result.data : undefined
    },
  }
}
