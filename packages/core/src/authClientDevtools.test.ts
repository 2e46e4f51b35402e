import { describe, expect, it } from "vitest"
import { createAuthClient } from "./authClient"
import { AuthError } from "./authError"
import type { AuthEvent } from "./inspect"
import {
  createFakeServer,
  createManualClock,
  createMemoryBroadcast,
  createMemoryLocks,
  createTestPlatform,
  fakeAdapter,
  fakeSecondFactorCode,
  type ManualClock,
  memoryStorage,
} from "./testing"

const alice = { identifier: "alice", password: "correct horse battery staple" }
const bob = { identifier: "bob", password: "hunter2 hunter2" }
const base = "https://fake.test"

function setup(
  options: {
    accessTtlMs?: number | null
    canRefresh?: boolean
    renewalLeadMs?: number
    clock?: ManualClock
    server?: ReturnType<typeof createFakeServer>
    shared?: {
      locks: ReturnType<typeof createMemoryLocks>
      broadcast: ReturnType<typeof createMemoryBroadcast>
      storage: ReturnType<typeof memoryStorage>
    }
  } = {},
) {
  const clock = options.clock ?? createManualClock()
  const server =
    options.server ??
    createFakeServer({ clock, accessTtlMs: options.accessTtlMs, canRefresh: options.canRefresh })
  const platform = createTestPlatform({
    fetch: server.fetch,
    clock,
    locks: options.shared?.locks,
    broadcast: options.shared?.broadcast,
  })
  const client = createAuthClient({
    adapter: fakeAdapter({ canRefresh: options.canRefresh }),
    platform,
    storage: options.shared?.storage,
    renewalLeadMs: options.renewalLeadMs,
  })
  const signIn = async (input = alice) => {
    const flow = client.signIn()
    await clock.flush()
    await flow.submit(input)
    await clock.flush()
    return flow
  }
  return { clock, server, client, signIn }
}

