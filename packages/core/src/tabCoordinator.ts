import type { BroadcastPort, LockGrant, Platform } from "./platform/platform"
import * as v from "./schema"

const tabMessageSchema = v.union([
  v.object({ type: v.literal("session"), value: v.unknown() }),
  v.object({ type: v.literal("reauth"), value: v.unknown() }),
  // `at`: when the sign-out happened (tabs share one clock); absent from tabs of older versions.
  v.object({ type: v.literal("signedOut"), at: v.optional(v.number()) }),
])

/** What tabs sharing a session tell each other; a malformed message is ignored. */
export type TabMessage = v.infer<typeof tabMessageSchema>

/** How long a tab that waited for another tab's refresh listens for its announcement before refreshing itself. */
const announcementWaitMs = 1_000

/** The tabs sharing one session: who leads renewals, who holds the refresh lock, and the news between them. */
export interface TabCoordinator {
  /** Whether this tab renews ahead of expiry; the others renew only when the credentials actually expire. */
  isLeader(): boolean
  announce(message: TabMessage): void
  /** Runs `task` holding the cross-tab refresh lock (bounded wait), or at once without locks. */
  withRefreshLock<T>(task: (grant: LockGrant) => Promise<T>): Promise<T>
  /** Resolves at the next message from another tab, or after a short wait; at once when there are no peers. */
  nextAnnouncement(): Promise<void>
  dispose(): void
}

export interface TabCoordinatorOptions {
  platform: Platform
  /** Namespaces the channel and the locks (vendor and client name). */
  prefix: string
  lockTimeoutMs: number
  /** Another tab's news, already parsed. */
  onMessage(message: TabMessage): void
  /** This tab just became the leader. */
  onLeadership(): void
}

/**
 * Of the tabs sharing a session, one leads: it renews ahead of expiry and announces the new credentials while
 * still holding the refresh lock; the others follow, renewing only at expiry (the leader asleep in a background
 * tab, say). Were every tab to renew at the same moment, nothing in a browser orders one tab's finished refresh
 * before another tab's view of storage or messages, and both would send the same refresh token. Without locks
 * or channels a tab is on its own and leads itself.
 */
export function createTabCoordinator(options: TabCoordinatorOptions): TabCoordinator {
  const { platform, prefix } = options
  const { clock, locks } = platform
  const lifetime = new AbortController()
  const port: BroadcastPort | undefined = platform.broadcast?.open(prefix)
  const listeners = new Set<() => void>()
  let isLeader = !locks || !port

  const stopListening = port?.subscribe((message) => {
    const parsed = tabMessageSchema.safeParse(message)
    if (!parsed.success || lifetime.signal.aborted) return
    for (const heard of [...listeners]) heard()
    options.onMessage(parsed.data)
  })

  if (!isLeader) {
    locks
      ?.request(`${prefix}:leader`, { signal: lifetime.signal }, () => {
        isLeader = true
        options.onLeadership()
        // Held for the tab's lifetime: the next tab in line takes over when this one closes.
        return new Promise<void>((resolve) => {
          lifetime.signal.addEventListener("abort", () => resolve(), { once: true })
        })
      })
      .catch(() => {})
  }

  return {
    isLeader: () => isLeader,
    announce: (message) => port?.postMessage(message),
    withRefreshLock: (task) =>
      locks
        ? // A tab that closes stops waiting: no timer of its own outlives it.
          locks.request(
            `${prefix}:refresh`,
            { timeoutMs: options.lockTimeoutMs, signal: lifetime.signal },
            task,
          )
        : task({ wasContended: false }),
    nextAnnouncement: () =>
      new Promise<void>((resolve) => {
        if (!port || lifetime.signal.aborted) return resolve()
        const heard = () => {
          clock.clearTimeout(timer)
          listeners.delete(heard)
          resolve()
        }
        const timer = clock.setTimeout(heard, announcementWaitMs)
        listeners.add(heard)
      }),
    dispose() {
      lifetime.abort()
      for (const heard of [...listeners]) heard()
      stopListening?.()
      port?.close()
    },
  }
}
