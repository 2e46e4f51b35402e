import { createMemoryBroadcast, createMemoryLocks, memoryStorage } from "@latchkey/core/testing"
import { type BenchClient, benchClient, benchServer } from "./benchClient"
import { signInWithPassword } from "./flowRequests"
import type { VendorScenario } from "./scenarios"

/** What a burst of calls on an expired token cost. */
export interface FanInResult {
  readonly vendor: string
  readonly tabs: number
  readonly calls: number
  /** Refresh requests the server saw; `undefined` for a vendor without refresh. */
  readonly refreshRequests: number | undefined
  /** Every request the server saw during the burst, refreshes included. */
  readonly requests: number
  readonly answered200: number
  /** From the first call to the last answer, with a zero-latency emulator. */
  readonly wallMs: number
}

/** Access tokens live ten minutes; the burst comes an hour later, refresh tokens still good. */
const accessTokenTtlMs = 600_000
const later = 3_600_000

/**
 * Fires `calls` authenticated calls at once, spread over `tabs` clients (tabs share locks, broadcast and storage),
 * after the access token expired without any timer firing, as after a laptop's sleep; counts what reached the server.
 * @example
 * const { refreshRequests } = await fanIn(scenarioOf("matrix"), { calls: 1000 })
 */
export async function fanIn(
  scenario: VendorScenario,
  { calls, tabs = 1 }: { readonly calls: number; readonly tabs?: number },
): Promise<FanInResult> {
  const server = benchServer(scenario, { accessTokenTtlMs })
  const shared =
    tabs > 1
      ? {
          locks: createMemoryLocks(server.clock),
          broadcast: createMemoryBroadcast(),
          storage: memoryStorage(),
        }
      : {}
  const first = benchClient(server, shared)
  await first.client.ready()
  await signInWithPassword(first.client, scenario.password)
  const clients: BenchClient[] = [first]
  for (let tab = 1; tab < tabs; tab++) {
    const other = benchClient(server, shared)
    await other.client.ready()
    if (other.client.getSnapshot().status !== "signedIn") throw new Error("A tab did not restore")
    clients.push(other)
  }
  server.clock.jump(later)

  const requestsBefore = server.door.count()
  const refreshesBefore = scenario.refreshPath ? server.door.count(scenario.refreshPath) : 0
  const startedAt = performance.now()
  const answers = await Promise.allSettled(
    Array.from({ length: calls }, (_, call) =>
      clients[call % clients.length]?.client.fetch(scenario.dataCall),
    ),
  )
  const wallMs = performance.now() - startedAt
  for (const { client } of clients) client.dispose()
  return {
    vendor: scenario.vendor,
    tabs,
    calls,
    refreshRequests: scenario.refreshPath
      ? server.door.count(scenario.refreshPath) - refreshesBefore
      : undefined,
    requests: server.door.count() - requestsBefore,
    answered200: answers.filter(
      (answer) => answer.status === "fulfilled" && answer.value?.status === 200,
    ).length,
    wallMs,
  }
}
