import {
  alice,
  bob,
  createSeededRandomBytes,
  createSftpgoEmulator,
  erin,
  generateTotp,
  remoteAddressHeader,
  type SftpgoEmulator,
  type SftpgoEmulatorOptions,
  sftpgoAdmin,
  zoe,
} from "@latchkey/emulators"
import { describe, expect, it } from "vitest"
import { createAuthClient } from "../../authClient"
import type { AuthError } from "../../authError"
import type { AuthEvent } from "../../inspect"
import type { AuthStorage } from "../../platform/platform"
import type { SignInFlowSnapshot } from "../../signInFlowMachine"
import { memoryStorage } from "../../storage/memoryStorage"
import {
  createManualClock,
  createTestPlatform,
  type ManualClock,
  untilSettled,
} from "../../testing"
import { type SftpgoAdapterOptions, sftpgoAdapter, sftpgoFailure, sftpgoVendorCodes } from "./index"

const baseUrl = "http://localhost:8080"

interface Sent {
  readonly path: string
  readonly headers: Headers
  readonly credentials: RequestCredentials
}

function createApp(
  sftpgo: SftpgoEmulator,
  clock: ManualClock,
  options: {
    adapter?: Partial<SftpgoAdapterOptions>
    storage?: AuthStorage
    /** The client's network address as the server sees it. */
    from?: () => string
  } = {},
) {
  const sent: Sent[] = []
  const events: AuthEvent[] = []
  const platform = createTestPlatform({
    clock,
    async fetch(request) {
      sent.push({
        path: new URL(request.url).pathname,
        headers: new Headers(request.headers),
        credentials: request.credentials,
      })
      const headers = new Headers(request.headers)
      if (options.from) headers.set(remoteAddressHeader, options.from())
      return sftpgo.handle(new Request(request, { headers }))
    },
  })
  const client = createAuthClient({
    adapter: sftpgoAdapter({ baseUrl, ...options.adapter }),
    platform,
    storage: options.storage,
    inspect: (event) => events.push(event),
  })
  return { client, sent, events }
}

function setup(emulator: SftpgoEmulatorOptions = {}, adapter: Partial<SftpgoAdapterOptions> = {}) {
  const clock = createManualClock()
  const sftpgo = createSftpgoEmulator({
    clock,
    random: createSeededRandomBytes(5),
    rateLimit: false,
    defender: false,
    ...emulator,
  })
  return { clock, sftpgo, ...createApp(sftpgo, clock, { adapter }) }
}

async function submit(
  client: ReturnType<typeof createApp>["client"],
  input: { identifier: string; password: string; code?: string },
) {
  const flow = client.signIn()
  await untilSettled(flow)
  return flow.submit(input)
}

function errorOf(snapshot: SignInFlowSnapshot): AuthError | undefined {
  return "error" in snapshot ? snapshot.error : undefined
}

const tokenPaths = (sent: readonly Sent[]) => sent.map((request) => request.path)

