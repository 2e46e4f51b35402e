import {
  alice,
  bob,
  carol,
  createMatrixEmulator,
  createSeededRandomBytes,
  type MatrixEmulator,
  type MatrixEmulatorOptions,
  visitStandInIdp,
} from "@latchkey/emulators"
import { describe, expect, it } from "vitest"
import type { AuthClient } from "../../authClient"
import { createAuthClient } from "../../authClient"
import { AuthError } from "../../authError"
import type { AuthStorage } from "../../platform/platform"
import type { SignInFlowSnapshot } from "../../signInFlowMachine"
import { ssoStateParameter } from "../../ssoState"
import { memoryStorage } from "../../storage/memoryStorage"
import {
  createFaultyFetch,
  createManualClock,
  createTestPlatform,
  type ManualClock,
  untilSettled,
} from "../../testing"
import {
  canCreateLoginToken,
  createLoginToken,
  type MatrixAdapterOptions,
  type MatrixCredentials,
  matrixAdapter,
  signInWithLoginToken,
} from "./index"

const homeserver = "http://localhost:8008"

interface Sent {
  readonly method: string
  readonly url: URL
  readonly body: string
}

/** One app (client) on one device; several can share a homeserver and a clock. */
function createApp(
  matrix: MatrixEmulator,
  clock: ManualClock,
  options: {
    adapter?: MatrixAdapterOptions
    storage?: AuthStorage
    /** The tab's session storage, shared by a page and its reload. */
    tabStorage?: AuthStorage
    fetch?: (request: Request) => Promise<Response>
  } = {},
) {
  const sent: Sent[] = []
  const answer = options.fetch ?? ((request: Request) => matrix.handle(request))
  const platform = createTestPlatform({
    clock,
    url: "http://app.test/signin",
    tabStorage: options.tabStorage,
    async fetch(request) {
      sent.push({
        method: request.method,
        url: new URL(request.url),
        body: await request.clone().text(),
      })
      return answer(request)
    },
  })
  const client = createAuthClient({
    adapter: matrixAdapter(options.adapter ?? { homeserver }),
    platform,
    storage: options.storage,
  })
  return { client, platform, sent }
}

function setup(emulator: MatrixEmulatorOptions = {}) {
  const clock = createManualClock()
  const matrix = createMatrixEmulator({ clock, random: createSeededRandomBytes(3), ...emulator })
  return { clock, matrix, ...createApp(matrix, clock) }
}

async function signIn(
  client: AuthClient<MatrixCredentials>,
  identifier: string = alice.matrixUserId,
  password: string = alice.password,
) {
  const flow = client.signIn()
  await untilSettled(flow)
  return flow.submit({ identifier, password })
}

function session(client: AuthClient<MatrixCredentials>) {
  const current = client.getSnapshot().session
  if (!current) throw new Error("no session")
  return current
}

/**
 * Signs Alice in, then soft-logs her out at the server: the next call is refused and the client asks for the
 * password again. Returns her device, which re-authentication must keep.
 */
async function softLoggedOutAlice(client: AuthClient<MatrixCredentials>, matrix: MatrixEmulator) {
  await signIn(client)
  const { deviceId } = session(client).credentials
  matrix.softLogout(alice.matrixUserId)
  await expect(
    client.fetch(`${homeserver}/_matrix/client/v3/account/whoami`),
  ).rejects.toMatchObject({ code: "session_expired" })
  return deviceId
}

function errorOf(snapshot: SignInFlowSnapshot): AuthError | undefined {
  return "error" in snapshot ? snapshot.error : undefined
}

const json = (sent: Sent): Record<string, unknown> => JSON.parse(sent.body)
const paths = (sent: readonly Sent[]) => sent.map((request) => request.url.pathname)

