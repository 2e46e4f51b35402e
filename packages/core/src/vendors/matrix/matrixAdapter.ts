import type {
  AdapterContext,
  AuthAdapter,
  SignInOptions,
  SignInStep,
  SsoProvider,
} from "../../adapter"
import { AuthError, isAuthError } from "../../authError"
import { jsonRequest, peekJson, type SendOptions, send, sendJson } from "../../sendJson"
import type { Session } from "../../session"
import { discoverHomeserver, isUrl, resolveHomeserver } from "./matrixDiscovery"
import { matrixRefusal, matrixVendor, retryAfterMs } from "./matrixFailure"
import { type MatrixIdentifier, matrixIdentifier } from "./matrixIdentifier"
import {
  type LoginFlows,
  loginResponseSchema,
  type MatrixCredentials,
  matrixCredentialsSchema,
  matrixErrorSchema,
  refreshResponseSchema,
  userInteractiveAuthSchema,
  whoamiSchema,
} from "./matrixSchemas"

/** How to reach and sign in to a Matrix homeserver. */
export interface MatrixAdapterOptions {
  /** A server name (`example.org`) or base URL; absent, the sign-in form asks for one. */
  readonly homeserver?: string | undefined
  /** The name new devices get (`initial_device_display_name`); "Latchkey" by default. */
  readonly deviceDisplayName?: string | undefined
}

/** The provider id that stands for the homeserver's own SSO page, when it names no identity providers. */
export const matrixSsoProviderId = "m.login.sso"

const loginPath = "/_matrix/client/v3/login"

/**
 * Creates the adapter for the Matrix client-server API: discovery, password, SSO and token login,
 * rotating refresh tokens, soft logout and whoami validation.
 *
 * @example
 * const client = createAuthClient({ adapter: matrixAdapter({ homeserver: "matrix.org" }) })
 * await client.signIn().submit({ identifier: "@alice:matrix.org", password })
 */