describe("sftpgoAdapter sign-in", () => {
  it("signs in with a password btoa cannot encode, sent as UTF-8 bytes", async () => {
    const { client, sent } = setup()
    expect(() => btoa(zoe.password)).toThrow()
    const done = await submit(client, { identifier: "zoe", password: zoe.password })
    expect(done.step).toBe("done")
    expect(client.getSnapshot()).toMatchObject({
      status: "signedIn",
      session: { user: { id: "zoe" } },
    })
    const basic = sent[0]?.headers.get("authorization")?.replace(/^Basic /, "") ?? ""
    expect(Buffer.from(basic, "base64").toString("utf8")).toBe(`zoe:${zoe.password}`)
    const profile = await client.fetch(`${baseUrl}/api/v2/user/profile`)
    expect(await profile.json()).toEqual({ email: zoe.email, allow_api_key_auth: false })
  })

  it("gives bob without a code the ambiguous error, then signs him in with one more request", async () => {
    const { client, sent, clock } = setup()
    const flow = client.signIn()
    await untilSettled(flow)
    const refused = await flow.submit({ identifier: "bob", password: bob.password })
    expect(errorOf(refused)).toMatchObject({
      code: "invalid_credentials",
      status: 401,
      fields: ["password", "code"],
      vendorCode: sftpgoVendorCodes.passwordOrMissingCode,
    })
    const code = generateTotp(bob.totpSecret ?? "", clock.now())
    const done = await flow.submit({ identifier: "bob", password: bob.password, code })
    expect(done.step).toBe("done")
    expect(tokenPaths(sent)).toEqual(["/api/v2/user/token", "/api/v2/user/token"])
    // The refusal carries `WWW-Authenticate: Basic`: a same-origin browser request with credentials would hang
    // at the browser's login prompt instead of reaching the form.
    expect(sent.map((request) => request.credentials)).toEqual(["omit", "omit"])
    expect(sent[0]?.headers.has("x-sftpgo-otp")).toBe(false)
    expect(sent[1]?.headers.get("x-sftpgo-otp")).toBe(code)
  })

  it("tells a refusal with a code apart from one without: the password or the code is wrong", async () => {
    const { client } = setup()
    const refused = await submit(client, { identifier: "bob", password: "wrong", code: "123 456" })
    expect(errorOf(refused)).toMatchObject({
      code: "invalid_credentials",
      fields: ["password", "code"],
      vendorCode: sftpgoVendorCodes.passwordOrCode,
    })
  })

  it("offers no code with code: never, and requires one without a request with code: always", async () => {
    const never = setup({}, { code: "never" })
    expect(never.client.adapter.capabilities.secondFactor).toBe("none")
    const refused = await submit(never.client, {
      identifier: "bob",
      password: bob.password,
      code: "1",
    })
    expect(never.sent[0]?.headers.has("x-sftpgo-otp")).toBe(false)
    expect(errorOf(refused)).toMatchObject({ code: "invalid_credentials", fields: ["password"] })

    const always = setup({}, { code: "always" })
    expect(always.client.adapter.capabilities.secondFactor).toBe("inlineRequired")
    const missing = await submit(always.client, { identifier: "bob", password: bob.password })
    expect(errorOf(missing)).toMatchObject({ code: "invalid_input", fields: ["code"] })
    expect(always.sent).toEqual([])
  })

  it("refuses a user name Basic credentials cannot carry, without a request", async () => {
    const { client, sent } = setup()
    const refused = await submit(client, { identifier: "ali:ce", password: alice.password })
    expect(errorOf(refused)).toMatchObject({ code: "invalid_input", fields: ["identifier"] })
    expect(sent).toEqual([])
  })

  it("signs admins in with the admin realm, and refuses a user there", async () => {
    const { client, sent } = setup({}, { realm: "admin" })
    const user = await submit(client, { identifier: "alice", password: alice.password })
    expect(errorOf(user)).toMatchObject({ code: "invalid_credentials" })
    expect(
      (await submit(client, { identifier: "admin", password: sftpgoAdmin.password })).step,
    ).toBe("done")
    expect(tokenPaths(sent)).toEqual(["/api/v2/token", "/api/v2/token"])
  })

  it("keeps the password, the code and the Basic credentials out of errors, events and storage", async () => {
    const written: string[] = []
    const storage: AuthStorage = {
      ...memoryStorage(),
      set: (_key, value) => void written.push(value),
    }
    const clock = createManualClock()
    const sftpgo = createSftpgoEmulator({ clock, rateLimit: false, defender: false })
    const { client, events, sent } = createApp(sftpgo, clock, { storage })
    const code = generateTotp(bob.totpSecret ?? "", clock.now())
    const refused = await submit(client, { identifier: "bob", password: "s3cret:pässwörd", code })
    await submit(client, { identifier: "bob", password: bob.password, code })
    expect(written.join()).toContain("accessToken")
    const basic = sent.map((request) => request.headers.get("authorization")?.slice(6) ?? "")
    const seen = JSON.stringify([errorOf(refused), String(errorOf(refused)), events, written])
    for (const secret of ["s3cret:pässwörd", bob.password, code, ...basic])
      expect(seen).not.toContain(secret)
  })
})