describe("matrixAdapter discovery", () => {
  it("offers password and the two identity providers, icons resolved to homeserver thumbnails", async () => {
    const { client, sent, matrix } = setup()
    const snapshot = await untilSettled(client.signIn())
    expect(paths(sent)).toEqual(["/_matrix/client/v3/login"])
    if (snapshot.step !== "start") throw new Error(snapshot.step)
    expect(snapshot.options).toMatchObject({
      identifier: "matrixId",
      asksForServer: false,
      server: homeserver,
      hasPassword: true,
    })
    const [github, gitlab] = snapshot.options.ssoProviders
    expect(github).toEqual({ id: "oidc-github", name: "GitHub", brand: "github", icon: undefined })
    expect(gitlab?.icon).toBe(
      `${homeserver}/_matrix/media/v3/thumbnail/localhost/idp-gitlab?width=64&height=64&method=scale`,
    )
    const icon = await matrix.handle(new Request(gitlab?.icon ?? ""))
    expect(icon.headers.get("content-type")).toBe("image/svg+xml")
  })

  it("offers only what the server offers", async () => {
    const { client } = setup({ identityProviders: [] })
    const snapshot = await untilSettled(client.signIn())
    expect(snapshot.step === "start" && snapshot.options.ssoProviders).toEqual([])
  })

  it("resolves a server name through .well-known and keeps using the base URL it names", async () => {
    const clock = createManualClock()
    const matrix = createMatrixEmulator({ clock, publicBaseUrl: "https://matrix.example.org" })
    const { client, sent } = createApp(matrix, clock, {
      adapter: {},
      async fetch(request) {
        const url = new URL(request.url)
        if (url.host === "matrix.example.org") return matrix.handle(request)
        if (url.host === "example.org" && url.pathname === "/.well-known/matrix/client")
          return matrix.handle(request)
        return new Response("Not found", { status: 404 })
      },
    })
    const flow = client.signIn()
    const asking = await untilSettled(flow)
    expect(asking.step === "start" && asking.options).toMatchObject({
      asksForServer: true,
      server: undefined,
    })
    expect(sent).toEqual([])

    const found = await flow.discover("example.org")
    expect(found.step === "start" && found.options.server).toBe("https://matrix.example.org")
    expect(sent.map((request) => request.url.href)).toEqual([
      "https://example.org/.well-known/matrix/client",
      "https://matrix.example.org/_matrix/client/v3/login",
    ])

    const done = await flow.submit({ identifier: "alice", password: alice.password })
    expect(done.step).toBe("done")
    expect(session(client).credentials.homeserver).toBe("https://matrix.example.org")
    expect(sent.at(-1)?.url.href).toBe("https://matrix.example.org/_matrix/client/v3/login")
    await client.fetch("https://matrix.example.org/_matrix/client/v3/account/whoami")
    expect(sent.at(-1)?.url.host).toBe("matrix.example.org")
  })

  it("falls back to the server name itself when it has no .well-known", async () => {
    const clock = createManualClock()
    const matrix = createMatrixEmulator({ clock, servesWellKnown: false })
    const { client, sent } = createApp(matrix, clock, { adapter: {} })
    const flow = client.signIn()
    await untilSettled(flow)
    const snapshot = await flow.discover("Localhost:8448")
    expect(snapshot.step === "start" && snapshot.options.server).toBe("https://localhost:8448")
    expect(sent.map((request) => request.url.href)).toEqual([
      "https://localhost:8448/.well-known/matrix/client",
      "https://localhost:8448/_matrix/client/v3/login",
    ])
  })

  it("says clearly, on the server field, when nothing answers like a homeserver", async () => {
    const clock = createManualClock()
    const matrix = createMatrixEmulator({ clock })
    const { client } = createApp(matrix, clock, {
      adapter: {},
      fetch: async () => {
        throw new TypeError("getaddrinfo ENOTFOUND")
      },
    })
    const offline = client.signIn()
    await untilSettled(offline)
    const unreachable = await offline.discover("nothing.example")
    expect(unreachable.step).toBe("unavailable")
    expect(errorOf(unreachable)).toMatchObject({ code: "unknown_server", fields: ["server"] })

    const website = createApp(matrix, clock, {
      adapter: {},
      fetch: async () => new Response("<html>Welcome</html>", { status: 200 }),
    })
    const flow = website.client.signIn()
    await untilSettled(flow)
    const notMatrix = await flow.discover("https://www.example.com")
    expect(errorOf(notMatrix)).toMatchObject({ code: "unknown_server", fields: ["server"] })
    expect(website.sent.map((request) => request.url.href)).toEqual([
      "https://www.example.com/_matrix/client/v3/login",
      "https://www.example.com/.well-known/matrix/client",
    ])

    const typo = await flow.discover("not a server!")
    expect(errorOf(typo)).toMatchObject({ code: "unknown_server", fields: ["server"] })
  })
})

