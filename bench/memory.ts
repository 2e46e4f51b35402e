import { type BenchServer, benchClient, benchServer } from "./benchClient"
import { signInWithPassword } from "./flowRequests"
import { scenarioOf } from "./scenarios"

/** The heap before and after a long run, each after full garbage collection. */
export interface HeapGrowth {
  readonly run: string
  readonly repetitions: number
  readonly startBytes: number
  readonly endBytes: number
  /** Timers still scheduled on the clock afterwards: a disposed client must leave none. */
  readonly timersLeft: number
  readonly wallMs: number
}

/**
 * The heap in use after collecting everything collectable; `undefined` without `--expose-gc`. Passes are a turn of
 * the event loop apart, so that finalizers (which free what `fetch` and `AbortSignal.any` hold) run in between.
 */
async function collectedHeap(): Promise<number | undefined> {
  const gc: unknown = Reflect.get(globalThis, "gc")
  if (typeof gc !== "function") return undefined
  for (let pass = 0; pass < 4; pass++) {
    gc()
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return process.memoryUsage().heapUsed
}

/** Runs `repeat` `times` times after a warm-up, and measures the heap around it. */
async function heapAround(
  run: string,
  server: BenchServer,
  times: number,
  repeat: () => Promise<void>,
): Promise<HeapGrowth | undefined> {
  for (let warmUp = 0; warmUp < Math.min(200, times); warmUp++) await repeat()
  const startBytes = await collectedHeap()
  if (startBytes === undefined) return undefined
  const startedAt = performance.now()
  for (let time = 0; time < times; time++) await repeat()
  const wallMs = performance.now() - startedAt
  await server.clock.flush()
  const endBytes = (await collectedHeap()) ?? startBytes
  return {
    run,
    repetitions: times,
    startBytes,
    endBytes,
    timersLeft: server.clock.pendingTimers(),
    wallMs,
  }
}

/**
 * Heap growth over `cycles` Matrix sign-in and sign-out cycles on one client: a leak in the engine shows as growth
 * proportional to the cycles. `undefined` when the process runs without `--expose-gc`.
 */
export function signInCyclesHeap(cycles: number): Promise<HeapGrowth | undefined> {
  const scenario = scenarioOf("matrix")
  const server = benchServer(scenario)
  const { client } = benchClient(server)
  return heapAround("sign in and out on one client", server, cycles, async () => {
    await signInWithPassword(client, scenario.password)
    await client.signOut()
  })
}

/**
 * Heap growth over `clients` Matrix clients, each created, signed in (so it has a renewal timer and listeners) and
 * disposed; the bench then ends the session at the emulator itself, so only the clients could grow the heap.
 */
export function clientLifecyclesHeap(clients: number): Promise<HeapGrowth | undefined> {
  const scenario = scenarioOf("matrix")
  const server = benchServer(scenario)
  return heapAround("create, sign in, dispose a client", server, clients, async () => {
    const { client } = benchClient(server)
    await client.ready()
    await signInWithPassword(client, scenario.password)
    const session = client.getSnapshot().session
    client.dispose()
    const credentials: unknown = session?.credentials
    const token =
      typeof credentials === "object" && credentials !== null && "accessToken" in credentials
        ? String(credentials.accessToken)
        : ""
    await server.emulator.handle(
      new Request("https://matrix.test/_matrix/client/v3/logout", {
        method: "POST",
        headers: { Authorization: `Bearer ${token}` },
      }),
    )
  })
}