export function matrixAdapter(options: MatrixAdapterOptions = {}): AuthAdapter<MatrixCredentials> {
  const deviceDisplayName = options.deviceDisplayName ?? "Latchkey"

  const baseUrlFor = async (ctx: AdapterContext, server: string | undefined) => {
    const typed = server?.trim() || options.homeserver
    if (!typed) {
      throw new AuthError("invalid_input", { vendor: matrixVendor, fields: ["server"] })
    }
    return resolveHomeserver(ctx, typed)
  }

  const reading = (ctx: AdapterContext): SendOptions => ({
    vendor: matrixVendor,
    refusal: (refusal) => matrixRefusal(refusal, ctx.now()),
  })

  const logIn = async (
    ctx: AdapterContext,
    baseUrl: string,
    login: Record<string, unknown>,
    previous: Session<MatrixCredentials> | undefined,
    email: string | undefined,
  ): Promise<SignInStep<MatrixCredentials>> => {
    const issuedAt = ctx.now()
    const request = jsonRequest(`${baseUrl}${loginPath}`, {
      body: {
        ...login,
        refresh_token: true,
        initial_device_display_name: deviceDisplayName,
        // Re-authenticating the same device keeps its keys and history (soft logout).
        ...(previous ? { device_id: previous.credentials.deviceId } : {}),
      },
    })
    const { body } = await sendJson(ctx, request, loginResponseSchema, reading(ctx))
    const isSameUser = previous?.credentials.userId === body.user_id
    return {
      type: "signedIn",
      session: {
        user: {
          id: body.user_id,
          email: email ?? (isSameUser ? previous?.user.email : undefined),
        },
        credentials: {
          homeserver: baseUrl,
          userId: body.user_id,
          deviceId: body.device_id,
          accessToken: body.access_token,
          refreshToken: body.refresh_token,
        },
        issuedAt,
        expiresAt: expiry(issuedAt, body.expires_in_ms),
        isRefreshable: body.refresh_token !== undefined,
      },
    }
  }

  // A one-time login token the server refuses has expired or was used: say so, not "wrong password".
  const logInWithToken = async (
    ctx: AdapterContext,
    baseUrl: string,
    token: string,
    previous?: Session<MatrixCredentials>,
  ): Promise<SignInStep<MatrixCredentials>> => {
    try {
      return await logIn(ctx, baseUrl, { type: "m.login.token", token }, previous, undefined)
    } catch (error) {
      if (!isAuthError(error, "invalid_credentials")) throw error
      throw new AuthError("session_expired", {
        vendor: matrixVendor,
        status: error.status,
        vendorCode: error.vendorCode,
        cause: error,
      })
    }
  }

  const authorize = (request: Request, session: Session<MatrixCredentials>) => {
    const headers = new Headers(request.headers)
    headers.set("Authorization", `Bearer ${session.credentials.accessToken}`)
    return new Request(request, { headers })
  }

  return {
    vendor: matrixVendor,
    capabilities: {
      secondFactor: "none",
      refresh: "token",
      sso: "stateParameter",
      signOutEverywhere: true,
      loginToken: true,
    },
    ssoCallbackParameters: ["loginToken"],

    async discover(ctx, { server }) {
      const asksForServer = options.homeserver === undefined
      const typed = server?.trim() || options.homeserver
      if (!typed) return signInOptions(asksForServer, undefined, undefined)
      // A server typed into the form may be anything; one the app fixed is known to be a homeserver.
      const found = await discoverHomeserver(ctx, typed, asksForServer)
      return signInOptions(asksForServer, found.baseUrl, found.flows)
    },

    async signIn(ctx, input, previous) {
      // Re-authentication is for the session's user, on its homeserver, whatever the form sends: its device id
      // goes with the request, and no one else may take the session over.
      const baseUrl = previous?.credentials.homeserver ?? (await baseUrlFor(ctx, input.server))
      const typed = previous?.credentials.userId ?? input.identifier.trim()
      if (!typed) {
        throw new AuthError("invalid_input", { vendor: matrixVendor, fields: ["identifier"] })
      }
      const identifier = matrixIdentifier(typed)
      return logIn(
        ctx,
        baseUrl,
        { type: "m.login.password", identifier, password: input.password },
        previous,
        emailOf(identifier),
      )
    },

    async signInWithLoginToken(ctx, { token, server }, previous) {
      const baseUrl = previous?.credentials.homeserver ?? (await baseUrlFor(ctx, server))
      return logInWithToken(ctx, baseUrl, token, previous)
    },

    async ssoRedirectUrl(ctx, { providerId, server, callbackUrl }) {
      const baseUrl = await baseUrlFor(ctx, server)
      const idp =
        providerId === undefined || providerId === matrixSsoProviderId
          ? ""
          : `/${encodeURIComponent(providerId)}`
      return `${baseUrl}${loginPath}/sso/redirect${idp}?redirectUrl=${encodeURIComponent(callbackUrl)}`
    },

    async completeSso(ctx, { url, server }, previous) {
      const token = url.searchParams.get("loginToken")
      if (!token) throw new AuthError("invalid_response", { vendor: matrixVendor })
      const baseUrl = await baseUrlFor(ctx, server)
      // A device id names a device on its own homeserver only.
      const isSameServer = previous?.credentials.homeserver === baseUrl
      return logInWithToken(ctx, baseUrl, token, isSameServer ? previous : undefined)
    },

    async refresh(ctx, session) {
      const { credentials } = session
      if (credentials.refreshToken === undefined)
        throw new AuthError("session_expired", { vendor: matrixVendor })
      const issuedAt = ctx.now()
      const request = jsonRequest(`${credentials.homeserver}/_matrix/client/v3/refresh`, {
        body: { refresh_token: credentials.refreshToken },
      })
      const { body } = await sendJson(ctx, request, refreshResponseSchema, reading(ctx))
      return {
        ...session,
        credentials: {
          ...credentials,
          accessToken: body.access_token,
          // Rotation: the new refresh token replaces the old one for good; without one, the old stays valid.
          refreshToken: body.refresh_token ?? credentials.refreshToken,
        },
        issuedAt,
        expiresAt: expiry(issuedAt, body.expires_in_ms),
      }
    },

    async validate(ctx, session) {
      const { credentials } = session
      const request = jsonRequest(`${credentials.homeserver}/_matrix/client/v3/account/whoami`)
      const { body, response } = await sendJson(ctx, authorize(request, session), whoamiSchema, {
        vendor: matrixVendor,
        refusal: (refusal) => {
          const error = matrixRefusal(refusal, ctx.now())
          // A locked account keeps its tokens for when the lock is lifted: renew them, and hear why that fails.
          return error?.vendorCode === "M_USER_LOCKED"
            ? new AuthError("session_expired", { vendor: matrixVendor })
            : error
        },
      })
      const isSameDevice = body.device_id === undefined || body.device_id === credentials.deviceId
      if (body.user_id !== credentials.userId || !isSameDevice)
        throw new AuthError("session_revoked", { vendor: matrixVendor, status: response.status })
      return session
    },

    async signOut(ctx, session, { everywhere }) {
      const path = everywhere ? "/_matrix/client/v3/logout/all" : "/_matrix/client/v3/logout"
      const request = jsonRequest(`${session.credentials.homeserver}${path}`, { body: {} })
      try {
        await send(ctx, authorize(request, session), reading(ctx))
      } catch (error) {
        // A token the server no longer knows is as signed out as it gets.
        if (!isAuthError(error) || error.status !== 401) throw error
      }
      return {}
    },

    authorize,

    async classify(response) {
      if (response.status === 429) {
        const body = await peekJson(response.clone(), matrixErrorSchema)
        // classify has no clock: only the seconds form of Retry-After is read.
        return {
          type: "rateLimited",
          retryAfterMs: retryAfterMs(response.headers, body, undefined),
        }
      }
      if (response.status !== 401) return { type: "ok" }
      const body = await peekJson(response.clone(), matrixErrorSchema)
      // A user-interactive-auth challenge is a question, not a failure of the access token.
      const challenge = await peekJson(response, userInteractiveAuthSchema)
      if (body === undefined || challenge !== undefined) return { type: "ok" }
      switch (body.errcode) {
        case "M_UNKNOWN_TOKEN":
          return body.soft_logout === true ? { type: "expired" } : { type: "revoked" }
        case "M_USER_LOCKED":
          return { type: "expired" }
        case "M_MISSING_TOKEN":
          return { type: "revoked" }
        default:
          return { type: "ok" }
      }
    },

    parseCredentials(value) {
      const result = matrixCredentialsSchema.safeParse(value)
      return result.success && isUrl(result.data.homeserver) ? result.data : undefined
    },
  }
}