describe("matrixAdapter discovery of a homeserver the app fixed", () => {
  it.each([
    ["an outage", async () => Promise.reject(new TypeError("fetch failed")), "network"],
    ["a 503", async () => new Response("down", { status: 503 }), "server"],
    [
      "a proxy's page",
      async () => new Response("<html>Sign in to Wi-Fi</html>"),
      "invalid_response",
    ],
  ] as const)("reports %s as what it is, on no field, with its cause", async (_, answer, code) => {
    const clock = createManualClock()
    const matrix = createMatrixEmulator({ clock })
    const { client } = createApp(matrix, clock, { fetch: answer })
    const unavailable = await untilSettled(client.signIn())
    expect(unavailable.step).toBe("unavailable")
    expect(errorOf(unavailable)).toMatchObject({ code, fields: [] })
    if (code !== "server") expect(errorOf(unavailable)?.cause).toBeDefined()
  })

  it("still says when the fixed address answers like no homeserver at all", async () => {
    const clock = createManualClock()
    const matrix = createMatrixEmulator({ clock })
    const { client } = createApp(matrix, clock, {
      fetch: async () => Response.json({ errcode: "M_UNRECOGNIZED" }, { status: 404 }),
    })
    const unavailable = await untilSettled(client.signIn())
    expect(errorOf(unavailable)).toMatchObject({ code: "unknown_server", fields: [] })
  })
})

describe("matrixAdapter password sign-in", () => {
  it("sends exactly one request after discovery and keeps the device, tokens and expiry", async () => {
    const { client, sent, clock } = setup()
    const flow = client.signIn()
    await untilSettled(flow)
    const before = sent.length
    const startedAt = clock.now()
    const done = await flow.submit({ identifier: alice.matrixUserId, password: alice.password })
    expect(done.step).toBe("done")
    expect(sent.length - before).toBe(1)
    expect(json(sent[before] ?? never())).toEqual({
      type: "m.login.password",
      identifier: { type: "m.id.user", user: "@alice:localhost" },
      password: alice.password,
      refresh_token: true,
      initial_device_display_name: "Latchkey",
    })
    const current = session(client)
    expect(current.user.id).toBe("@alice:localhost")
    expect(current.credentials.deviceId).toMatch(/^[A-Z]{10}$/)
    expect(current.expiresAt).toBe(startedAt + 5 * 60 * 1000)
    expect(current.isRefreshable).toBe(true)
  })

  it("signs in with a bare user name, an e-mail address or a phone number", async () => {
    const { client, sent } = setup()
    await signIn(client, "alice")
    expect(json(sent.at(-1) ?? sent[0] ?? never()).identifier).toEqual({
      type: "m.id.user",
      user: "alice",
    })
    await client.signOut()

    const byEmail = await signIn(client, "Bob@Example.com", bob.password)
    expect(byEmail.step).toBe("done")
    expect(json(sent.at(-1) ?? never()).identifier).toEqual({
      type: "m.id.thirdparty",
      medium: "email",
      address: "Bob@Example.com",
    })
    expect(session(client).user).toEqual({ id: "@bob:localhost", email: "Bob@Example.com" })
    await client.signOut()

    const byPhone = await signIn(client, "+44 7700 900001")
    expect(byPhone.step).toBe("done")
    expect(session(client).user.id).toBe("@alice:localhost")
  })

  it("names the failure without repeating what was typed", async () => {
    const { client } = setup()
    const wrong = await signIn(client, "alice", "guess")
    expect(wrong.step).toBe("start")
    expect(errorOf(wrong)).toMatchObject({
      code: "invalid_credentials",
      status: 403,
      vendorCode: "M_FORBIDDEN",
    })
    expect(errorOf(wrong)?.fields).toEqual(["password"])
    expect(errorOf(wrong)?.message).not.toContain("guess")

    const deactivated = await signIn(client, carol.matrixUserId, carol.password)
    expect(errorOf(deactivated)).toMatchObject({
      code: "account_disabled",
      vendorCode: "M_USER_DEACTIVATED",
    })
  })

  it("surfaces the wait of a 429 during sign-in", async () => {
    const { client, clock } = setup({ rateLimit: { limit: 1, windowMs: 30_000 } })
    await signIn(client, "alice", "guess")
    const limited = await signIn(client, "alice", alice.password)
    expect(errorOf(limited)).toMatchObject({ code: "rate_limited", retryAfterMs: 30_000 })
    expect(limited.step === "start" && limited.retryAt).toBe(clock.now() + 30_000)
    expect(client.getSnapshot().status).toBe("signedOut")
    await clock.advance(30_000)
    expect((await signIn(client, "alice", alice.password)).step).toBe("done")
  })

  it("maps the other refusals and unreadable answers to typed errors", async () => {
    const clock = createManualClock()
    const matrix = createMatrixEmulator({ clock })
    const answers: Record<string, () => Response> = {
      suspended: () => Response.json({ errcode: "M_USER_SUSPENDED", error: "x" }, { status: 403 }),
      badType: () =>
        Response.json({ errcode: "M_UNKNOWN", error: "Bad login type." }, { status: 400 }),
      down: () => new Response("Bad gateway", { status: 502 }),
      garbage: () => new Response("<html>", { status: 403 }),
      offSchema: () => Response.json({ user_id: "alice" }),
      limitedInBody: () =>
        Response.json({ errcode: "M_LIMIT_EXCEEDED", retry_after_ms: 2_000 }, { status: 429 }),
    }
    const codes: Record<string, string | number | undefined> = {}
    for (const [name, answer] of Object.entries(answers)) {
      const { client } = createApp(matrix, clock, {
        fetch: async (request) => (request.method === "POST" ? answer() : matrix.handle(request)),
      })
      const error = errorOf(await signIn(client))
      codes[name] = error?.code
      if (name === "limitedInBody") codes.wait = error?.retryAfterMs
    }
    expect(codes).toEqual({
      suspended: "account_suspended",
      badType: "unsupported",
      down: "server",
      garbage: "invalid_response",
      offSchema: "invalid_response",
      limitedInBody: "rate_limited",
      wait: 2_000,
    })
  })
})