describe("sftpgoAdapter over time", () => {
  it("asks for the password again before expires_at, without a failed request, and keeps the user", async () => {
    const { client, clock, sftpgo } = setup()
    await submit(client, { identifier: "alice", password: alice.password })
    const session = client.getSnapshot().session
    if (!session?.expiresAt) throw new Error("no expiring session")
    expect(session.expiresAt - clock.now()).toBe(20 * 60_000)
    expect(session.isRefreshable).toBe(false)
    await clock.advance(session.expiresAt - 60_000 - clock.now() - 1)
    expect(client.getSnapshot().status).toBe("signedIn")
    await clock.advance(1)
    expect(client.getSnapshot()).toMatchObject({
      status: "reauthRequired",
      session: { user: { id: "alice" } },
    })
    expect(clock.now()).toBeLessThan(session.expiresAt)
    expect(sftpgo.log.entries().map((entry) => entry.status)).toEqual([200])

    const again = await submit(client, { identifier: "", password: alice.password })
    expect(again.step).toBe("done")
    expect(client.getSnapshot()).toMatchObject({
      status: "signedIn",
      session: { user: { id: "alice" } },
    })
    expect(sftpgo.log.entries().map((entry) => entry.status)).toEqual([200, 200])
  })

  it("refuses the app's call on a token past expires_at without a request, and asks for the password", async () => {
    const { client, clock, sftpgo } = setup()
    await submit(client, { identifier: "alice", password: alice.password })
    const expiresAt = client.getSnapshot().session?.expiresAt ?? clock.now()
    // The laptop slept through the re-authentication: no timer ran, the token is a minute past its end.
    clock.jump(expiresAt - clock.now() + 60_000)
    const sent = sftpgo.log.entries().length
    await expect(client.fetch(`${baseUrl}/api/v2/user/profile`)).rejects.toMatchObject({
      code: "session_expired",
      status: undefined,
    })
    expect(sftpgo.log.entries()).toHaveLength(sent)
    expect(client.getSnapshot()).toMatchObject({
      status: "reauthRequired",
      session: { user: { id: "alice" } },
    })
  })

  it("re-authenticates bob with his user name, his password and a new code", async () => {
    const { client, clock, sent } = setup()
    const first = generateTotp(bob.totpSecret ?? "", clock.now())
    await submit(client, { identifier: "bob", password: bob.password, code: first })
    await clock.advance(19 * 60_000)
    expect(client.getSnapshot().status).toBe("reauthRequired")
    const code = generateTotp(bob.totpSecret ?? "", clock.now())
    const again = await submit(client, { identifier: "mallory", password: bob.password, code })
    expect(again.step).toBe("done")
    const basic = sent[1]?.headers.get("authorization")?.replace(/^Basic /, "") ?? ""
    expect(Buffer.from(basic, "base64").toString("utf8")).toBe(`bob:${bob.password}`)
  })

  it("asks again when the token was logged out elsewhere", async () => {
    const { client } = setup()
    await submit(client, { identifier: "alice", password: alice.password })
    const token = client.getSnapshot().session?.credentials.accessToken ?? ""
    await fetchAs(token, "/api/v2/user/logout", client)
    await expect(client.fetch(`${baseUrl}/api/v2/user/profile`)).rejects.toMatchObject({
      code: "session_expired",
    })
    expect(client.getSnapshot().status).toBe("reauthRequired")
  })

  it("signs out when the app's calls come from another address than the token's", async () => {
    const clock = createManualClock()
    const sftpgo = createSftpgoEmulator({ clock, rateLimit: false, defender: false })
    let address = "198.51.100.1"
    const { client } = createApp(sftpgo, clock, { from: () => address })
    await submit(client, { identifier: "alice", password: alice.password })
    address = "198.51.100.2"
    await expect(client.fetch(`${baseUrl}/api/v2/user/profile`)).rejects.toMatchObject({
      code: "session_revoked",
    })
    expect(client.getSnapshot().status).toBe("signedOut")
  })
})