function signInOptions(
  asksForServer: boolean,
  baseUrl: string | undefined,
  flows: LoginFlows["flows"] | undefined,
): SignInOptions {
  const offers = (type: string) => flows?.some((flow) => flow.type === type) ?? false
  const sso = flows?.find((flow) => flow.type === "m.login.sso")
  const providers: SsoProvider[] =
    sso === undefined
      ? []
      : sso.identity_providers?.length
        ? sso.identity_providers.map((idp) => ({
            id: idp.id,
            name: idp.name,
            brand: idp.brand,
            icon: baseUrl && idp.icon ? mediaUrl(baseUrl, idp.icon) : undefined,
          }))
        : [{ id: matrixSsoProviderId, name: "Single sign-on" }]
  return {
    identifier: "matrixId",
    asksForServer,
    server: baseUrl,
    hasPassword: flows === undefined || offers("m.login.password"),
    ssoProviders: providers,
  }
}

/** An `mxc://server/media` icon as a thumbnail address of the homeserver (icons are fetched before sign-in). */
function mediaUrl(baseUrl: string, icon: string): string | undefined {
  const match = /^mxc:\/\/([^/]+)\/([^/?#]+)$/.exec(icon)
  if (!match) return /^https:\/\//.test(icon) ? icon : undefined
  const [, server = "", mediaId = ""] = match
  return `${baseUrl}/_matrix/media/v3/thumbnail/${encodeURIComponent(server)}/${encodeURIComponent(mediaId)}?width=64&height=64&method=scale`
}

function expiry(issuedAt: number, expiresInMs: number | undefined): number | null {
  return expiresInMs === undefined ? null : issuedAt + expiresInMs
}

function emailOf(identifier: MatrixIdentifier): string | undefined {
  return identifier.type === "m.id.thirdparty" && identifier.medium === "email"
    ? identifier.address
    : undefined
}