describe("matrixAdapter refresh", () => {
  it("refreshes before expiry, always with the newest refresh token", async () => {
    const { client, sent, clock } = setup()
    await signIn(client)
    const issued = [session(client).credentials.refreshToken]
    for (let round = 0; round < 3; round++) {
      await clock.advance(5 * 60 * 1000)
      issued.push(session(client).credentials.refreshToken)
    }
    const refreshes = sent.filter((request) => request.url.pathname.endsWith("/refresh"))
    expect(refreshes).toHaveLength(3)
    expect(refreshes.map((request) => json(request).refresh_token)).toEqual(issued.slice(0, 3))
    expect(new Set(issued).size).toBe(4)
    expect(client.getSnapshot().status).toBe("signedIn")
    const whoami = await client.fetch(`${homeserver}/_matrix/client/v3/account/whoami`)
    expect(whoami.status).toBe(200)
  })

  it("never sends a rotated-out refresh token again, even after a restart from storage", async () => {
    const clock = createManualClock()
    const matrix = createMatrixEmulator({ clock })
    const storage = memoryStorage()
    const first = createApp(matrix, clock, { storage })
    await signIn(first.client)
    await first.client.refresh()
    const rotated = session(first.client).credentials.refreshToken
    first.client.dispose()

    const second = createApp(matrix, clock, { storage })
    await second.client.ready()
    await second.client.refresh()
    const sentTokens = second.sent
      .filter((request) => request.url.pathname.endsWith("/refresh"))
      .map((request) => json(request).refresh_token)
    expect(sentTokens).toEqual([rotated])
    expect(second.client.getSnapshot().status).toBe("signedIn")
  })

  it("treats an absent expires_in_ms as a token that does not expire", async () => {
    const { client } = setup({ accessTokenTtlMs: null })
    await signIn(client)
    expect(session(client).expiresAt).toBeNull()
    expect(session(client).isRefreshable).toBe(true)
  })

  it("is not refreshable when the server gives no refresh token, and asks for the password before expiry", async () => {
    const { client, clock } = setup({
      issuesRefreshTokens: false,
      nonRefreshableAccessTokenTtlMs: 60_000,
    })
    await signIn(client)
    expect(session(client).isRefreshable).toBe(false)
    await clock.advance(60_000)
    expect(client.getSnapshot().status).toBe("reauthRequired")
  })
})

