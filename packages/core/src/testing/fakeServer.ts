import type { Clock } from "../platform/platform"

/** How the fake vendor asks for a second factor. */
export type FakeSecondFactor = "none" | "challenge" | "inline"

export interface FakeServerOptions {
  clock: Pick<Clock, "now">
  /** Access token lifetime; `null` for tokens that never expire. Defaults to 60 s. */
  accessTtlMs?: number | null
  secondFactor?: FakeSecondFactor
  /** Whether the server hands out refresh tokens (default `true`). */
  canRefresh?: boolean
  /** Whether the sign-in form must answer a captcha. */
  hasCaptcha?: boolean
  challengeTtlMs?: number
}

/** An answer injected for the next request to a path. */
export type FakeFailure =
  | { readonly type: "network" }
  | {
      readonly type: "status"
      readonly status: number
      readonly body?: unknown
      readonly headers?: Record<string, string>
    }

/** The one-time code the fake vendor accepts for `bob`. */
export const fakeSecondFactorCode = "246810"

/** The fake vendor's people: the demo people every emulator has. */
export const fakePeople = [
  {
    id: "alice",
    name: "Alice Liddell",
    password: "correct horse battery staple",
    hasSecondFactor: false,
  },
  { id: "bob", name: "Bob Builder", password: "hunter2 hunter2", hasSecondFactor: true },
] as const

/**
 * A small HTTP server for a fake vendor, so engine and form tests exercise real `Request`/`Response`
 * round trips, count requests, and inject failures and holds — without any one real vendor's quirks.
 */
export interface FakeServer {
  readonly fetch: (request: Request) => Promise<Response>
  /** Paths of every request served, in order. */
  readonly requests: string[]
  count(path: string): number
  failNext(path: string, failure: FakeFailure): void
  /** Holds the answer to the next request to `path` (already processed by the server) until `release()`. */
  hold(path: string): { release(): void }
  /** Ends every session on the server side (as a password change would). */
  revokeAll(): void
}

interface Grant {
  readonly user: string
  readonly access: string
  readonly refresh: string | undefined
  readonly expiresAt: number | null
}

