import { bearerToken } from "../bearerToken"
import { createEmulator, type Emulator } from "../emulator"
import { jsonResponse } from "../jsonResponse"
import { type EmulatorOptions, resolveEmulatorOptions } from "../options"
import { type DemoPerson, demoPeople } from "../people"
import { createRateLimiter } from "../rateLimiter"
import { createRouter } from "../router"
import { matrixError, rateLimited, userLocked } from "./matrixError"
import { findPerson, type IdentifierDirectory, userIdOf } from "./matrixIdentifier"
import { createMatrixLoginTokens, matrixGetTokenRoute } from "./matrixLoginTokens"
import { carol, demoPhoneNumbers } from "./matrixPeople"
import {
  type JsonObject,
  optionalBoolean,
  optionalString,
  readJsonObject,
  requiredString,
} from "./matrixRequestBody"
import {
  createMatrixSessionStore,
  type IssuedTokens,
  type MatrixDevice,
} from "./matrixSessionStore"
import { matrixSsoRoutes } from "./matrixSsoRoutes"
import type { MatrixIdentityProvider } from "./ssoPage"

/** How to build a Matrix homeserver emulator; lifetimes may be `null` for tokens that never expire. */
export interface MatrixEmulatorOptions
  extends Omit<EmulatorOptions, "accessTokenTtlMs" | "refreshTokenTtlMs"> {
  /** Lifetime of access tokens issued with a refresh token; 5 minutes by default. */
  readonly accessTokenTtlMs?: number | null
  /** Lifetime of refresh tokens; `null` (they do not expire) by default, as on Synapse. */
  readonly refreshTokenTtlMs?: number | null
  /** Lifetime of access tokens issued without a refresh token; `null` (no expiry) by default, as on Synapse. */
  readonly nonRefreshableAccessTokenTtlMs?: number | null
  /** Whether `/login` honours `refresh_token: true`; `true` by default. */
  readonly issuesRefreshTokens?: boolean
  /** The server name in user ids; `localhost` by default. */
  readonly serverName?: string
  /** The base URL `/.well-known/matrix/client` announces; the request's origin by default. */
  readonly publicBaseUrl?: string
  /** Whether `/.well-known/matrix/client` is served; `true` by default. */
  readonly servesWellKnown?: boolean
  /** Accounts that exist but are deactivated; Carol (`@carol:localhost`) by default. */
  readonly deactivatedUsers?: readonly string[]
  /** MSISDNs (digits only) bound to people as third-party ids, by user name. */
  readonly phoneNumbers?: Readonly<Record<string, string>>
  /** The single sign-on identity providers; GitHub and GitLab stand-ins by default. */
  readonly identityProviders?: readonly MatrixIdentityProvider[]
  /** Whether `POST /login/get_token` is offered; `true` by default. */
  readonly offersLoginTokens?: boolean
  /** Lifetime of the `loginToken` an SSO round trip ends with; 5 s by default. */
  readonly ssoLoginTokenTtlMs?: number
  /** Lifetime of tokens from `POST /login/get_token`; 2 minutes (the spec's recommendation) by default. */
  readonly loginTokenTtlMs?: number
}

/** A Matrix homeserver emulator, plus controls for tests and the demo. */
export interface MatrixEmulator extends Emulator {
  readonly serverName: string
  /** Soft-logs-out every session of a user: tokens answer 401 `soft_logout: true`, devices stay. */
  softLogout(userId: string): void
  /**
   * Locks an account as an administrator would: every call but `/logout` and `/logout/all` (a sign-in and a
   * refresh too) answers 401 `M_USER_LOCKED` with `soft_logout: true`; tokens and devices stay for `unlock`.
   */
  lock(userId: string): void
  /** Lifts a lock: the tokens issued before it work again. */
  unlock(userId: string): void
  /** The devices a user is signed in on. */
  devices(userId: string): readonly MatrixDevice[]
}

/** The stand-in identity providers of the default configuration. */
export const defaultIdentityProviders: readonly MatrixIdentityProvider[] = Object.freeze([
  { id: "oidc-github", name: "GitHub", brand: "github" },
  { id: "oidc-gitlab", name: "GitLab", brand: "gitlab", icon: "mxc://localhost/idp-gitlab" },
])

const loginTypes = {
  password: "m.login.password",
  token: "m.login.token",
  sso: "m.login.sso",
} as const

const specVersions = ["r0.6.1", ...Array.from({ length: 13 }, (_, index) => `v1.${index + 1}`)]

/**
 * Creates an in-memory Matrix homeserver that answers the client-server API's session endpoints as the
 * v1.13 spec describes them: discovery, password, token and SSO login, refresh-token rotation, soft logout,
 * account locking, whoami, logout, login tokens with user-interactive auth, and rate limits.
 *
 * @example
 * const clock = createEmulatorClock()
 * const matrix = createMatrixEmulator({ clock, accessTokenTtlMs: 60_000 })
 * const fetch = toFetch(matrix)
 * await fetch("http://localhost:8008/_matrix/client/v3/login")
 */