describe("matrixAdapter soft logout", () => {
  it("keeps the user and device on soft logout, and re-authenticates the same device", async () => {
    const { client, matrix, sent } = setup()
    const deviceId = await softLoggedOutAlice(client, matrix)
    const snapshot = client.getSnapshot()
    expect(snapshot.status).toBe("reauthRequired")
    expect(snapshot.session?.credentials.deviceId).toBe(deviceId)
    expect(snapshot.session?.user.id).toBe(alice.matrixUserId)
    expect(paths(sent).slice(-2)).toEqual([
      "/_matrix/client/v3/account/whoami",
      "/_matrix/client/v3/refresh",
    ])

    const flow = client.signIn()
    const reauth = await untilSettled(flow)
    expect(reauth.reauthUser?.id).toBe(alice.matrixUserId)
    const done = await flow.submit({ identifier: "", password: alice.password })
    expect(done.step).toBe("done")
    expect(json(sent.at(-1) ?? never())).toMatchObject({
      device_id: deviceId,
      identifier: { type: "m.id.user", user: alice.matrixUserId },
    })
    expect(session(client).credentials.deviceId).toBe(deviceId)
    expect(matrix.devices(alice.matrixUserId).map((device) => device.deviceId)).toEqual([deviceId])
    expect((await client.fetch(`${homeserver}/_matrix/client/v3/account/whoami`)).status).toBe(200)
  })

  it("re-authenticates as the session's user on its homeserver, whatever the form sends", async () => {
    const { client, matrix, sent } = setup()
    const deviceId = await softLoggedOutAlice(client, matrix)

    const flow = client.signIn()
    await untilSettled(flow)
    const asBob = await flow.submit({ identifier: bob.matrixUserId, password: bob.password })
    expect(errorOf(asBob)?.code).toBe("invalid_credentials")
    expect(json(sent.at(-1) ?? never()).identifier).toEqual({
      type: "m.id.user",
      user: alice.matrixUserId,
    })
    expect(matrix.devices(bob.matrixUserId)).toEqual([])
    expect(client.getSnapshot().status).toBe("reauthRequired")

    const done = await flow.submit({
      server: "https://elsewhere.example",
      identifier: bob.email,
      password: alice.password,
    })
    expect(done.step).toBe("done")
    expect(sent.at(-1)?.url.origin).toBe(homeserver)
    expect(session(client).user.id).toBe(alice.matrixUserId)
    expect(session(client).credentials.deviceId).toBe(deviceId)
  })

  it("keeps the user and device when the account is locked, says so, and re-authenticates the same device once unlocked", async () => {
    const { client, matrix } = setup()
    await signIn(client)
    const { deviceId } = session(client).credentials
    matrix.lock(alice.matrixUserId)

    await expect(
      client.fetch(`${homeserver}/_matrix/client/v3/account/whoami`),
    ).rejects.toMatchObject({ code: "session_expired" })
    expect(client.getSnapshot()).toMatchObject({
      status: "reauthRequired",
      error: { code: "account_locked", status: 401, vendorCode: "M_USER_LOCKED" },
      session: { user: { id: alice.matrixUserId }, credentials: { deviceId } },
    })

    const flow = client.signIn()
    await untilSettled(flow)
    const stillLocked = await flow.submit({ identifier: "", password: alice.password })
    expect(errorOf(stillLocked)).toMatchObject({ code: "account_locked" })
    expect(client.getSnapshot().status).toBe("reauthRequired")

    matrix.unlock(alice.matrixUserId)
    expect((await flow.submit({ identifier: "", password: alice.password })).step).toBe("done")
    expect(session(client).credentials.deviceId).toBe(deviceId)
    expect(matrix.devices(alice.matrixUserId).map((device) => device.deviceId)).toEqual([deviceId])
  })

  it("asks to sign in again, keeping the device, when a reload or a renewal finds the account locked", async () => {
    const clock = createManualClock()
    const matrix = createMatrixEmulator({ clock })
    const storage = memoryStorage()
    const laptop = createApp(matrix, clock, { storage })
    await signIn(laptop.client)
    const laptopDevice = session(laptop.client).credentials.deviceId
    laptop.client.dispose()
    const phone = createApp(matrix, clock)
    await signIn(phone.client)
    const phoneDevice = session(phone.client).credentials.deviceId
    matrix.lock(alice.matrixUserId)

    const reloaded = createApp(matrix, clock, { storage })
    await reloaded.client.ready()
    await clock.flush()
    expect(paths(reloaded.sent)).toEqual([
      "/_matrix/client/v3/account/whoami",
      "/_matrix/client/v3/refresh",
    ])
    expect(reloaded.client.getSnapshot()).toMatchObject({
      status: "reauthRequired",
      error: { code: "account_locked" },
      session: { credentials: { deviceId: laptopDevice } },
    })

    await clock.advance(5 * 60 * 1000)
    expect(phone.client.getSnapshot()).toMatchObject({
      status: "reauthRequired",
      error: { code: "account_locked" },
      session: { credentials: { deviceId: phoneDevice } },
    })
    expect(matrix.devices(alice.matrixUserId)).toHaveLength(2)
  })

  it("signs out when the server ends the session for good", async () => {
    const { client, clock, matrix } = setup()
    await signIn(client)
    const other = createApp(matrix, clock)
    await signIn(other.client)
    await other.client.signOut({ everywhere: true })

    await expect(
      client.fetch(`${homeserver}/_matrix/client/v3/account/whoami`),
    ).rejects.toMatchObject({ code: "session_revoked" })
    expect(client.getSnapshot().status).toBe("signedOut")
  })

  it("signs out when a refresh is refused without soft logout", async () => {
    const { client, clock, matrix } = setup()
    await signIn(client)
    const other = createApp(matrix, clock)
    await signIn(other.client)
    await other.client.signOut({ everywhere: true })
    await clock.advance(5 * 60 * 1000)
    expect(client.getSnapshot()).toMatchObject({
      status: "signedOut",
      error: { code: "session_revoked" },
    })
  })

  it("reads every 401 and 429 the way the spec means it", async () => {
    const adapter = matrixAdapter({ homeserver })
    const verdict = (body: unknown, status = 401, headers: HeadersInit = {}) =>
      adapter.classify(Response.json(body, { status, headers }))
    expect(await verdict({ errcode: "M_UNKNOWN_TOKEN", soft_logout: true })).toEqual({
      type: "expired",
    })
    expect(await verdict({ errcode: "M_UNKNOWN_TOKEN", soft_logout: false })).toEqual({
      type: "revoked",
    })
    expect(await verdict({ errcode: "M_UNKNOWN_TOKEN" })).toEqual({ type: "revoked" })
    expect(await verdict({ errcode: "M_MISSING_TOKEN" })).toEqual({ type: "revoked" })
    expect(await verdict({ errcode: "M_USER_LOCKED", soft_logout: true })).toEqual({
      type: "expired",
    })
    expect(await verdict({ flows: [{ stages: ["m.login.password"] }], session: "s" })).toEqual({
      type: "ok",
    })
    expect(
      await verdict({ errcode: "M_FORBIDDEN", flows: [{ stages: ["m.login.password"] }] }),
    ).toEqual({ type: "ok" })
    expect(await verdict({ errcode: "M_LIMIT_EXCEEDED" }, 429, { "Retry-After": "3" })).toEqual({
      type: "rateLimited",
      retryAfterMs: 3_000,
    })
    expect(await verdict({ errcode: "M_LIMIT_EXCEEDED", retry_after_ms: 1_500 }, 429)).toEqual({
      type: "rateLimited",
      retryAfterMs: 1_500,
    })
    expect(await verdict({ errcode: "M_FORBIDDEN" }, 403)).toEqual({ type: "ok" })
  })
})

