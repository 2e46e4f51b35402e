import type { AuthStorage, Broadcast, Locks, Platform } from "../platform/platform"
import { memoryStorage } from "../storage/memoryStorage"
import { createManualClock, type ManualClock } from "./manualClock"

/** A platform for tests: manual time, seeded randomness, and a record of what the engine asked the page to do. */
export interface TestPlatform extends Platform {
  readonly clock: ManualClock
  /** Every address `navigate` was asked to visit. */
  readonly visited: string[]
  /** The address bar; `replaceUrl` rewrites it. */
  url: string | undefined
  /** Fires the page's visibility/focus/online listeners. */
  wake(): void
  wakeListenerCount(): number
}

export interface TestPlatformOptions {
  fetch?: (request: Request) => Promise<Response>
  clock?: ManualClock
  locks?: Locks
  broadcast?: Broadcast
  tabStorage?: AuthStorage
  url?: string
  /** Seeds `randomBytes` so runs repeat. */
  seed?: number
}

/**
 * Builds a platform with fakes for everything; pass the same `locks` and `broadcast` to two platforms to stand for two tabs.
 * @example
 * const platform = createTestPlatform({ fetch: toFetch(emulator) })
 */
export function createTestPlatform(options: TestPlatformOptions = {}): TestPlatform {
  const wakeListeners = new Set<() => void>()
  let seed = options.seed ?? 1
  const platform: TestPlatform = {
    fetch: options.fetch ?? (() => Promise.reject(new TypeError("No fetch in this test platform"))),
    clock: options.clock ?? createManualClock(),
    randomBytes(length) {
      const bytes = new Uint8Array(length)
      for (let index = 0; index < length; index++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31
        bytes[index] = seed >>> 16
      }
      return bytes
    },
    subtle: globalThis.crypto?.subtle,
    visited: [],
    url: options.url,
    navigate(url) {
      platform.visited.push(url)
    },
    currentUrl: () => platform.url,
    replaceUrl(url) {
      platform.url = url
    },
    onWake(listener) {
      wakeListeners.add(listener)
      return () => wakeListeners.delete(listener)
    },
    wake() {
      for (const listener of wakeListeners) listener()
    },
    wakeListenerCount: () => wakeListeners.size,
    locks: options.locks,
    broadcast: options.broadcast,
    tabStorage: options.tabStorage ?? memoryStorage(),
  }
  return platform
}