export function createMatrixEmulator(options: MatrixEmulatorOptions = {}): MatrixEmulator {
  const { accessTokenTtlMs: _access, refreshTokenTtlMs: _refresh, ...shared } = options
  const resolved = resolveEmulatorOptions(
    { ...shared, people: options.people ?? [...demoPeople, carol] },
    { rateLimit: { limit: 5, windowMs: 60_000 } },
  )
  const { clock, random, people } = resolved
  const serverName = options.serverName ?? "localhost"
  const directory: IdentifierDirectory = {
    serverName,
    people,
    phoneNumbers: options.phoneNumbers ?? demoPhoneNumbers,
  }
  const deactivated = new Set(options.deactivatedUsers ?? [`@${carol.username}:${serverName}`])
  const locked = new Set<string>()
  const providers = options.identityProviders ?? defaultIdentityProviders
  const offersLoginTokens = options.offersLoginTokens ?? true
  const issuesRefreshTokens = options.issuesRefreshTokens ?? true
  const accessTokenTtlMs = lifetime(options.accessTokenTtlMs, 5 * 60 * 1000)
  const nonRefreshableTtlMs = lifetime(options.nonRefreshableAccessTokenTtlMs, null)
  const ssoLoginTokenTtlMs = options.ssoLoginTokenTtlMs ?? 5_000
  const loginTokenTtlMs = options.loginTokenTtlMs ?? 120_000
  const limiter = createRateLimiter(resolved.rateLimit, clock)
  const store = createMatrixSessionStore({
    clock,
    random,
    lifetimes: { accessTokenTtlMs, refreshTokenTtlMs: lifetime(options.refreshTokenTtlMs, null) },
  })
  const loginTokens = createMatrixLoginTokens(clock, random)

  const personById = (userId: string): DemoPerson | undefined =>
    people.find((person) => userIdOf(directory, person) === userId)

  // A locked account keeps its tokens, for when the lock is lifted, but can only log out with them.
  const authenticate = (request: Request, url: URL, isLogout = false) => {
    const token = bearerToken(request) ?? url.searchParams.get("access_token") ?? undefined
    if (token === undefined) throw matrixError(401, "M_MISSING_TOKEN", "Missing access token.")
    const lookup = store.authenticate(token)
    switch (lookup.type) {
      case "valid":
        if (!isLogout && locked.has(lookup.userId)) throw userLocked()
        return lookup
      case "softLoggedOut":
        throw matrixError(401, "M_UNKNOWN_TOKEN", "Access token has expired.", {
          soft_logout: true,
        })
      case "unknown":
        throw matrixError(401, "M_UNKNOWN_TOKEN", "Unrecognised access token.", {
          soft_logout: false,
        })
      default:
        return lookup satisfies never
    }
  }

  const loginFlows = () => [
    { type: loginTypes.password },
    ...(providers.length > 0
      ? [
          {
            type: loginTypes.sso,
            identity_providers: providers.map(({ id, name, brand, icon }) => ({
              id,
              name,
              ...(brand === undefined ? {} : { brand }),
              ...(icon === undefined ? {} : { icon }),
            })),
          },
        ]
      : []),
    { type: loginTypes.token, get_login_token: offersLoginTokens },
  ]

  const rateLimitKey = (body: JsonObject, type: string) => {
    if (type === loginTypes.token) return "login:token"
    const identifier = body.identifier ?? body.user ?? body.address
    return `login:${JSON.stringify(identifier ?? null).toLowerCase()}`
  }

  const signIn = (userId: string, body: JsonObject): Response => {
    const requestedDeviceId = optionalString(body, "device_id")
    const displayName = optionalString(body, "initial_device_display_name")
    const wantsRefreshToken = optionalBoolean(body, "refresh_token") ?? false
    if (deactivated.has(userId))
      return matrixError(403, "M_USER_DEACTIVATED", "This account has been deactivated.")
    if (locked.has(userId)) return userLocked()
    const withRefreshToken = wantsRefreshToken && issuesRefreshTokens
    const deviceId = requestedDeviceId ?? newDeviceId()
    const existing = store.devices(userId).find((device) => device.deviceId === deviceId)
    const tokens = store.login(
      { userId, deviceId, displayName: existing ? existing.displayName : displayName },
      {
        withRefreshToken,
        accessTokenTtlMs: withRefreshToken ? accessTokenTtlMs : nonRefreshableTtlMs,
      },
    )
    return jsonResponse({ user_id: userId, device_id: deviceId, ...tokenFields(tokens) })
  }

  const newDeviceId = () =>
    Array.from(random(10), (byte) => String.fromCharCode(65 + (byte % 26))).join("")

  const ssoPeople = () =>
    people
      .map((person) => ({ person, userId: userIdOf(directory, person) }))
      .filter(({ userId }) => !deactivated.has(userId))

  const router = createRouter()
    .get("/.well-known/matrix/client", ({ url }) => {
      if (options.servesWellKnown === false)
        return matrixError(404, "M_NOT_FOUND", "No server discovery information.")
      return jsonResponse({ "m.homeserver": { base_url: options.publicBaseUrl ?? url.origin } })
    })
    .get("/_matrix/client/versions", () =>
      jsonResponse({ versions: specVersions, unstable_features: {} }),
    )
    .get("/_matrix/client/v3/login", () => jsonResponse({ flows: loginFlows() }))
    .post("/_matrix/client/v3/login", async ({ request }) => {
      const body = await readJsonObject(request)
      const type = requiredString(body, "type")
      const verdict = limiter.hit(rateLimitKey(body, type))
      if (verdict.type === "limited") return rateLimited(verdict.retryAfterMs)
      switch (type) {
        case loginTypes.password: {
          const password = requiredString(body, "password")
          const person = findPerson(directory, body)
          if (person === undefined || person.password !== password)
            return matrixError(403, "M_FORBIDDEN", "Invalid username or password")
          return signIn(userIdOf(directory, person), body)
        }
        case loginTypes.token: {
          const userId = loginTokens.consume(requiredString(body, "token"))
          if (userId === undefined) return matrixError(403, "M_FORBIDDEN", "Invalid login token")
          return signIn(userId, body)
        }
        default:
          return matrixError(400, "M_UNKNOWN", "Bad login type.")
      }
    })
    .post("/_matrix/client/v3/refresh", async ({ request }) => {
      const body = await readJsonObject(request)
      const refreshToken = requiredString(body, "refresh_token")
      const owner = store.peekRefresh(refreshToken)
      if (owner.type === "valid" && locked.has(owner.userId)) return userLocked()
      const outcome = store.refresh(refreshToken)
      switch (outcome.type) {
        case "issued":
          return jsonResponse(tokenFields(outcome.tokens))
        case "softLoggedOut":
          return matrixError(401, "M_UNKNOWN_TOKEN", "Refresh token has expired.", {
            soft_logout: true,
          })
        case "unknown":
        case "valid":
          return matrixError(401, "M_UNKNOWN_TOKEN", "Unknown refresh token.", {
            soft_logout: false,
          })
        default:
          return outcome satisfies never
      }
    })
    .get("/_matrix/client/v3/account/whoami", ({ request, url }) => {
      const { userId, deviceId } = authenticate(request, url)
      return jsonResponse({ user_id: userId, device_id: deviceId, is_guest: false })
    })
    .post("/_matrix/client/v3/logout", ({ request, url }) => {
      const { userId, deviceId } = authenticate(request, url, true)
      store.deleteDevice(userId, deviceId)
      return jsonResponse({})
    })
    .post("/_matrix/client/v3/logout/all", ({ request, url }) => {
      const { userId } = authenticate(request, url, true)
      store.deleteAllDevices(userId)
      return jsonResponse({})
    })
    .get("/_matrix/client/v3/capabilities", ({ request, url }) => {
      authenticate(request, url)
      return jsonResponse({
        capabilities: {
          "m.change_password": { enabled: false },
          "m.room_versions": { default: "10", available: { "10": "stable", "11": "stable" } },
          "m.get_login_token": { enabled: offersLoginTokens },
        },
      })
    })

  matrixSsoRoutes(router, {
    providers,
    people: ssoPeople,
    issueLoginToken: (userId) => loginTokens.issue(userId, ssoLoginTokenTtlMs),
  })
  matrixGetTokenRoute(router, {
    clock,
    random,
    directory,
    offersLoginTokens,
    loginTokenTtlMs,
    loginTokens,
    authenticate,
    personById,
  })

  const emulator = createEmulator({
    vendor: "matrix",
    router,
    clock,
    people,
    notFound: () => matrixError(404, "M_UNRECOGNIZED", "Unrecognized request"),
    methodNotAllowed: () => matrixError(405, "M_UNRECOGNIZED", "Unrecognized request"),
    internalError: () => matrixError(500, "M_UNKNOWN", "Internal server error"),
  })

  return {
    ...emulator,
    serverName,
    softLogout: (userId) => store.softLogout(userId),
    lock: (userId) => void locked.add(userId),
    unlock: (userId) => void locked.delete(userId),
    devices: (userId) => store.devices(userId),
  }
}

function lifetime(value: number | null | undefined, fallback: number | null): number | null {
  const ttl = value === undefined ? fallback : value
  if (ttl !== null && (!Number.isFinite(ttl) || ttl <= 0))
    throw new RangeError(`A token lifetime must be a positive number of ms or null, got ${ttl}.`)
  return ttl
}

function tokenFields(tokens: IssuedTokens) {
  return {
    access_token: tokens.accessToken,
    ...(tokens.refreshToken === undefined ? {} : { refresh_token: tokens.refreshToken }),
    ...(tokens.expiresInMs === undefined ? {} : { expires_in_ms: tokens.expiresInMs }),
  }
}