describe("matrixAdapter restore and sign-out", () => {
  it("confirms a restored session with whoami, and drops one the server no longer knows", async () => {
    const clock = createManualClock()
    const matrix = createMatrixEmulator({ clock })
    const storage = memoryStorage()
    const first = createApp(matrix, clock, { storage })
    await signIn(first.client)
    first.client.dispose()

    const restored = createApp(matrix, clock, { storage })
    expect((await restored.client.ready()).status).toBe("signedIn")
    expect(paths(restored.sent)).toEqual(["/_matrix/client/v3/account/whoami"])
    expect(restored.sent[0]?.method).toBe("GET")
    await restored.client.signOut({ everywhere: true })

    const stale = memoryStorage()
    const third = createApp(matrix, clock, { storage: stale })
    await signIn(third.client)
    third.client.dispose()
    const other = createApp(matrix, clock)
    await signIn(other.client)
    await other.client.signOut({ everywhere: true })
    const gone = createApp(matrix, clock, { storage: stale })
    expect(await gone.client.ready()).toMatchObject({
      status: "signedOut",
      error: { code: "session_revoked" },
    })
  })

  it("logs out this device only, or every device", async () => {
    const { client, clock, matrix, sent } = setup()
    await signIn(client)
    const phone = createApp(matrix, clock)
    await signIn(phone.client)
    expect(matrix.devices(alice.matrixUserId)).toHaveLength(2)

    expect(await client.signOut()).toEqual({})
    expect(paths(sent).at(-1)).toBe("/_matrix/client/v3/logout")
    expect(matrix.devices(alice.matrixUserId).map((device) => device.deviceId)).toEqual([
      session(phone.client).credentials.deviceId,
    ])

    await signIn(client)
    expect(await phone.client.signOut({ everywhere: true })).toEqual({})
    expect(paths(phone.sent).at(-1)).toBe("/_matrix/client/v3/logout/all")
    expect(matrix.devices(alice.matrixUserId)).toEqual([])
  })
})

