import { describe, expect, it } from "vitest"
import type { SignInInput } from "./adapter"
import { type AuthClient, createAuthClient } from "./authClient"
import type { AuthStorage } from "./platform/platform"
import {
  createFakeServer,
  createManualClock,
  createMemoryBroadcast,
  createMemoryLocks,
  createTestPlatform,
  type FakeCredentials,
  type FakeServerOptions,
  fakeAdapter,
  fakeSecondFactorCode,
  type ManualClock,
  memoryStorage,
  throwingStorage,
} from "./testing"

const alice = { identifier: "alice", password: "correct horse battery staple" }
const base = "https://fake.test"

interface SetupOptions extends Omit<FakeServerOptions, "clock"> {
  clock?: ManualClock
  storage?: AuthStorage
  shared?: {
    locks: ReturnType<typeof createMemoryLocks>
    broadcast: ReturnType<typeof createMemoryBroadcast>
  }
  server?: ReturnType<typeof createFakeServer>
}

function setup(options: SetupOptions = {}) {
  const clock = options.clock ?? createManualClock()
  const server = options.server ?? createFakeServer({ clock, ...options })
  const platform = createTestPlatform({
    fetch: server.fetch,
    clock,
    locks: options.shared?.locks,
    broadcast: options.shared?.broadcast,
    url: "https://app.test/sign-in",
  })
  const client = createAuthClient({
    adapter: fakeAdapter({ secondFactor: options.secondFactor, canRefresh: options.canRefresh }),
    platform,
    storage: options.storage,
  })
  return { clock, server, platform, client }
}

async function signIn(
  client: AuthClient<FakeCredentials>,
  clock: ManualClock,
  input: SignInInput = alice,
) {
  const flow = client.signIn()
  await clock.flush()
  await flow.submit(input)
  return flow
}

