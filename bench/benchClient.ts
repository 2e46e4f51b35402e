import {
  type AuthClient,
  type AuthStorage,
  type Broadcast,
  createAuthClient,
  type Locks,
} from "@latchkey/core"
import {
  createManualClock,
  createTestPlatform,
  type ManualClock,
  type TestPlatform,
} from "@latchkey/core/testing"
import type { Emulator } from "@latchkey/emulators"
import { type EmulatorDoor, openDoor } from "./emulatorDoor"
import { appUrl, type ScenarioEmulatorOptions, type VendorScenario } from "./scenarios"

/** One vendor's emulator on a manual clock, and the door the app's clients come through. */
export interface BenchServer {
  readonly scenario: VendorScenario
  readonly clock: ManualClock
  readonly emulator: Emulator
  readonly door: EmulatorDoor
}

/** A client of a bench server, with the platform it runs on. */
export interface BenchClient {
  readonly client: AuthClient
  readonly platform: TestPlatform
}

/** Starts a vendor's emulator on a new manual clock. */
export function benchServer(
  scenario: VendorScenario,
  lifetimes: Omit<ScenarioEmulatorOptions, "clock"> = {},
): BenchServer {
  const clock = createManualClock()
  const emulator = scenario.emulator({ clock, ...lifetimes })
  return { scenario, clock, emulator, door: openDoor(emulator) }
}

let seed = 1

/**
 * A client of `server`, as one tab of the app: pass the same `locks`, `broadcast` and `storage` to several for tabs.
 * Each gets its own randomness, as tabs do (servers refuse a nonce they have seen).
 */
export function benchClient(
  server: BenchServer,
  shared: {
    readonly locks?: Locks | undefined
    readonly broadcast?: Broadcast | undefined
    readonly storage?: AuthStorage | undefined
  } = {},
): BenchClient {
  const platform = createTestPlatform({
    clock: server.clock,
    fetch: server.door.fetch,
    url: appUrl,
    seed: seed++,
    locks: shared.locks,
    broadcast: shared.broadcast,
  })
  const client = createAuthClient({
    adapter: server.scenario.adapter(),
    platform,
    storage: shared.storage,
  })
  return { client, platform }
}