describe("matrixAdapter single sign-on", () => {
  async function roundTrip(provider = "oidc-github", person = "alice") {
    const context = setup()
    const { client, platform, matrix } = context
    const flow = client.signIn()
    await untilSettled(flow)
    await flow.startSso(provider)
    const redirect = platform.visited[0] ?? never()
    const url = new URL(redirect)
    expect(url.pathname).toBe(`/_matrix/client/v3/login/sso/redirect/${provider}`)
    const callbackUrl = new URL(url.searchParams.get("redirectUrl") ?? never())
    expect(callbackUrl.searchParams.get(ssoStateParameter)).toBeTruthy()

    const landing = await visitStandInIdp(matrix, redirect, person)
    return { ...context, landing }
  }

  it("completes the round trip through the identity provider and cleans the address bar", async () => {
    const { client, platform, landing, sent } = await roundTrip()
    const url = new URL(landing)
    expect(url.origin + url.pathname).toBe("http://app.test/signin")
    expect(url.searchParams.get("loginToken")).toBeTruthy()
    platform.url = landing

    const done = await untilSettled(client.completeSso())
    expect(done.step).toBe("done")
    expect(session(client).user.id).toBe(alice.matrixUserId)
    expect(json(sent.at(-1) ?? never())).toMatchObject({
      type: "m.login.token",
      token: url.searchParams.get("loginToken"),
      refresh_token: true,
    })
    expect(platform.url).toBe("http://app.test/signin")
  })

  it("rejects a forged callback with a missing or wrong state, without using the token", async () => {
    const { client, landing, sent } = await roundTrip("oidc-gitlab", "bob")
    const before = sent.length
    const missing = new URL(landing)
    missing.searchParams.delete(ssoStateParameter)
    const noState = await untilSettled(client.completeSso(missing.href))
    expect(errorOf(noState)?.code).toBe("sso_state_mismatch")

    const wrong = new URL(landing)
    wrong.searchParams.set(ssoStateParameter, "forged")
    const badState = await untilSettled(client.completeSso(wrong.href))
    expect(errorOf(badState)?.code).toBe("sso_state_mismatch")
    expect(sent.length).toBe(before)
    expect(client.getSnapshot().status).toBe("signedOut")
  })

  it("re-authenticates a soft-logged-out session on the same device", async () => {
    const { client, platform, matrix, sent } = setup()
    const deviceId = await softLoggedOutAlice(client, matrix)

    const flow = client.signIn()
    await untilSettled(flow)
    await flow.startSso("oidc-github")
    platform.url = await visitStandInIdp(matrix, platform.visited.at(-1) ?? never(), alice.username)
    expect((await untilSettled(client.completeSso())).step).toBe("done")
    expect(json(sent.at(-1) ?? never())).toMatchObject({
      type: "m.login.token",
      device_id: deviceId,
    })
    expect(session(client).credentials.deviceId).toBe(deviceId)
    expect(matrix.devices(alice.matrixUserId).map((device) => device.deviceId)).toEqual([deviceId])
  })

  it("re-authenticates on the same device when the page reloads on the way back from the identity provider", async () => {
    const clock = createManualClock()
    const matrix = createMatrixEmulator({ clock, random: createSeededRandomBytes(3) })
    const storage = memoryStorage()
    const tabStorage = memoryStorage()
    const before = createApp(matrix, clock, { storage, tabStorage })
    const deviceId = await softLoggedOutAlice(before.client, matrix)
    const flow = before.client.signIn()
    await untilSettled(flow)
    await flow.startSso("oidc-github")
    const landing = await visitStandInIdp(
      matrix,
      before.platform.visited.at(-1) ?? never(),
      "alice",
    )
    before.client.dispose()

    // The callback loads the app afresh: a new client in the same tab, the stored session not yet restored.
    const after = createApp(matrix, clock, { storage, tabStorage })
    after.platform.url = landing
    expect((await untilSettled(after.client.completeSso())).step).toBe("done")
    expect(json(after.sent.at(-1) ?? never())).toMatchObject({
      type: "m.login.token",
      device_id: deviceId,
    })
    expect(matrix.devices(alice.matrixUserId).map((device) => device.deviceId)).toEqual([deviceId])
  })

  it("refuses a login token used after its five seconds", async () => {
    const { client, landing, clock } = await roundTrip()
    await clock.advance(6_000)
    const late = await untilSettled(client.completeSso(landing))
    expect(errorOf(late)).toMatchObject({ code: "session_expired", vendorCode: "M_FORBIDDEN" })
  })
})

