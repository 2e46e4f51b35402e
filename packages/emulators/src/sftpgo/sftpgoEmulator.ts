import { bearerToken } from "../bearerToken"
import { createEmulator, type Emulator } from "../emulator"
import { jsonResponse } from "../jsonResponse"
import { type EmulatorOptions, resolveEmulatorOptions } from "../options"
import { createRateLimiter, type RateLimitConfig } from "../rateLimiter"
import { remoteAddress } from "../remoteAddress"
import { createRequestLog } from "../requestLog"
import { createRouter, type RouteHandler } from "../router"
import { createTotpVerifier } from "../totp"
import { basicCredentials } from "./basicCredentials"
import { goDuration } from "./goDuration"
import {
  type SftpgoAccount,
  sftpgoAdmins,
  sftpgoHttpDeniedUsers,
  sftpgoPeople,
} from "./sftpgoAccounts"
import {
  createSftpgoDefender,
  type SftpgoDefender,
  type SftpgoDefenderConfig,
  sftpgoDefenderDefaults,
} from "./sftpgoDefender"
import { createSftpgoTokens, type SftpgoRealm } from "./sftpgoTokens"

/** What the SFTPGo emulator takes beyond the options every emulator takes (`people` are its users). */
export interface SftpgoEmulatorOptions extends EmulatorOptions {
  /** The admins; `admin` and `secadmin` (TOTP) by default. */
  readonly admins?: readonly SftpgoAccount[]
  /** Users whose filters deny the HTTP protocol (403 after the right password); Erin by default. */
  readonly httpDeniedUsers?: readonly string[]
  /** When failed logins ban an address: 15 in 10 minutes for 30 minutes by default; `false` never bans. */
  readonly defender?: SftpgoDefenderConfig | false
  /** Whether a token works only from the address it was issued to, as on a default server; `true` by default. */
  readonly bindsTokensToAddress?: boolean
  /** SFTPGo's post-connect hook: whether a user token may be issued to an address; every address by default. */
  readonly postConnectHook?: (address: string) => boolean
}

/** The SFTPGo emulator, with its defender for tests and the demo to inspect and reset. */
export interface SftpgoEmulator extends Emulator {
  readonly defender: SftpgoDefender
}

const otpHeader = "X-SFTPGO-OTP"

/**
 * Creates an in-memory SFTPGo server of the REST API v2 token endpoints, both realms: HTTP Basic in UTF-8, the
 * inline TOTP code, JWTs bound to the realm and the client's address, logout, a rate limiter and the defender.
 *
 * @example
 * const clock = createEmulatorClock()
 * const sftpgo = createSftpgoEmulator({ clock, rateLimit: false, defender: false })
 * const response = await toFetch(sftpgo)("http://localhost:8080/api/v2/user/token", {
 *   headers: { Authorization: `Basic ${btoa("alice:correct horse battery staple")}` },
 * })
 */
