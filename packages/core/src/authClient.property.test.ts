import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { type AuthClient, createAuthClient } from "./authClient"
import { isAuthError } from "./authError"
import type { AuthStorage } from "./platform/platform"
import { createDrivingClock, type DrivingClock } from "./reliability/drivingClock"
import { propertyRuns, propertyTimeout } from "./reliability/propertyRuns"
import type { SignInFlowSnapshot } from "./signInFlowMachine"
import { memoryStorage } from "./storage/memoryStorage"
import {
  createFakeServer,
  createFaultyFetch,
  createMemoryBroadcast,
  createMemoryLocks,
  createTestPlatform,
  type FakeCredentials,
  fakeAdapter,
  fakePeople,
  type TestPlatform,
} from "./testing"

const [alice] = fakePeople
const tabs = [0, 1] as const
type Tab = (typeof tabs)[number]

/** What one step of a random run does. */
type Action =
  | { readonly type: "signIn"; readonly tab: Tab }
  | { readonly type: "signOut"; readonly tab: Tab }
  | { readonly type: "refresh"; readonly tab: Tab }
  | { readonly type: "call"; readonly tab: Tab }
  | { readonly type: "storage"; readonly isBroken: boolean }
  | { readonly type: "message"; readonly payload: unknown }
  | { readonly type: "advance"; readonly ms: number }
  | { readonly type: "sleep"; readonly ms: number }
  | { readonly type: "networkFailure" }
  | { readonly type: "revoke" }

const tabArb = fc.constantFrom<Tab>(...tabs)
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: tabArb.map((tab) => ({ type: "signIn" as const, tab })) },
  { weight: 2, arbitrary: tabArb.map((tab) => ({ type: "signOut" as const, tab })) },
  { weight: 3, arbitrary: tabArb.map((tab) => ({ type: "refresh" as const, tab })) },
  { weight: 3, arbitrary: tabArb.map((tab) => ({ type: "call" as const, tab })) },
  fc.boolean().map((isBroken) => ({ type: "storage" as const, isBroken })),
  fc
    .constantFrom<unknown>(
      null,
      42,
      "signedOut",
      { type: "nope" },
      { type: "session" },
      { type: "session", value: { version: 1, vendor: "fake", session: { user: {} } } },
      { type: "reauth", value: 5 },
      { type: "session", value: { version: 2 } },
    )
    .map((payload) => ({ type: "message" as const, payload })),
  { weight: 4, arbitrary: fc.nat(5_000).map((ms) => ({ type: "advance" as const, ms })) },
  // A laptop asleep: minutes to hours pass without a timer running, then the page wakes up.
  fc.integer({ min: 60_000, max: 6 * 3_600_000 }).map((ms) => ({ type: "sleep" as const, ms })),
  fc.constant({ type: "networkFailure" as const }),
  fc.constant({ type: "revoke" as const }),
)

/** A shared storage (one origin's `localStorage`) that can start failing, as in private mode or over quota. */
function breakableStorage(): AuthStorage & { isBroken: boolean } {
  const inner = memoryStorage()
  const storage = {
    isBroken: false,
    get: (key: string) => {
      if (storage.isBroken) throw new DOMException("quota", "QuotaExceededError")
      return inner.get(key)
    },
    set: (key: string, value: string) => {
      if (storage.isBroken) throw new DOMException("quota", "QuotaExceededError")
      return inner.set(key, value)
    },
    remove: (key: string) => {
      if (storage.isBroken) throw new DOMException("quota", "QuotaExceededError")
      return inner.remove(key)
    },
  }
  return storage
}

interface World {
  readonly clock: DrivingClock
  readonly clients: readonly AuthClient<FakeCredentials>[]
  readonly platforms: readonly TestPlatform[]
  readonly violations: string[]
  /** The sign-in each access token descends from (itself for a sign-in, its ancestor's for a refresh). */
  readonly rootOf: Map<string, string>
  /** Sign-ins some tab had when a sign-out was asked for: none of them may come back. */
  readonly ended: Set<string>
  /** Sign-ins some tab has shown so far. */
  readonly shown: Set<string>
  maxRefreshesInFlight: number
  readonly maxPerTab: number[]
}