describe("createAuthClient", () => {
  it("starts signed out when nothing is stored, and signs in with a password", async () => {
    const { client, clock, server } = setup()
    expect(client.getSnapshot().status).toBe("initializing")
    await client.ready()
    expect(client.getSnapshot().status).toBe("signedOut")
    const flow = await signIn(client, clock)
    expect(flow.getSnapshot().step).toBe("done")
    expect(client.getSnapshot()).toMatchObject({
      status: "signedIn",
      session: { user: { id: "alice" } },
    })
    expect(server.requests).toEqual(["/options", "/login"])
  })

  it("passes the second factor on the same challenge after a wrong code", async () => {
    const { client, clock, server } = setup({ secondFactor: "challenge" })
    const flow = await signIn(client, clock, { identifier: "bob", password: "hunter2 hunter2" })
    expect(flow.getSnapshot()).toMatchObject({
      step: "secondFactor",
      challenge: { method: "totp" },
    })
    const wrong = await flow.submitCode("000000")
    expect(wrong).toMatchObject({ step: "secondFactor", error: { code: "invalid_second_factor" } })
    expect((await flow.submitCode(fakeSecondFactorCode)).step).toBe("done")
    expect(server.count("/login/code")).toBe(2)
    expect(client.getSnapshot().session?.user.id).toBe("bob")
  })

  it("rejects a command sent in the wrong step with a typed error", async () => {
    const { client, clock } = setup()
    const flow = client.signIn()
    await clock.flush()
    await expect(flow.submitCode("123456")).rejects.toMatchObject({ code: "invalid_step" })
    await expect(flow.cancel()).rejects.toMatchObject({ code: "invalid_step" })
    expect(flow.getSnapshot().step).toBe("start")
  })

  it("cancels a sign-in in flight, and drops its late answer", async () => {
    const { client, clock, server } = setup()
    const flow = client.signIn()
    await clock.flush()
    const held = server.hold("/login")
    const pending = flow.submit(alice)
    await clock.flush()
    expect(flow.getSnapshot().step).toBe("submitting")
    expect((await flow.cancel()).step).toBe("start")
    held.release()
    await pending
    expect(flow.getSnapshot()).toMatchObject({ step: "start", error: undefined })
    expect(client.getSnapshot().status).toBe("signedOut")
  })

  it("puts a refused password on the form and keeps the user signed out", async () => {
    const { client, clock } = setup()
    const flow = await signIn(client, clock, { identifier: "alice", password: "wrong" })
    expect(flow.getSnapshot()).toMatchObject({
      step: "start",
      error: { code: "invalid_credentials", fields: ["password"] },
    })
    expect(client.getSnapshot().status).toBe("signedOut")
  })

  it("surfaces a rate limit during sign-in with its wait", async () => {
    const { client, clock, server } = setup()
    server.failNext("/login", { type: "status", status: 429, headers: { "retry-after": "30" } })
    const flow = await signIn(client, clock)
    expect(flow.getSnapshot()).toMatchObject({
      step: "start",
      error: { code: "rate_limited", retryAfterMs: 30_000 },
      retryAt: clock.now() + 30_000,
    })
  })

  it("times out a request that never answers, on the injected clock", async () => {
    const { client, clock, server } = setup()
    const flow = client.signIn()
    await clock.flush()
    server.hold("/login")
    const pending = flow.submit(alice)
    await clock.advance(15_000)
    expect((await pending).step).toBe("start")
    expect(flow.getSnapshot()).toMatchObject({ error: { code: "timeout" } })
  })

  it("fetches a fresh captcha after a refused answer", async () => {
    const { client, clock, server } = setup({ hasCaptcha: true })
    const flow = client.signIn()
    await clock.flush()
    const first = flow.getSnapshot()
    expect(first).toMatchObject({ step: "start", options: { captcha: { kind: "image" } } })
    await flow.submit({ ...alice, captcha: { answer: "41" } })
    expect(flow.getSnapshot()).toMatchObject({ step: "start", error: { code: "captcha_invalid" } })
    expect(server.count("/captcha")).toBe(2)
    expect((await flow.submit({ ...alice, captcha: { answer: "42" } })).step).toBe("done")
  })

  describe("refresh", () => {
    it("refreshes before expiry, measured from when the sign-in request started", async () => {
      const { client, clock, server } = setup({ accessTtlMs: 60_000 })
      await signIn(client, clock)
      const first = client.getSnapshot().session
      await clock.advance(47_999)
      expect(server.count("/refresh")).toBe(0)
      await clock.advance(1)
      expect(server.count("/refresh")).toBe(1)
      expect(client.getSnapshot().session).not.toBe(first)
      expect(client.getSnapshot()).toMatchObject({ status: "signedIn", isRefreshing: false })
    })

    it("makes one refresh request for fifty concurrent calls that find the token expired", async () => {
      const { client, clock, server } = setup({ accessTtlMs: 60_000 })
      await signIn(client, clock)
      const held = server.hold("/refresh")
      await clock.advance(60_000)
      const calls = Array.from({ length: 50 }, () => client.fetch(`${base}/me`))
      await clock.flush()
      held.release()
      const responses = await Promise.all(calls)
      expect(responses.map((response) => response.status)).toEqual(Array(50).fill(200))
      expect(server.count("/refresh")).toBe(1)
      expect(server.count("/me")).toBe(50)
    })

    it("makes one refresh when fifty calls learn of the expiry from the server", async () => {
      const { client, clock, server } = setup({ accessTtlMs: 600_000 })
      await signIn(client, clock)
      // The server has ended the token early; the client only learns it from the answers.
      for (let call = 0; call < 50; call++) {
        server.failNext("/me", { type: "status", status: 401, body: { error: "expired" } })
      }
      const responses = await Promise.all(
        Array.from({ length: 50 }, () => client.fetch(`${base}/me`)),
      )
      expect(responses.map((response) => response.status)).toEqual(Array(50).fill(200))
      expect(server.count("/refresh")).toBe(1)
      expect(server.count("/me")).toBe(100)
    })

    it("signs out when the server says the session is gone", async () => {
      const { client, clock, server } = setup({ accessTtlMs: 60_000 })
      await signIn(client, clock)
      server.revokeAll()
      await expect(client.fetch(`${base}/me`)).rejects.toMatchObject({ code: "session_revoked" })
      expect(client.getSnapshot().status).toBe("signedOut")
      expect(server.count("/refresh")).toBe(0)
    })

    it("retries a request once after a refresh when the server says the token expired", async () => {
      const clock = createManualClock()
      const server = createFakeServer({ clock, accessTtlMs: 60_000 })
      const { client } = setup({ clock, server })
      await signIn(client, clock)
      server.failNext("/me", { type: "status", status: 401, body: { error: "expired" } })
      const response = await client.fetch(`${base}/me`)
      expect(response.status).toBe(200)
      expect(server.count("/refresh")).toBe(1)
      expect(server.count("/me")).toBe(2)
    })

    it("just retries when the token changed while the request was in flight", async () => {
      const { client, clock, server } = setup({ accessTtlMs: 60_000 })
      await signIn(client, clock)
      const held = server.hold("/me")
      server.failNext("/me", { type: "status", status: 401, body: { error: "expired" } })
      const call = client.fetch(`${base}/me`)
      await clock.flush()
      await client.refresh()
      held.release()
      expect((await call).status).toBe(200)
      expect(server.count("/refresh")).toBe(1)
    })

    it.each([
      ["succeeds", undefined],
      ["fails", { type: "network" } as const],
    ])(
      "ends signed out when a sign-out happens while a refresh is in flight that then %s",
      async (_, failure) => {
        const { client, clock, server } = setup({ accessTtlMs: 60_000 })
        await signIn(client, clock)
        const held = server.hold("/refresh")
        if (failure) server.failNext("/refresh", failure)
        const refreshing = client.refresh()
        await clock.flush()
        expect(client.getSnapshot().isRefreshing).toBe(true)
        await client.signOut()
        held.release()
        await refreshing
        await clock.advance(120_000)
        expect(client.getSnapshot()).toMatchObject({
          status: "signedOut",
          session: undefined,
          error: undefined,
        })
        expect(server.count("/refresh")).toBe(1)
      },
    )

    it("retries a refresh that failed on the network with capped backoff", async () => {
      const { client, clock, server } = setup({ accessTtlMs: 600_000 })
      await signIn(client, clock)
      for (let failure = 0; failure < 3; failure++) server.failNext("/refresh", { type: "network" })
      const refreshing = client.refresh()
      await clock.flush()
      expect(server.count("/refresh")).toBe(1)
      expect(client.getSnapshot()).toMatchObject({ isRefreshing: true, error: { code: "network" } })
      await clock.advance(999)
      expect(server.count("/refresh")).toBe(1)
      await clock.advance(1)
      expect(server.count("/refresh")).toBe(2)
      await clock.advance(2_000)
      expect(server.count("/refresh")).toBe(3)
      await clock.advance(4_000)
      expect(server.count("/refresh")).toBe(4)
      await refreshing
      expect(client.getSnapshot()).toMatchObject({
        status: "signedIn",
        isRefreshing: false,
        error: undefined,
      })
    })

    it("keeps the session and says why when the network stays down", async () => {
      const { client, clock, server } = setup({ accessTtlMs: 600_000 })
      await signIn(client, clock)
      for (let failure = 0; failure < 5; failure++) server.failNext("/refresh", { type: "network" })
      const refreshing = client.refresh()
      await clock.advance(1_000 + 2_000 + 4_000 + 8_000)
      await refreshing
      expect(server.count("/refresh")).toBe(5)
      expect(client.getSnapshot()).toMatchObject({ status: "signedIn", error: { code: "network" } })
    })

    it("waits for the server's Retry-After when a refresh is rate-limited", async () => {
      const { client, clock, server } = setup({ accessTtlMs: 600_000 })
      await signIn(client, clock)
      server.failNext("/refresh", { type: "status", status: 429, headers: { "retry-after": "7" } })
      const refreshing = client.refresh()
      await clock.advance(6_999)
      expect(server.count("/refresh")).toBe(1)
      expect(client.getSnapshot().status).toBe("signedIn")
      await clock.advance(1)
      await refreshing
      expect(server.count("/refresh")).toBe(2)
      expect(client.getSnapshot()).toMatchObject({ status: "signedIn", error: undefined })
    })

    it("asks to re-authenticate, keeping the user, when the refresh token is refused", async () => {
      const { client, clock, server } = setup({ accessTtlMs: 60_000 })
      await signIn(client, clock)
      server.revokeAll()
      await client.refresh()
      expect(client.getSnapshot()).toMatchObject({
        status: "reauthRequired",
        session: { user: { id: "alice" } },
        error: { code: "session_expired" },
      })
    })

    it("signs out when the vendor says the session is gone", async () => {
      const { client, clock, server } = setup({ accessTtlMs: 60_000 })
      await signIn(client, clock)
      server.failNext("/refresh", { type: "status", status: 401, body: { error: "revoked" } })
      await client.refresh()
      expect(client.getSnapshot()).toMatchObject({
        status: "signedOut",
        error: { code: "session_revoked" },
      })
    })

    it("moves a vendor without refresh to reauthRequired before expiry, without a failed call", async () => {
      const { client, clock, server } = setup({ accessTtlMs: 1_200_000, canRefresh: false })
      await signIn(client, clock)
      await clock.advance(1_140_000)
      expect(client.getSnapshot()).toMatchObject({
        status: "reauthRequired",
        session: { user: { id: "alice" } },
      })
      expect(server.count("/refresh")).toBe(0)
      await expect(client.fetch(`${base}/me`)).rejects.toMatchObject({ code: "session_expired" })
      expect(server.count("/me")).toBe(0)
    })

    it("re-authenticates the same user with only the password", async () => {
      const { client, clock } = setup({ accessTtlMs: 60_000, canRefresh: false })
      await signIn(client, clock)
      await clock.advance(60_000)
      expect(client.getSnapshot().status).toBe("reauthRequired")
      const flow = client.signIn()
      await clock.flush()
      expect(flow.getSnapshot()).toMatchObject({ step: "start", reauthUser: { id: "alice" } })
      await flow.submit(alice)
      expect(client.getSnapshot().status).toBe("signedIn")
    })

    it("re-checks expiry when the page wakes up, since timers do not run during sleep", async () => {
      const { client, clock, server, platform } = setup({ accessTtlMs: 60_000 })
      await signIn(client, clock)
      clock.jump(3_600_000)
      expect(server.count("/refresh")).toBe(0)
      platform.wake()
      await clock.flush()
      expect(server.count("/refresh")).toBe(1)
      expect(client.getSnapshot().status).toBe("signedIn")
    })
  })

  describe("storage", () => {
    it("restores a stored session on start", async () => {
      const storage = memoryStorage()
      const clock = createManualClock()
      const server = createFakeServer({ clock })
      const first = setup({ clock, server, storage })
      await signIn(first.client, clock)
      first.client.dispose()
      const second = setup({ clock, server, storage })
      expect(second.client.getSnapshot().status).toBe("initializing")
      expect((await second.client.ready()).status).toBe("signedIn")
      expect(second.client.getSnapshot().session?.user.id).toBe("alice")
      expect(server.count("/me")).toBe(1)
    })

    it("restores from a custom asynchronous storage, keeping clients of different names apart", async () => {
      const clock = createManualClock()
      const values = new Map<string, string>()
      // Answers only once everything else in flight has settled, as a slow remote store would.
      const later = async <T>(value: T) => {
        await clock.flush()
        return value
      }
      const remote: AuthStorage = {
        get: (key) => later(values.get(key) ?? null),
        set: async (key, value) => {
          values.set(await later(key), value)
        },
        remove: async (key) => {
          values.delete(await later(key))
        },
      }
      const server = createFakeServer({ clock })
      const work = createAuthClient({
        adapter: fakeAdapter(),
        platform: createTestPlatform({ fetch: server.fetch, clock }),
        storage: remote,
        name: "work",
      })
      await signIn(work, clock)
      expect([...values.keys()]).toEqual(["latchkey:work:fake:session"])
      const again = createAuthClient({
        adapter: fakeAdapter(),
        platform: createTestPlatform({ fetch: server.fetch, clock }),
        storage: remote,
        name: "work",
      })
      const other = createAuthClient({
        adapter: fakeAdapter(),
        platform: createTestPlatform({ fetch: server.fetch, clock }),
        storage: remote,
        name: "home",
      })
      expect((await again.ready()).session?.user.id).toBe("alice")
      expect((await other.ready()).status).toBe("signedOut")
    })

    it("discards a stored session that fails its schema", async () => {
      const storage = memoryStorage()
      await storage.set(
        "latchkey:default:fake:session",
        JSON.stringify({
          version: 1,
          vendor: "fake",
          session: { user: { id: "mallory" }, credentials: { token: 1 } },
        }),
      )
      const { client } = setup({ storage })
      expect((await client.ready()).status).toBe("signedOut")
      expect(await storage.get("latchkey:default:fake:session")).toBeNull()
    })

    it("signs a restored session out when the server says it is gone", async () => {
      const storage = memoryStorage()
      const clock = createManualClock()
      const server = createFakeServer({ clock })
      const first = setup({ clock, server, storage })
      await signIn(first.client, clock)
      first.client.dispose()
      server.revokeAll()
      const second = setup({ clock, server, storage })
      expect((await second.client.ready()).status).toBe("signedOut")
    })

    it("refreshes a restored session whose token expired while the page was closed", async () => {
      const storage = memoryStorage()
      const clock = createManualClock()
      const server = createFakeServer({ clock, accessTtlMs: 60_000 })
      const first = setup({ clock, server, storage })
      await signIn(first.client, clock)
      first.client.dispose()
      await clock.advance(3_600_000)
      const second = setup({ clock, server, storage })
      await second.client.ready()
      await second.client.refresh()
      expect(second.client.getSnapshot()).toMatchObject({ status: "signedIn", isRefreshing: false })
      expect(server.count("/refresh")).toBe(1)
    })

    it("still signs in and out when storage throws on every call", async () => {
      const { client, clock } = setup({ storage: throwingStorage() })
      expect((await client.ready()).status).toBe("signedOut")
      await signIn(client, clock)
      expect(client.getSnapshot().status).toBe("signedIn")
      await client.signOut()
      expect(client.getSnapshot().status).toBe("signedOut")
    })

    it("never stores the password", async () => {
      const values: string[] = []
      const storage = memoryStorage()
      const recording: AuthStorage = {
        ...storage,
        set(key, value) {
          values.push(value)
          return storage.set(key, value)
        },
      }
      const { client, clock } = setup({ storage: recording, secondFactor: "inline" })
      await signIn(client, clock, {
        identifier: "bob",
        password: "hunter2 hunter2",
        code: fakeSecondFactorCode,
      } as never)
      expect(client.getSnapshot().status).toBe("signedIn")
      expect(values.join()).not.toContain("hunter2")
      expect(values.join()).not.toContain(fakeSecondFactorCode)
    })
  })

  describe("sign-out", () => {
    it("clears the local session even when the server cannot be told, and says so", async () => {
      const { client, clock, server } = setup()
      await signIn(client, clock)
      server.failNext("/logout", { type: "network" })
      const result = await client.signOut()
      expect(result.error?.code).toBe("network")
      expect(client.getSnapshot().status).toBe("signedOut")
    })

    it("refuses to sign out everywhere where the vendor cannot, without signing out", async () => {
      const clock = createManualClock()
      const server = createFakeServer({ clock })
      const adapter = fakeAdapter()
      const client = createAuthClient({
        adapter: {
          ...adapter,
          capabilities: { ...adapter.capabilities, signOutEverywhere: false },
        },
        platform: createTestPlatform({ fetch: server.fetch, clock }),
      })
      await signIn(client, clock)
      const before = client.getSnapshot().session
      await expect(client.signOut({ everywhere: true })).rejects.toMatchObject({
        code: "unsupported",
      })
      expect(client.getSnapshot()).toMatchObject({ status: "signedIn", session: before })
      expect(server.count("/logout")).toBe(0)
      expect((await client.fetch(`${base}/me`)).status).toBe(200)
    })
  })

  describe("across tabs", () => {
    function twoTabs(options: Omit<SetupOptions, "shared" | "clock" | "server" | "storage"> = {}) {
      const clock = createManualClock()
      const server = createFakeServer({ clock, ...options })
      const storage = memoryStorage()
      const shared = { locks: createMemoryLocks(clock), broadcast: createMemoryBroadcast() }
      const a = setup({ ...options, clock, server, storage, shared })
      const b = setup({ ...options, clock, server, storage, shared })
      return { clock, server, a: a.client, b: b.client, shared }
    }

    it("shows a sign-in in one tab in the other", async () => {
      const { clock, a, b } = twoTabs()
      await Promise.all([a.ready(), b.ready()])
      await signIn(a, clock)
      await clock.flush()
      expect(b.getSnapshot()).toMatchObject({
        status: "signedIn",
        session: { user: { id: "alice" } },
      })
    })

    it("makes one refresh request between two tabs whose token expires", async () => {
      const { clock, server, a, b } = twoTabs({ accessTtlMs: 60_000 })
      await Promise.all([a.ready(), b.ready()])
      await signIn(a, clock)
      await clock.flush()
      // Both tabs' timers fall due at the same moment.
      await clock.advance(48_000)
      expect(server.count("/refresh")).toBe(1)
      expect(a.getSnapshot().session?.credentials).toEqual(b.getSnapshot().session?.credentials)
      await Promise.all([a.fetch(`${base}/me`), b.fetch(`${base}/me`)])
      expect(server.count("/refresh")).toBe(1)
    })

    it("makes one refresh when two tabs without a broadcast channel share storage", async () => {
      const clock = createManualClock()
      const server = createFakeServer({ clock, accessTtlMs: 60_000 })
      const storage = memoryStorage()
      const locks = createMemoryLocks(clock)
      const makeTab = () =>
        createAuthClient({
          adapter: fakeAdapter(),
          platform: createTestPlatform({ fetch: server.fetch, clock, locks }),
          storage,
          validateOnRestore: false,
        })
      const a = makeTab()
      await a.ready()
      await signIn(a, clock)
      const b = makeTab()
      await b.ready()
      await clock.advance(48_000)
      expect(server.count("/refresh")).toBe(1)
      expect(b.getSnapshot().session?.credentials).toEqual(a.getSnapshot().session?.credentials)
    })

    it("makes one refresh when tabs see each other's storage and messages late, as real browsers do", async () => {
      const clock = createManualClock()
      const server = createFakeServer({ clock, accessTtlMs: 60_000 })
      const locks = createMemoryLocks(clock)
      const broadcast = createMemoryBroadcast({ clock, latencyMs: 5 })
      // Each tab reads its own copy of storage; a write reaches the other tab's copy 50 ms later.
      const copies = [new Map<string, string>(), new Map<string, string>()]
      const laggingStorage = (own: Map<string, string>): AuthStorage => ({
        get: (key) => own.get(key) ?? null,
        set(key, value) {
          own.set(key, value)
          for (const other of copies)
            if (other !== own) clock.setTimeout(() => other.set(key, value), 50)
        },
        remove(key) {
          own.delete(key)
          for (const other of copies)
            if (other !== own) clock.setTimeout(() => other.delete(key), 50)
        },
      })
      const tab = (own: Map<string, string>) =>
        createAuthClient({
          adapter: fakeAdapter(),
          platform: createTestPlatform({ fetch: server.fetch, clock, locks, broadcast }),
          storage: laggingStorage(own),
        })
      const [mine, theirs] = copies
      if (!mine || !theirs) throw new Error("two tabs")
      const a = tab(mine)
      await a.ready()
      await signIn(a, clock)
      await clock.advance(100)
      const b = tab(theirs)
      expect((await b.ready()).status).toBe("signedIn")

      await clock.advance(48_000)
      await clock.advance(2_000)
      expect(server.count("/refresh")).toBe(1)
      expect(b.getSnapshot().session?.credentials).toEqual(a.getSnapshot().session?.credentials)
    })

    it("signs the other tab out", async () => {
      const { clock, a, b } = twoTabs()
      await Promise.all([a.ready(), b.ready()])
      await signIn(a, clock)
      await clock.flush()
      await b.signOut()
      await clock.flush()
      expect(a.getSnapshot().status).toBe("signedOut")
    })

    it("lets a sign-out win over a sign-in announced from another tab just before it", async () => {
      const clock = createManualClock()
      const server = createFakeServer({ clock })
      const storage = memoryStorage()
      const shared = {
        locks: createMemoryLocks(clock),
        broadcast: createMemoryBroadcast({ clock, latencyMs: 50 }),
      }
      const a = setup({ clock, server, storage, shared }).client
      const b = setup({ clock, server, storage, shared }).client
      await Promise.all([a.ready(), b.ready()])
      await signIn(a, clock)
      // B signs out before A's news arrives: the two messages cross on the way.
      await b.signOut()
      await clock.advance(100)
      expect(a.getSnapshot().status).toBe("signedOut")
      expect(b.getSnapshot().status).toBe("signedOut")
      expect(storage.get("latchkey:default:fake:session")).toBeNull()

      // A sign-in begun after the sign-out is news to every tab.
      await signIn(b, clock)
      await clock.advance(100)
      expect(a.getSnapshot().status).toBe("signedIn")
    })

    it("works in one tab where the browser has neither locks nor channels", async () => {
      const { client, clock, server } = setup({ accessTtlMs: 60_000 })
      await signIn(client, clock)
      await clock.advance(48_000)
      expect(server.count("/refresh")).toBe(1)
    })
  })

  describe("dispose", () => {
    it("leaves no timer scheduled and no listener subscribed", async () => {
      const clock = createManualClock()
      const broadcast = createMemoryBroadcast()
      const server = createFakeServer({ clock, accessTtlMs: 60_000 })
      const platform = createTestPlatform({
        fetch: server.fetch,
        clock,
        broadcast,
        locks: createMemoryLocks(clock),
      })
      const client = createAuthClient({ adapter: fakeAdapter(), platform })
      await signIn(client, clock)
      server.failNext("/refresh", { type: "network" })
      void client.refresh()
      await clock.flush()
      expect(clock.pendingTimers()).toBeGreaterThan(0)
      expect(platform.wakeListenerCount()).toBe(1)
      expect(broadcast.listenerCount()).toBe(1)
      client.dispose()
      expect(clock.pendingTimers()).toBe(0)
      expect(platform.wakeListenerCount()).toBe(0)
      expect(broadcast.listenerCount()).toBe(0)
    })

    it("stops waiting for another tab's refresh lock", async () => {
      const clock = createManualClock()
      const server = createFakeServer({ clock, accessTtlMs: 60_000 })
      const storage = memoryStorage()
      const shared = { locks: createMemoryLocks(clock), broadcast: createMemoryBroadcast() }
      const a = setup({ clock, server, storage, shared })
      const b = setup({ clock, server, storage, shared })
      await Promise.all([a.client.ready(), b.client.ready()])
      await signIn(a.client, clock)
      await clock.flush()
      // A's refresh holds the lock, its answer held up; B's refresh waits for the lock.
      const held = server.hold("/refresh")
      void a.client.refresh()
      await clock.flush()
      let isSettled = false
      void b.client.refresh().then(() => {
        isSettled = true
      })
      await clock.flush()
      b.client.dispose()
      await clock.flush()
      expect(isSettled).toBe(true)
      held.release()
      a.client.dispose()
      await clock.flush()
      expect(clock.pendingTimers()).toBe(0)
    })
  })
})