export function createFakeServer(options: FakeServerOptions): FakeServer {
  const { clock } = options
  const accessTtlMs = options.accessTtlMs === undefined ? 60_000 : options.accessTtlMs
  const canRefresh = options.canRefresh ?? true
  const secondFactor = options.secondFactor ?? "challenge"
  const challengeTtlMs = options.challengeTtlMs ?? 300_000
  const requests: string[] = []
  const failures = new Map<string, FakeFailure[]>()
  const holds = new Map<string, Promise<void>[]>()
  const grants = new Map<string, Grant>()
  const challenges = new Map<string, { user: string; expiresAt: number }>()
  const ssoTokens = new Map<string, string>()
  let serial = 0

  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { "content-type": "application/json", ...headers },
    })

  const issue = (user: string) => {
    serial++
    const grant: Grant = {
      user,
      access: `access-${serial}`,
      refresh: canRefresh ? `refresh-${serial}` : undefined,
      expiresAt: accessTtlMs === null ? null : clock.now() + accessTtlMs,
    }
    grants.set(grant.access, grant)
    const person = fakePeople.find((p) => p.id === user)
    return json(200, {
      user: { id: user, name: person?.name },
      accessToken: grant.access,
      refreshToken: grant.refresh,
      expiresInMs: accessTtlMs,
    })
  }

  const bearer = (request: Request) => {
    const token = request.headers.get("authorization")?.replace(/^Bearer /, "") ?? ""
    const grant = grants.get(token)
    if (!grant) return { error: json(401, { error: "revoked" }) }
    if (grant.expiresAt !== null && clock.now() >= grant.expiresAt)
      return { error: json(401, { error: "expired" }) }
    return { grant }
  }

  const readBody = async (request: Request): Promise<Record<string, unknown>> => {
    try {
      const body: unknown = await request.json()
      return typeof body === "object" && body !== null ? { ...body } : {}
    } catch {
      return {}
    }
  }

  const route = async (request: Request, path: string): Promise<Response> => {
    const url = new URL(request.url)
    switch (`${request.method} ${path}`) {
      case "GET /options":
        return json(200, {
          captcha: options.hasCaptcha ?? false,
          sso: [{ id: "idp", name: "Example IdP" }],
        })
      case "GET /captcha":
        return json(200, { image: "data:image/png;base64,AAAA", ticket: `ticket-${++serial}` })
      case "POST /login": {
        const body = await readBody(request)
        if (options.hasCaptcha && body.captcha !== "42")
          return json(400, { error: "captcha_invalid" })
        const person = fakePeople.find(
          (p) => p.id === body.identifier && p.password === body.password,
        )
        if (!person) return json(401, { error: "invalid_credentials" })
        if (!person.hasSecondFactor || secondFactor === "none") return issue(person.id)
        if (secondFactor === "inline") {
          return body.code === fakeSecondFactorCode
            ? issue(person.id)
            : json(401, { error: "invalid_credentials" })
        }
        const id = `challenge-${++serial}`
        challenges.set(id, { user: person.id, expiresAt: clock.now() + challengeTtlMs })
        return json(200, { challenge: id, expiresInMs: challengeTtlMs })
      }
      case "POST /login/code": {
        const body = await readBody(request)
        const challenge =
          typeof body.challenge === "string" ? challenges.get(body.challenge) : undefined
        if (!challenge || clock.now() >= challenge.expiresAt)
          return json(404, { error: "challenge_expired" })
        if (body.code !== fakeSecondFactorCode) return json(401, { error: "invalid_code" })
        challenges.delete(String(body.challenge))
        return issue(challenge.user)
      }
      case "GET /sso": {
        const token = `sso-${++serial}`
        ssoTokens.set(token, url.searchParams.get("user") ?? "alice")
        const back = new URL(url.searchParams.get("redirect") ?? "")
        back.searchParams.set("token", token)
        return new Response(null, { status: 302, headers: { location: back.href } })
      }
      case "POST /login/token": {
        const body = await readBody(request)
        const user = typeof body.token === "string" ? ssoTokens.get(body.token) : undefined
        if (!user) return json(401, { error: "invalid_credentials" })
        ssoTokens.delete(String(body.token))
        return issue(user)
      }
      case "POST /refresh": {
        const body = await readBody(request)
        const grant = [...grants.values()].find(
          (g) => g.refresh !== undefined && g.refresh === body.refreshToken,
        )
        if (!grant) return json(401, { error: "refresh_refused" })
        grants.delete(grant.access)
        return issue(grant.user)
      }
      case "POST /logout": {
        const { grant, error } = bearer(request)
        if (!grant) return error
        grants.delete(grant.access)
        return new Response(null, { status: 204 })
      }
      case "GET /me": {
        const { grant, error } = bearer(request)
        return grant ? json(200, { id: grant.user }) : error
      }
      default:
        return json(404, { error: "not_found" })
    }
  }

  return {
    requests,
    async fetch(request) {
      const path = new URL(request.url).pathname
      requests.push(path)
      const held = holds.get(path)?.shift()
      const failure = failures.get(path)?.shift()
      // A network failure never reaches the server; a held answer was processed before it was held.
      if (failure?.type === "network") {
        if (held) await held
        throw new TypeError("Failed to fetch")
      }
      const response = failure
        ? json(failure.status, failure.body ?? {}, failure.headers)
        : await route(request, path)
      if (held) await held
      return response
    },
    count: (path) => requests.filter((p) => p === path).length,
    failNext(path, failure) {
      failures.set(path, [...(failures.get(path) ?? []), failure])
    },
    hold(path) {
      let release = () => {}
      const gate = new Promise<void>((resolve) => {
        release = resolve
      })
      holds.set(path, [...(holds.get(path) ?? []), gate])
      return { release }
    },
    revokeAll() {
      grants.clear()
    },
  }
}