/** Two tabs of one app against the fake vendor, sharing storage, locks and a channel, 300 ms from the server. */
function createWorld(): World & {
  inject(): void
  revoke(): void
  storage: { isBroken: boolean }
  post(message: unknown): void
} {
  const clock = createDrivingClock()
  const server = createFakeServer({ clock, secondFactor: "none", accessTtlMs: 60_000 })
  const rootOf = new Map<string, string>()
  let refreshesInFlight = 0
  const world: World = {
    clock,
    clients: [],
    platforms: [],
    violations: [],
    rootOf,
    ended: new Set(),
    shown: new Set(),
    maxRefreshesInFlight: 0,
    maxPerTab: [0, 0],
  }
  // The server answers after a latency on the clock, and knows which sign-in each token descends from.
  const slowServer = (request: Request) =>
    new Promise<Response>((resolve, reject) => {
      const path = new URL(request.url).pathname
      const isRefresh = path === "/refresh"
      if (isRefresh)
        world.maxRefreshesInFlight = Math.max(world.maxRefreshesInFlight, ++refreshesInFlight)
      const done = () => {
        if (isRefresh) refreshesInFlight--
        request.signal.removeEventListener("abort", onAbort)
      }
      const onAbort = () => {
        clock.clearTimeout(timer)
        done()
        reject(request.signal.reason)
      }
      const timer = clock.setTimeout(async () => {
        done()
        const sent = await request.clone().text()
        const response = await server.fetch(request)
        const body: unknown = JSON.parse((await response.clone().text()) || "null")
        if (typeof body === "object" && body !== null && "accessToken" in body) {
          const issued = String(body.accessToken)
          const used = /"refreshToken":"refresh-(\d+)"/.exec(sent)?.[1]
          rootOf.set(issued, used ? (rootOf.get(`access-${used}`) ?? issued) : issued)
        }
        resolve(response)
      }, 300)
      request.signal.addEventListener("abort", onAbort, { once: true })
    })
  const faulty = createFaultyFetch(slowServer)
  const storage = breakableStorage()
  const locks = createMemoryLocks(clock)
  const broadcast = createMemoryBroadcast({ clock, latencyMs: 50 })
  const stranger = broadcast.open("latchkey:default:fake")
  for (const tab of tabs) {
    let refreshing = 0
    const platform = createTestPlatform({
      clock,
      locks,
      broadcast,
      seed: tab + 1,
      async fetch(request) {
        const isRefresh = new URL(request.url).pathname === "/refresh"
        if (isRefresh) world.maxPerTab[tab] = Math.max(world.maxPerTab[tab] ?? 0, ++refreshing)
        try {
          return await faulty.fetch(request)
        } finally {
          if (isRefresh) refreshing--
        }
      },
    })
    const client = createAuthClient({ adapter: fakeAdapter(), platform, storage })
    client.subscribe(() => {
      const snapshot = client.getSnapshot()
      if (snapshot.status === "signedIn" && !snapshot.session.credentials.accessToken)
        world.violations.push(`tab ${tab} signed in without credentials`)
      const token = snapshot.session?.credentials.accessToken
      const root = token === undefined ? undefined : rootOf.get(token)
      if (snapshot.status === "signedIn" && root !== undefined) world.shown.add(root)
    })
    ;(world.clients as AuthClient<FakeCredentials>[]).push(client)
    ;(world.platforms as TestPlatform[]).push(platform)
  }
  return {
    ...world,
    get maxRefreshesInFlight() {
      return world.maxRefreshesInFlight
    },
    storage,
    inject: () => faulty.inject({ type: "connectionFailure" }, { times: 1 }),
    revoke: () => server.revokeAll(),
    post: (message) => stranger.postMessage(message),
  }
}

function untilDiscovered(flow: ReturnType<AuthClient["signIn"]>): Promise<SignInFlowSnapshot> {
  return new Promise((resolve) => {
    const check = () => {
      if (flow.getSnapshot().step === "discovering") return
      stop()
      resolve(flow.getSnapshot())
    }
    const stop = flow.subscribe(check)
    check()
  })
}