export function createSftpgoEmulator(options: SftpgoEmulatorOptions = {}): SftpgoEmulator {
  const resolved = resolveEmulatorOptions(
    { ...options, people: options.people ?? sftpgoPeople },
    { accessTokenTtlMs: 20 * 60 * 1000, rateLimit: { limit: 10, windowMs: 60 * 1000 } },
  )
  const { clock, random } = resolved
  const accounts: Readonly<Record<SftpgoRealm, readonly SftpgoAccount[]>> = {
    admin: options.admins ?? sftpgoAdmins,
    user: resolved.people,
  }
  const httpDenied = new Set(options.httpDeniedUsers ?? sftpgoHttpDeniedUsers)
  const postConnectHook = options.postConnectHook ?? (() => true)
  const limiter = createRateLimiter(resolved.rateLimit, clock)
  const defender = createSftpgoDefender(options.defender ?? sftpgoDefenderDefaults, clock)
  const totp = createTotpVerifier({ clock })
  const tokens = createSftpgoTokens({
    clock,
    random,
    ttlMs: resolved.accessTokenTtlMs,
    bindsToAddress: options.bindsTokensToAddress ?? true,
  })

  const find = (realm: SftpgoRealm, username: string) =>
    accounts[realm].find((account) => account.username === username)

  /** A refused login: each one counts towards a ban. */
  const refused = (address: string, response: Response) => {
    defender.fail(address)
    return response
  }

  const issueToken = async (request: Request, realm: SftpgoRealm) => {
    const address = remoteAddress(request)
    const rate = limiter.hit(address)
    if (rate.type === "limited") return tooManyRequests(rate.retryAfterMs, resolved.rateLimit)
    const credentials = basicCredentials(request)
    if (credentials === undefined) return unauthorized()
    // The user realm takes a blank user name or password for no credentials; the admin realm checks them.
    if (realm === "user" && (credentials.username === "" || credentials.password.trim() === ""))
      return unauthorized()
    if (realm === "user" && !postConnectHook(address))
      return refused(address, forbidden("permission denied"))
    const account = find(realm, credentials.username)
    if (account === undefined || account.password !== credentials.password)
      return refused(address, unauthorized("invalid credentials"))
    if (realm === "user" && httpDenied.has(account.username)) {
      const reason = `protocol HTTP is not allowed for user "${account.username}"`
      return refused(address, forbidden(reason))
    }
    if (account.totpSecret !== undefined) {
      const code = request.headers.get(otpHeader)?.trim() ?? ""
      const key = `${realm}:${account.username}`
      if (code === "" || totp.verify(key, account.totpSecret, code) !== "accepted")
        return refused(address, unauthorized("invalid credentials"))
    }
    return jsonResponse(await tokens.issue(realm, account.username, address))
  }

  /** An endpoint behind `Authorization: Bearer`, answering only tokens of its realm from their address. */
  const withToken =
    (
      realm: SftpgoRealm,
      answer: (username: string, token: string) => Response,
    ): RouteHandler<unknown> =>
    async ({ request }) => {
      const token = bearerToken(request)
      if (token === undefined) return apiResponse(401, "Unauthorized", "no token found")
      const check = await tokens.check(token, realm, remoteAddress(request))
      if (check.type === "refused") return apiResponse(401, check.message, check.error)
      return answer(check.username, token)
    }

  const logout = (_username: string, token: string) => {
    tokens.invalidate(token)
    return apiResponse(200, "Your token has been invalidated")
  }

  const profile = (realm: SftpgoRealm) => (username: string) => {
    const account = find(realm, username)
    if (account === undefined) return apiResponse(404, "", "Not Found")
    return jsonResponse({
      ...(account.email ? { email: account.email } : {}),
      allow_api_key_auth: false,
    })
  }

  // SFTPGo checks every request's address against the defender's bans before routing it.
  const isBanned = (request: Request) => defender.isBanned(remoteAddress(request))
  const blocked = () => apiResponse(403, "", "your IP address is blocked")
  const unlessBanned =
    <Params>(handler: RouteHandler<Params>): RouteHandler<Params> =>
    (context) =>
      isBanned(context.request) ? blocked() : handler(context)

  const router = createRouter({ basePath: "/api/v2" })
    .get(
      "/token",
      unlessBanned(({ request }) => issueToken(request, "admin")),
    )
    .get(
      "/user/token",
      unlessBanned(({ request }) => issueToken(request, "user")),
    )
    .get("/logout", unlessBanned(withToken("admin", logout)))
    .get("/user/logout", unlessBanned(withToken("user", logout)))
    .get("/admin/profile", unlessBanned(withToken("admin", profile("admin"))))
    .get("/user/profile", unlessBanned(withToken("user", profile("user"))))

  const emulator = createEmulator({
    vendor: "sftpgo",
    router,
    clock,
    people: resolved.people,
    log: createRequestLog({ capacity: resolved.requestLogCapacity }),
    notFound: (request) => (isBanned(request) ? blocked() : apiResponse(404, "Not Found")),
    methodNotAllowed: () => apiResponse(405, "Method Not Allowed"),
    internalError: (error) =>
      apiResponse(
        500,
        "Internal Server Error",
        error instanceof Error ? error.message : String(error),
      ),
  })
  return { ...emulator, defender }
}

/** SFTPGo's `ApiResponse`: `{ error?, message }`, `error` left out when empty. */
function apiResponse(status: number, message: string, error?: string, headers?: HeadersInit) {
  return jsonResponse(error ? { error, message } : { message }, { status, headers })
}

/** 401 with the Basic challenge; `error` is absent when no credentials came at all. */
function unauthorized(error?: string) {
  return apiResponse(401, "Unauthorized", error, { "WWW-Authenticate": 'Basic realm="SFTPGo"' })
}

function forbidden(error: string) {
  return apiResponse(403, "Forbidden", error)
}

/** 429 as SFTPGo's rate limiter words it: the wait rounded up by half a second, in seconds and as a Go duration. */
function tooManyRequests(retryAfterMs: number, config: RateLimitConfig | false) {
  const delayNs = retryAfterMs * 1_000_000
  const headerNs = delayNs + 499_999_999
  const maxDelay = config === false ? 0 : maxDelayMs(config)
  return apiResponse(
    429,
    "Too Many Requests",
    `rate limit exceed, wait time to respect rate ${goDuration(delayNs)}, max wait time allowed ${goDuration(maxDelay * 1_000_000)}`,
    { "Retry-After": String(Math.round(headerNs / 1e9)), "X-Retry-In": goDuration(headerNs) },
  )
}

/** The longest SFTPGo would hold a request instead of refusing it, for `average` events per `period`. */
function maxDelayMs({ limit, windowMs }: RateLimitConfig): number {
  const perSecond = (limit * 1000) / windowMs
  const delay = perSecond < 1 ? windowMs / 2 : 1000 / (Math.trunc(perSecond) * 2)
  return Math.min(delay, 10_000)
}
