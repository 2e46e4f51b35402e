import { type AuthClient, createAuthClient } from "@latchkey/core"
import {
  createFakeServer,
  createManualClock,
  createMemoryBroadcast,
  createMemoryLocks,
  createTestPlatform,
  type FakeCredentials,
  type FakeServerOptions,
  fakeAdapter,
  type ManualClock,
  memoryStorage,
} from "@latchkey/core/testing"
import { act } from "@testing-library/react"

export const alice = { identifier: "alice", password: "correct horse battery staple" }

export interface FakeClientOptions extends Omit<FakeServerOptions, "clock"> {
  clock?: ManualClock
  server?: ReturnType<typeof createFakeServer>
  /** Shared by two clients standing for two tabs of one app. */
  tabs?: {
    locks: ReturnType<typeof createMemoryLocks>
    broadcast: ReturnType<typeof createMemoryBroadcast>
    storage: ReturnType<typeof memoryStorage>
  }
  name?: string
}

/** A client of the core's fake vendor on a manual clock, and ways to drive it inside React's `act`. */
export function fakeClient(options: FakeClientOptions = {}) {
  const clock = options.clock ?? createManualClock()
  const server = options.server ?? createFakeServer({ clock, ...options })
  const platform = createTestPlatform({
    fetch: server.fetch,
    clock,
    locks: options.tabs?.locks,
    broadcast: options.tabs?.broadcast,
  })
  const client: AuthClient<FakeCredentials> = createAuthClient({
    adapter: fakeAdapter({ canRefresh: options.canRefresh, secondFactor: options.secondFactor }),
    platform,
    storage: options.tabs?.storage,
    name: options.name,
  })
  /** Lets everything pending settle, timers due now included. */
  const settle = () => act(() => clock.advance(0))
  const advance = (ms: number) => act(() => clock.advance(ms))
  const signIn = async (input: { identifier: string; password: string } = alice) => {
    const flow = client.signIn()
    await settle()
    await act(async () => {
      await flow.submit(input)
    })
    await settle()
    return flow
  }
  return { clock, server, platform, client, settle, advance, signIn }
}

/** Two tabs of one app: clients sharing locks, channels, storage and the server. */
export function twoTabs(options: Omit<FakeClientOptions, "clock" | "server" | "tabs"> = {}) {
  const clock = createManualClock()
  const server = createFakeServer({ clock, ...options })
  const tabs = {
    locks: createMemoryLocks(clock),
    broadcast: createMemoryBroadcast(),
    storage: memoryStorage(),
  }
  return {
    clock,
    server,
    first: fakeClient({ ...options, clock, server, tabs }),
    second: fakeClient({ ...options, clock, server, tabs }),
  }
}