/** Whether a tab shows a session that descends from a sign-in a sign-out ended. */
function resurrected(world: World, client: AuthClient<FakeCredentials>): string | undefined {
  const snapshot = client.getSnapshot()
  if (snapshot.status !== "signedIn") return undefined
  const root = world.rootOf.get(snapshot.session.credentials.accessToken)
  return root !== undefined && world.ended.has(root) ? root : undefined
}

async function run(actions: readonly Action[]) {
  const world = createWorld()
  const { clock, clients } = world
  const operations: Promise<unknown>[] = []
  const started = (work: Promise<unknown>) => {
    operations.push(
      work.catch((error: unknown) => {
        // Every failure is typed.
        if (!isAuthError(error)) world.violations.push(`untyped failure: ${String(error)}`)
      }),
    )
  }
  await clock.flush()
  for (const action of actions) {
    switch (action.type) {
      case "signIn": {
        const client = clients[action.tab]
        if (!client) break
        const flow = client.signIn()
        started(
          untilDiscovered(flow).then((snapshot) =>
            snapshot.step === "start"
              ? flow.submit({ identifier: alice.id, password: alice.password })
              : snapshot,
          ),
        )
        break
      }
      case "signOut": {
        const client = clients[action.tab]
        if (!client) break
        // Sign-out wins: every sign-in any tab has shown so far is over, whatever is in flight.
        for (const root of world.shown) world.ended.add(root)
        const tab = action.tab
        started(
          client.signOut().then(() => {
            const root = resurrected(world, client)
            if (root)
              world.violations.push(`tab ${tab} is signed in again as ${root} after signing out`)
          }),
        )
        break
      }
      case "refresh":
        started(clients[action.tab]?.refresh() ?? Promise.resolve())
        break
      case "call":
        started(clients[action.tab]?.fetch("https://fake.test/me") ?? Promise.resolve())
        break
      case "storage":
        world.storage.isBroken = action.isBroken
        break
      case "message":
        world.post(action.payload)
        break
      case "advance":
        await clock.advance(action.ms)
        break
      case "sleep":
        clock.jump(action.ms)
        for (const platform of world.platforms) platform.wake()
        break
      case "networkFailure":
        world.inject()
        break
      case "revoke":
        world.revoke()
        break
      default:
        action satisfies never
    }
    await clock.flush()
  }
  // Every operation settles: let time run, timer by timer, for up to an hour.
  let settled = false
  void Promise.all(operations).then(() => {
    settled = true
  })
  const deadline = clock.now() + 3_600_000
  for (;;) {
    await clock.flush()
    const next = clock.nextDueAt()
    if (settled || next === undefined || next > deadline) break
    await clock.advance(Math.max(0, next - clock.now()))
  }
  expect(settled, "every operation settles").toBe(true)
  // Once every message has arrived, no tab shows a session a sign-out ended.
  await clock.advance(1_000)
  for (const [tab, client] of clients.entries()) {
    const root = resurrected(world, client)
    if (root) world.violations.push(`tab ${tab} ends signed in as ${root}, which a sign-out ended`)
  }
  expect(world.violations).toEqual([])
  expect(Math.max(...world.maxPerTab), "refreshes in flight in one tab").toBeLessThanOrEqual(1)
  expect(world.maxRefreshesInFlight, "refreshes in flight across tabs").toBeLessThanOrEqual(1)
  for (const client of clients) client.dispose()
  // Messages already on their way arrive at closed ports; nothing of the clients may still be waiting.
  await clock.advance(100)
  expect(clock.pendingTimers(), "timers left after dispose").toBe(0)
}

describe("two tabs of a client, under random interleavings", () => {
  it(
    "never show a session without credentials or one a sign-out ended, refresh one at a time, and settle every operation",
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(actionArb, { minLength: 1, maxLength: 25 }), run),
        propertyRuns(2_000),
      )
    },
    propertyTimeout(60_000),
  )
})
