import type { AuthAdapter } from "../../adapter"
import { AuthError, isAuthError } from "../../authError"
import type { ScramHash } from "../../scram/deriveScramKeys"
import { jsonRequest, type SendOptions, send, sendJson } from "../../sendJson"
import type { Session } from "../../session"
import type { PolarioDevice } from "./polarioDevice"
import { type PolarioStage, polarioRefusal, polarioVendor as vendor } from "./polarioRefusal"
import {
  type PolarioCredentials,
  polarioCredentialsSchema,
  polarioRefreshSchema,
  polarioSsoProvidersSchema,
} from "./polarioSchemas"
import { polarioSession, sessionJwt } from "./polarioSession"
import type { PolarioWire } from "./polarioSignIn"

/** How to reach a Polario server; everything it does not publish is configurable. */
export interface PolarioAdapterOptions {
  /** The API's base address; `https://custom.polario.de/api` by default. */
  readonly baseUrl?: string | undefined
  /** The hash of the server's SCRAM mechanism; `SHA-256` by default. */
  readonly hash?: ScramHash | undefined
  /** The header carrying the session JWT, in answers and in authenticated calls; `Session` by default. */
  readonly sessionHeader?: string | undefined
  /** The `Platform` header (and the single sign-on `origin`); `Web` by default. */
  readonly platform?: string | undefined
  /** The lowest SCRAM iteration count accepted from the server; 4096 by default. */
  readonly minIterations?: number | undefined
  /** How long a session lasts when its JWT has no `exp`; 15 minutes by default. */
  readonly sessionLifetimeMs?: number | undefined
  /**
   * The browser's user-agent string, or a function reading it when a sign-in starts (`() => navigator.userAgent`,
   * safe during server rendering): Polario's device fields (`os`, `osVersion`, `browser`, `deviceName`) are read
   * from it. Without it the device is `os: "Other"`.
   */
  readonly userAgent?: string | (() => string | undefined) | undefined
  /** Device fields that override what the user agent says. */
  readonly device?: Partial<PolarioDevice> | undefined
}

/** The only kind of single sign-on provider Polario's redirect path serves. */
const samlType = "saml2"

/**
 * Creates the adapter for Polario: SCRAM sign-in in two requests with the server's signature verified before
 * anything is kept, JWT sessions renewed with a refresh token, and SAML2 single sign-on behind a pending marker.
 * @example
 * const client = createAuthClient({ adapter: polarioAdapter({ baseUrl: "https://custom.polario.de/api" }) })
 * await client.signIn().submit({ identifier: "alice@example.com", password })
 */