describe("client.devtools", () => {
  it("streams what the inspect option receives to a panel that subscribed later, until it unsubscribes", async () => {
    const clock = createManualClock()
    const server = createFakeServer({ clock })
    const fromOption: AuthEvent[] = []
    const client = createAuthClient({
      adapter: fakeAdapter(),
      platform: createTestPlatform({ fetch: server.fetch, clock }),
      inspect: (event) => fromOption.push(event),
    })
    await client.ready()
    const seen: AuthEvent[] = []
    const stop = client.devtools.subscribe((event) => seen.push(event))
    const flow = client.signIn()
    await clock.flush()
    await flow.submit(alice)
    expect(seen.length).toBeGreaterThan(0)
    expect(seen).toEqual(fromOption.slice(fromOption.length - seen.length))
    expect(seen.map((event) => event.type)).toEqual(
      expect.arrayContaining(["request", "flow", "state"]),
    )

    stop()
    const before = seen.length
    await client.signOut()
    expect(seen).toHaveLength(before)
    expect(fromOption.length).toBeGreaterThan(before)
  })

  it("reports each step of a sign-in flow with the error of its last command", async () => {
    const { client, clock } = setup()
    await client.ready()
    const steps: Extract<AuthEvent, { type: "flow" }>[] = []
    client.devtools.subscribe((event) => {
      if (event.type === "flow") steps.push(event)
    })
    expect(client.devtools.flowStep()).toBeUndefined()
    const flow = client.signIn()
    await clock.flush()
    expect(client.devtools.flowStep()).toBe("start")
    await flow.submit({ identifier: "bob", password: "wrong" })
    expect(steps.at(-1)).toMatchObject({
      step: "start",
      error: expect.objectContaining({ code: "invalid_credentials" }),
    })
    await flow.submit(bob)
    expect(client.devtools.flowStep()).toBe("secondFactor")
    await flow.submitCode(fakeSecondFactorCode)
    // `secondFactor` twice: submitting the code is a change within the step.
    expect(steps.map((event) => event.step)).toEqual([
      "discovering",
      "start",
      "submitting",
      "start",
      "submitting",
      "secondFactor",
      "secondFactor",
      "done",
    ])
    // A finished flow is let go of: no step is running any more.
    expect(client.devtools.flowStep()).toBeUndefined()
  })

  it("says when this tab renews: the client's own lead, or expiry in a follower tab", async () => {
    const clock = createManualClock()
    const server = createFakeServer({ clock, accessTtlMs: 600_000 })
    const shared = {
      locks: createMemoryLocks(clock),
      broadcast: createMemoryBroadcast(),
      storage: memoryStorage(),
    }
    const leader = setup({ clock, server, shared, renewalLeadMs: 30_000 })
    const follower = setup({ clock, server, shared, renewalLeadMs: 30_000 })
    await Promise.all([leader.client.ready(), follower.client.ready()])
    expect(leader.client.devtools.renewsAt()).toBeUndefined()
    await leader.signIn()
    await clock.flush()
    const expiresAt = leader.client.getSnapshot().session?.expiresAt ?? 0
    expect(leader.client.devtools.isLeader()).toBe(true)
    expect(follower.client.devtools.isLeader()).toBe(false)
    expect(leader.client.devtools.renewsAt()).toBe(expiresAt - 30_000)
    expect(follower.client.devtools.renewsAt()).toBe(expiresAt)

    // The leading tab closes: the next one takes over, and renews ahead of expiry from then on.
    leader.client.dispose()
    await clock.flush()
    expect(follower.client.devtools.isLeader()).toBe(true)
    expect(follower.client.devtools.renewsAt()).toBe(expiresAt - 30_000)
  })

  it("never plans a renewal for a session that does not expire", async () => {
    const { client, signIn } = setup({ accessTtlMs: null })
    await signIn()
    expect(client.devtools.renewsAt()).toBe(Number.POSITIVE_INFINITY)
  })

  it("expires the access token here only, and the client renews it at once", async () => {
    const clock = createManualClock()
    const server = createFakeServer({ clock, accessTtlMs: 600_000 })
    const shared = {
      locks: createMemoryLocks(clock),
      broadcast: createMemoryBroadcast(),
      storage: memoryStorage(),
    }
    const tab = setup({ clock, server, shared })
    const other = setup({ clock, server, shared })
    await tab.signIn()
    await clock.flush()
    const before = tab.client.getSnapshot().session
    const otherBefore = other.client.getSnapshot().session
    await clock.advance(1_000)

    tab.client.devtools.expire()
    expect(tab.client.getSnapshot().session?.expiresAt).toBe(clock.now())
    // Not announced: the other tab still holds the credentials it had.
    expect(other.client.getSnapshot().session).toBe(otherBefore)
    await clock.advance(0)
    expect(server.count("/refresh")).toBe(1)
    expect(tab.client.getSnapshot()).toMatchObject({ status: "signedIn", isRefreshing: false })
    expect(tab.client.getSnapshot().session?.expiresAt).toBeGreaterThan(before?.expiresAt ?? 0)
    expect((await tab.client.fetch(`${base}/me`)).status).toBe(200)
  })

  it("asks for the password again when a session without refresh is expired", async () => {
    const { client, clock, signIn, server } = setup({ canRefresh: false })
    await signIn()
    client.devtools.expire()
    await clock.advance(0)
    expect(client.getSnapshot()).toMatchObject({
      status: "reauthRequired",
      session: { user: { id: "alice" } },
    })
    expect(server.count("/refresh")).toBe(0)
  })

  it("fails every request as the network would while offline, and catches up when back online", async () => {
    const { client, clock, signIn, server } = setup({ accessTtlMs: 60_000 })
    await signIn()
    const requests: Extract<AuthEvent, { type: "request" }>[] = []
    client.devtools.subscribe((event) => {
      if (event.type === "request") requests.push(event)
    })
    client.devtools.setOffline(true)
    const served = server.requests.length
    await expect(client.fetch(`${base}/me`)).rejects.toEqual(
      new AuthError("network", { vendor: "fake" }),
    )
    expect(requests.at(-1)).toMatchObject({
      method: "GET",
      status: undefined,
      error: expect.objectContaining({ code: "network" }),
    })
    // The renewal falls due while offline (48 s): every try fails, the session stays.
    await clock.advance(70_000)
    expect(server.requests.length).toBe(served)
    expect(client.getSnapshot()).toMatchObject({
      status: "signedIn",
      isRefreshing: false,
      error: expect.objectContaining({ code: "network" }),
    })

    // Back online renews at once, as a browser's "online" event would, not at the next planned retry.
    client.devtools.setOffline(false)
    await clock.flush()
    expect(server.count("/refresh")).toBe(1)
    expect(client.getSnapshot()).toMatchObject({ status: "signedIn", error: undefined })
  })
})