describe("login tokens", () => {
  it("creates a token after re-proving the password, and signs in on another device with it", async () => {
    const { client, clock, matrix, sent } = setup()
    await signIn(client)
    expect(await canCreateLoginToken(client)).toBe(true)

    await expect(createLoginToken(client, { password: "guess" })).rejects.toMatchObject({
      code: "invalid_credentials",
    })
    const wrongAttempt = sent.filter((request) => request.url.pathname.endsWith("/get_token"))
    expect(wrongAttempt).toHaveLength(2)
    expect(json(wrongAttempt[1] ?? never())).toMatchObject({
      auth: {
        type: "m.login.password",
        identifier: { type: "m.id.user", user: alice.matrixUserId },
        session: expect.any(String),
      },
    })

    const created = await createLoginToken(client, { password: alice.password })
    expect(created.expiresInMs).toBe(120_000)
    expect(created.token).toBeTruthy()
    // The server asks again for the next token: consent is per device.
    const again = await matrix.handle(
      new Request(`${homeserver}/_matrix/client/v1/login/get_token`, {
        method: "POST",
        headers: { Authorization: `Bearer ${session(client).credentials.accessToken}` },
        body: "{}",
      }),
    )
    expect(again.status).toBe(401)

    const laptop = createApp(matrix, clock)
    const done = await signInWithLoginToken(laptop.client, { token: created.token })
    expect(done.step).toBe("done")
    expect(session(laptop.client).user.id).toBe(alice.matrixUserId)
    expect(session(laptop.client).credentials.deviceId).not.toBe(
      session(client).credentials.deviceId,
    )

    const thief = createApp(matrix, clock)
    const reused = await signInWithLoginToken(thief.client, { token: created.token })
    expect(errorOf(reused)?.code).toBe("session_expired")
  })

  it("gives up on a login-token answer whose body stalls, within the timeout, and creates one afterwards", async () => {
    const clock = createManualClock()
    const matrix = createMatrixEmulator({ clock, random: createSeededRandomBytes(3) })
    const faulty = createFaultyFetch((request) => matrix.handle(request))
    const { client } = createApp(matrix, clock, { fetch: faulty.fetch })
    await signIn(client)
    faulty.inject(
      { type: "stallMidBody" },
      { when: (request) => request.url.endsWith("/get_token") },
    )
    let outcome: unknown
    void createLoginToken(client, { password: alice.password }).catch((error: unknown) => {
      outcome = error
    })
    // The verdict on the 401 gives up on its copy of the body first, then the helper on the body itself.
    await clock.advance(30_000)
    expect(outcome).toMatchObject({ code: "timeout", status: 401 })
    expect(faulty.held()).toBe(0)
    faulty.lift()
    expect((await createLoginToken(client, { password: alice.password })).token).toBeTruthy()
  })

  it("stops reading a login-token answer past a megabyte", async () => {
    const clock = createManualClock()
    const matrix = createMatrixEmulator({ clock, random: createSeededRandomBytes(3) })
    let pulled = 0
    const huge = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            if (pulled >= 10_000_000) return controller.close()
            pulled += 65_536
            controller.enqueue(new Uint8Array(65_536).fill(32))
          },
        }),
        { headers: { "content-type": "application/json" } },
      )
    const { client } = createApp(matrix, clock, {
      fetch: async (request) =>
        new URL(request.url).pathname.endsWith("/capabilities") ? huge() : matrix.handle(request),
    })
    await signIn(client)
    await expect(canCreateLoginToken(client)).rejects.toMatchObject({ code: "invalid_response" })
    expect(pulled).toBeLessThan(2_000_000)
  })

  it("tells when the server does not offer login tokens", async () => {
    const { client } = setup({ offersLoginTokens: false })
    await signIn(client)
    expect(await canCreateLoginToken(client)).toBe(false)
    await expect(createLoginToken(client, { password: alice.password })).rejects.toBeInstanceOf(
      AuthError,
    )
  })
})

function never(): never {
  throw new Error("missing value")
}
