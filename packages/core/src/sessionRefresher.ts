import type { AdapterContext, AuthAdapter } from "./adapter"
import { AuthError, toAuthError } from "./authError"
import { type RetryPolicy, retryDelay } from "./backoff"
import type { RefreshScheduler } from "./refreshScheduler"
import type { Session } from "./session"
import { refusalEnds, type SessionEvent, type SessionState } from "./sessionMachine"
import type { SessionVault } from "./sessionVault"
import type { TabCoordinator } from "./tabCoordinator"

export interface SessionRefresherOptions<Credentials> {
  adapter: AuthAdapter<Credentials>
  context(): AdapterContext
  vault: SessionVault<Credentials>
  tabs: TabCoordinator
  scheduler: RefreshScheduler
  retry: RetryPolicy
  getState(): SessionState<Credentials>
  /** Feeds an outcome to the session machine (and runs its effects). */
  apply(event: SessionEvent<Credentials>): Promise<unknown>
  /** Whether a session is due for renewal by this tab. */
  isDue(session: Session<Credentials>): boolean
}

/**
 * Renews the credentials through one in-flight promise, however many callers ask: under the cross-tab lock,
 * taking another tab's fresh credentials when it just renewed them, retrying transient failures with capped
 * backoff, and writing and announcing the new credentials while still holding the lock.
 */
export function createSessionRefresher<Credentials>(
  options: SessionRefresherOptions<Credentials>,
): () => Promise<void> {
  const { adapter, vault, tabs, getState } = options
  let inFlight: Promise<void> | undefined

  const renew = async (stale: Session<Credentials>, isCurrent: () => boolean) => {
    const refreshSession = adapter.refresh
    if (!refreshSession || !stale.isRefreshable)
      throw new AuthError("session_expired", { vendor: adapter.vendor })
    for (let attempt = 0; ; attempt++) {
      try {
        return await refreshSession(options.context(), stale)
      } catch (error) {
        const delay = retryDelay(error, attempt, options.retry)
        if (delay === undefined || !isCurrent()) throw error
        const { generation } = getState()
        await options.apply({ type: "refreshRetrying", generation, error: toAuthError(error) })
        await options.scheduler.sleep(delay)
        if (!isCurrent()) throw new AuthError("aborted", { vendor: adapter.vendor })
      }
    }
  }

  const run = async () => {
    const { snapshot, generation } = getState()
    if (snapshot.status !== "signedIn") return
    const stale = snapshot.session
    const isCurrent = () => getState().generation === generation
    await options.apply({ type: "refreshStarted", generation })
    try {
      const session = await tabs.withRefreshLock(async ({ wasContended }) => {
        // Another tab held the lock, so it has most likely just renewed. Browsers carry its storage write to this
        // tab asynchronously (Chromium's localStorage is eventually consistent across tabs), so the lock alone
        // does not make the new credentials visible here: wait, boundedly, for that tab's announcement.
        if (wasContended && isCurrent()) await tabs.nextAnnouncement()
        if (!isCurrent()) return undefined
        const stored = await vault.read()
        if (stored && stored.issuedAt > stale.issuedAt && !options.isDue(stored)) return stored
        const renewed = await renew(stale, isCurrent)
        if (!isCurrent()) return undefined
        // Written and announced while holding the lock: the next tab to take it hears of the new credentials.
        await vault.write(renewed)
        tabs.announce({ type: "session", value: vault.serialize(renewed) })
        return renewed
      })
      if (session) await options.apply({ type: "refreshed", generation, session })
    } catch (error) {
      const failure = toAuthError(error)
      await options.apply(
        refusalEnds(failure) === "nothing"
          ? { type: "refreshFailed", generation, error: failure }
          : { type: "refreshRefused", generation, error: failure },
      )
    }
  }

  return () => {
    inFlight ??= run().finally(() => {
      inFlight = undefined
    })
    return inFlight
  }
}