export function polarioAdapter(
  options: PolarioAdapterOptions = {},
): AuthAdapter<PolarioCredentials> {
  const baseUrl = (options.baseUrl ?? "https://custom.polario.de/api").replace(/\/+$/, "")
  const sessionHeader = options.sessionHeader ?? "Session"
  const platform = options.platform ?? "Web"
  const lifetimeMs = options.sessionLifetimeMs ?? 15 * 60_000

  const post = (path: string, body: Record<string, unknown>) =>
    jsonRequest(`${baseUrl}${path}`, { body, headers: { Platform: platform } })
  const reading = (stage: PolarioStage, email?: string): SendOptions => ({
    vendor,
    refusal: (refusal) => polarioRefusal(refusal, stage, email),
  })
  const wire: PolarioWire = {
    vendor,
    hash: options.hash ?? "SHA-256",
    minIterations: options.minIterations,
    sessionHeader,
    lifetimeMs,
    userAgent: options.userAgent,
    device: options.device,
    post,
    reading,
  }

  const authorize = (request: Request, session: Session<PolarioCredentials>) => {
    const headers = new Headers(request.headers)
    headers.set(sessionHeader, session.credentials.jwt)
    return new Request(request, { headers })
  }

  return {
    vendor,
    capabilities: {
      secondFactor: "none",
      refresh: "token",
      sso: "pendingMarker",
      signOutEverywhere: false,
      loginToken: false,
      derivesPasswordKey: true,
    },
    ssoCallbackParameters: ["code"],

    async discover(ctx) {
      // The form is about to ask for a password: fetch the SCRAM code while the person types.
      loadSignIn().catch(() => {})
      let providers: { id: string; name: string; icon?: string | undefined }[] = []
      try {
        const request = jsonRequest(`${baseUrl}/auth/default/sso-provider`)
        const { body } = await sendJson(ctx, request, polarioSsoProvidersSchema, reading("other"))
        providers = body
          .filter((provider) => provider.type.toLowerCase() === samlType)
          .map(({ id, title, icon }) => ({ id: String(id), name: title, icon: imageUrl(icon) }))
      } catch (error) {
        // A server without single sign-on may not have the listing at all.
        if (!isAuthError(error) || error.status !== 404) throw error
      }
      return {
        identifier: "email",
        asksForServer: false,
        hasPassword: true,
        ssoProviders: providers,
      }
    },

    async signIn(ctx, input, previous) {
      // Re-authentication is for the session's user, whatever the form sends as the identifier.
      const email = previous ? (previous.user.email ?? previous.user.id) : input.identifier.trim()
      if (!email) throw new AuthError("invalid_input", { vendor, fields: ["identifier"] })
      return (await loadSignIn()).polarioScramSignIn(ctx, wire, email, input.password)
    },

    async ssoRedirectUrl(_ctx, { providerId }) {
      if (providerId === undefined) throw new AuthError("invalid_input", { vendor })
      return `${baseUrl}/auth/Saml2/${encodeURIComponent(providerId)}?origin=${encodeURIComponent(platform)}`
    },

    async completeSso(ctx, { url }) {
      const code = url.searchParams.get("code")
      if (!code) throw new AuthError("invalid_response", { vendor })
      return (await loadSignIn()).polarioSsoSignIn(ctx, wire, code)
    },

    async refresh(ctx, session) {
      const { credentials } = session
      const issuedAt = ctx.now()
      const { body, response } = await sendJson(
        ctx,
        post("/auth/session", { refreshToken: credentials.refreshToken }),
        polarioRefreshSchema,
        reading("refresh"),
      )
      const renewed = polarioSession({
        ...credentials,
        jwt: sessionJwt(response, sessionHeader),
        deviceId: body.deviceId || credentials.deviceId,
        email: session.user.email,
        issuedAt,
        lifetimeMs,
      })
      return { ...renewed, user: session.user }
    },

    async signOut(ctx, session) {
      const request = jsonRequest(`${baseUrl}/auth/logout`)
      try {
        await send(ctx, authorize(request, session), reading("other"))
      } catch (error) {
        // A session the server no longer knows is as signed out as it gets.
        if (!isAuthError(error) || error.status !== 401) throw error
      }
      return {}
    },

    authorize,

    async classify(response) {
      if (response.status === 401) return { type: "expired" }
      if (response.status !== 429) return { type: "ok" }
      const seconds = response.headers.get("retry-after")
      // classify has no clock: only the seconds form of Retry-After is read.
      const retryAfterMs =
        seconds && /^\s*\d+\s*$/.test(seconds) ? Number(seconds) * 1000 : undefined
      return { type: "rateLimited", retryAfterMs }
    },

    parseCredentials(value) {
      const result = polarioCredentialsSchema.safeParse(value)
      return result.success ? result.data : undefined
    },
  }
}

/**
 * The sign-in code (SCRAM, device fields), loaded on first use: most page loads restore a session and never sign
 * in. A chunk that fails to load is a `network` failure, like any request.
 */
async function loadSignIn(): Promise<typeof import("./polarioSignIn")> {
  try {
    return await import("./polarioSignIn")
  } catch (cause) {
    throw new AuthError("network", { vendor, cause })
  }
}

/** Only an image address a page may show: a web address or an image as data. */
function imageUrl(icon: string | null | undefined): string | undefined {
  return icon && /^(https?:\/\/|data:image\/)/.test(icon) ? icon : undefined
}