describe("sftpgoAdapter refusals", () => {
  it("refuses an admin token on a user endpoint, and the error says why", async () => {
    const storage = memoryStorage()
    const clock = createManualClock()
    const sftpgo = createSftpgoEmulator({ clock, rateLimit: false, defender: false })
    const admin = createApp(sftpgo, clock, { storage, adapter: { realm: "admin" } })
    await submit(admin.client, { identifier: "admin", password: sftpgoAdmin.password })
    const token = admin.client.getSnapshot().session?.credentials.accessToken ?? ""

    const raw = await fetchAs(token, "/api/v2/user/profile", admin.client)
    expect(await sftpgoFailure(admin.client, raw)).toMatchObject({
      code: "session_revoked",
      serverMessage: "Your token audience is not valid",
    })
    await expect(admin.client.fetch(`${baseUrl}/api/v2/user/profile`)).rejects.toMatchObject({
      code: "session_revoked",
      serverMessage: "Your token audience is not valid",
    })
    expect(admin.client.getSnapshot().status).toBe("signedOut")

    // The same admin session restored by an app configured for users: checked, refused, and the reason kept.
    await submit(admin.client, { identifier: "admin", password: sftpgoAdmin.password })
    const user = createApp(sftpgo, clock, { storage })
    expect(await user.client.ready()).toMatchObject({
      status: "signedOut",
      error: { code: "session_revoked", serverMessage: "Your token audience is not valid" },
    })
  })

  it("gives up on a refusal whose body stalls halfway, within the timeout", async () => {
    const { client, clock } = setup()
    const half = new TextEncoder().encode('{"message":"Forbidden","error":"your IP')
    const stalled = new Response(
      new ReadableStream<Uint8Array>({ start: (controller) => controller.enqueue(half) }),
      { status: 403 },
    )
    let outcome: unknown = "pending"
    void sftpgoFailure(client, stalled).then((error) => {
      outcome = error
    })
    await clock.advance(14_999)
    expect(outcome).toBe("pending")
    await clock.advance(1)
    expect(outcome).toMatchObject({ code: "timeout", status: 403 })
  })

  it("stops reading a refusal's body past a megabyte", async () => {
    const { client } = setup()
    let pulled = 0
    const huge = new Response(
      new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulled >= 10_000_000) return controller.close()
          pulled += 65_536
          controller.enqueue(new Uint8Array(65_536).fill(32))
        },
      }),
      { status: 403 },
    )
    expect(await sftpgoFailure(client, huge)).toMatchObject({
      code: "invalid_response",
      status: 403,
    })
    expect(pulled).toBeLessThan(2_000_000)
  })

  it("reads the rate limit from Retry-After, and from X-Retry-In alone", async () => {
    const { client } = setup({ rateLimit: { limit: 1, windowMs: 60_000 } })
    await submit(client, { identifier: "alice", password: alice.password })
    const limited = await submit(client, { identifier: "alice", password: alice.password })
    expect(errorOf(limited)).toMatchObject({ code: "rate_limited", retryAfterMs: 60_000 })

    const headers = new Headers({ "X-Retry-In": "1m0.499999999s" })
    const response = new Response('{"message":"Too Many Requests"}', { status: 429, headers })
    expect(await client.adapter.classify(response)).toEqual({
      type: "rateLimited",
      retryAfterMs: 60_500,
    })
  })

  it("reads a Retry-After date from a proxy in front of the server", async () => {
    const clock = createManualClock()
    const platform = createTestPlatform({
      clock,
      fetch: async () =>
        new Response("Too many requests", {
          status: 429,
          headers: { "Retry-After": new Date(clock.now() + 90_000).toUTCString() },
        }),
    })
    const client = createAuthClient({ adapter: sftpgoAdapter({ baseUrl }), platform })
    const limited = await submit(client, { identifier: "alice", password: alice.password })
    expect(errorOf(limited)).toMatchObject({ code: "rate_limited", retryAfterMs: 90_000 })
    expect(limited).toMatchObject({ step: "start", retryAt: clock.now() + 90_000 })
  })

  it("says the address is blocked once the defender bans it", async () => {
    const { client } = setup({ defender: { threshold: 3, observationMs: 600_000, banMs: 60_000 } })
    for (let attempt = 0; attempt < 3; attempt++)
      await submit(client, { identifier: "alice", password: "guess" })
    const blocked = await submit(client, { identifier: "alice", password: alice.password })
    expect(errorOf(blocked)).toMatchObject({
      code: "address_blocked",
      status: 403,
      serverMessage: "your IP address is blocked",
    })
  })

  it("says why a filter or the post-connect hook refuses a sign-in", async () => {
    const { client } = setup({ postConnectHook: () => false })
    expect(
      errorOf(await submit(client, { identifier: "alice", password: alice.password })),
    ).toMatchObject({
      code: "access_denied",
      serverMessage: "permission denied",
    })
    const filtered = setup()
    expect(
      errorOf(await submit(filtered.client, { identifier: "erin", password: erin.password })),
    ).toMatchObject({
      code: "access_denied",
      serverMessage: 'protocol HTTP is not allowed for user "erin"',
    })
  })

  it("logs the token out on sign-out, and ends the local session even when that fails", async () => {
    const { client, sftpgo } = setup()
    await submit(client, { identifier: "alice", password: alice.password })
    const token = client.getSnapshot().session?.credentials.accessToken ?? ""
    expect(await client.signOut()).toEqual({})
    const after = await fetchAs(token, "/api/v2/user/profile", client)
    expect(await after.json()).toEqual({ message: "Your token is no longer valid" })

    await submit(client, { identifier: "alice", password: alice.password })
    sftpgo.handle = async () => new Response("Bad gateway", { status: 502 })
    const result = await client.signOut()
    expect(result.error).toMatchObject({ code: "server", status: 502 })
    expect(client.getSnapshot().status).toBe("signedOut")
  })
})

/** Calls the emulator with a raw bearer token, outside the client, on the client's platform. */
function fetchAs(token: string, path: string, client: ReturnType<typeof createApp>["client"]) {
  return client.platform.fetch(
    new Request(`${baseUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } }),
  )
}
