import type { AuthAdapter } from "../adapter"
import { type AuthClient, createAuthClient } from "../authClient"
import type { AuthEvent } from "../inspect"
import type { AuthStorage, Broadcast } from "../platform/platform"
import { createFaultyFetch, type FaultyFetch } from "../testing/faultyFetch"
import { createMemoryBroadcast, type MemoryBroadcast } from "../testing/memoryBroadcast"
import { createMemoryLocks } from "../testing/memoryLocks"
import { createTestPlatform, type TestPlatform } from "../testing/testPlatform"
import { createDrivingClock, type DrivingClock, type Settled, settleWithin } from "./drivingClock"
import { createSecretLedger, type SecretLedger } from "./secretLedger"

/** A storage that keeps every value it was ever given, to search them all. */
export interface RecordingStorage extends AuthStorage {
  readonly written: string[]
  readonly values: Map<string, string>
}

export function recordingStorage(): RecordingStorage {
  const values = new Map<string, string>()
  const written: string[] = []
  return {
    values,
    written,
    get: (key) => values.get(key) ?? null,
    set(key, value) {
      written.push(value)
      values.set(key, value)
    },
    remove(key) {
      values.delete(key)
    },
  }
}

/** Cross-tab channels that keep every message posted. */
function recordingBroadcast(inner: MemoryBroadcast): Broadcast & {
  readonly posted: unknown[]
  listenerCount(): number
} {
  const posted: unknown[] = []
  return {
    posted,
    listenerCount: () => inner.listenerCount(),
    open(name) {
      const port = inner.open(name)
      return {
        ...port,
        postMessage(message) {
          posted.push(message)
          port.postMessage(message)
        },
      }
    },
  }
}

/** One client of one vendor, its server behind a fault injector, and a record of everything it produced. */
export interface Rig<Credentials> {
  readonly client: AuthClient<Credentials>
  readonly adapter: AuthAdapter<Credentials>
  readonly platform: TestPlatform
  readonly clock: DrivingClock
  readonly faulty: FaultyFetch
  readonly ledger: SecretLedger
  readonly storage: RecordingStorage
  readonly tabStorage: RecordingStorage
  readonly broadcast: { readonly posted: unknown[]; listenerCount(): number }
  readonly events: AuthEvent[]
  /** Every client snapshot, in order. */
  readonly snapshots: unknown[]
  /** What else the test saw come out of the client: flow snapshots, results, errors. */
  readonly produced: unknown[]
  /** Drives `work` on the rig's clock until it settles or `boundMs` of clock time pass. */
  settle<T>(work: Promise<T>, boundMs?: number): Promise<Settled<T>>
}

export interface RigOptions<Credentials> {
  readonly adapter: AuthAdapter<Credentials>
  /** The vendor's server (an emulator), on the rig's clock. */
  readonly server: (clock: DrivingClock) => (request: Request) => Promise<Response>
  /** The page the app runs on. */
  readonly url: string
  readonly ledger?: Parameters<typeof createSecretLedger>[0]
  readonly timeoutMs?: number
}

/** WebCrypto that counts operations in flight: they finish on another thread, where no flush reaches. */
function countingSubtle(subtle: SubtleCrypto | undefined): {
  subtle: SubtleCrypto | undefined
  busy(): number
} {
  let working = 0
  if (!subtle) return { subtle, busy: () => 0 }
  const counted = new Proxy(subtle, {
    get(target, key) {
      const member: unknown = Reflect.get(target, key)
      if (typeof member !== "function") return member
      return (...args: unknown[]) => {
        working++
        const result: Promise<unknown> = Reflect.apply(member, target, args)
        return result.finally(() => {
          working--
        })
      }
    },
  })
  return { subtle: counted, busy: () => working }
}

let seed = 1

/**
 * Builds a rig: a driving clock, the vendor's server behind a secret-harvesting layer and a fault injector, a
 * test platform with recording storage, locks and a channel (as in a browser), and one client.
 */
export function createRig<Credentials>(options: RigOptions<Credentials>): Rig<Credentials> {
  const clock = createDrivingClock()
  const ledger = createSecretLedger(options.ledger)
  const server = options.server(clock)
  const faulty = createFaultyFetch(
    async (request) => {
      await ledger.harvestRequest(request)
      const response = await server(request)
      await ledger.harvestResponse(response)
      return response
    },
    { now: () => clock.now() },
  )
  const storage = recordingStorage()
  const tabStorage = recordingStorage()
  const broadcast = recordingBroadcast(createMemoryBroadcast())
  const crypto = countingSubtle(globalThis.crypto?.subtle)
  const platform = createTestPlatform({
    fetch: faulty.fetch,
    clock,
    url: options.url,
    seed: seed++,
    locks: createMemoryLocks(clock),
    broadcast,
    tabStorage,
  })
  platform.subtle = crypto.subtle
  const events: AuthEvent[] = []
  const client = createAuthClient({
    adapter: options.adapter,
    platform,
    storage,
    timeoutMs: options.timeoutMs,
    inspect: (event) => events.push(event),
  })
  const snapshots: unknown[] = []
  client.subscribe(() => snapshots.push(client.getSnapshot()))
  const isBusy = () => faulty.busy() > 0 || crypto.busy() > 0
  return {
    client,
    adapter: options.adapter,
    platform,
    clock,
    faulty,
    ledger,
    storage,
    tabStorage,
    broadcast,
    events,
    snapshots,
    produced: [],
    settle: (work, boundMs = 10 * 60_000) => settleWithin(work, { clock, boundMs, isBusy }),
  }
}
