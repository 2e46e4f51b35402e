import { AuthError } from "./authError"
import type { Clock, TimerHandle } from "./platform/platform"

/** Timers cannot wait longer than this; a longer wait is re-armed when it fires. */
const maxTimerDelayMs = 2 ** 31 - 1

/** When the client next acts on its own, and the waits between retries. */
export interface RefreshScheduler {
  /** Calls `onDue` at `at` (epoch ms), replacing any earlier plan; `Infinity` plans nothing. */
  planAt(at: number): void
  cancel(): void
  /** Waits `delayMs` on the clock; rejects with `aborted` when the scheduler is disposed meanwhile. */
  sleep(delayMs: number): Promise<void>
  dispose(): void
}

export interface RefreshSchedulerOptions {
  clock: Clock
  vendor: string
  /** Registers the page's wake-up listener (visible again, focus, back online); returns an unsubscribe. */
  onWake(listener: () => void): () => void
  /** The plan fell due, or the page woke up: look at the session again. */
  onDue(): void
}

/**
 * Plans the next renewal on the injected clock. Timers do not run while a laptop sleeps, so the session is also
 * looked at again whenever the page wakes up; `onDue` decides whether anything is due.
 */
export function createRefreshScheduler(options: RefreshSchedulerOptions): RefreshScheduler {
  const { clock, onDue } = options
  let planned: TimerHandle | undefined
  let plannedAt = Number.POSITIVE_INFINITY
  const sleeps = new Map<TimerHandle, () => void>()
  let isDisposed = false

  const cancel = () => {
    if (planned !== undefined) clock.clearTimeout(planned)
    planned = undefined
    plannedAt = Number.POSITIVE_INFINITY
  }
  const arm = () => {
    const delay = Math.min(maxTimerDelayMs, Math.max(0, plannedAt - clock.now()))
    planned = clock.setTimeout(() => {
      planned = undefined
      // A wait longer than a timer can hold fires early: arm again for the rest.
      if (clock.now() < plannedAt) return arm()
      plannedAt = Number.POSITIVE_INFINITY
      onDue()
    }, delay)
  }
  const stopWaking = options.onWake(() => {
    if (!isDisposed) onDue()
  })

  return {
    planAt(at) {
      cancel()
      if (isDisposed || !Number.isFinite(at)) return
      plannedAt = at
      arm()
    },
    cancel,
    sleep: (delayMs) =>
      new Promise<void>((resolve, reject) => {
        if (isDisposed) return reject(new AuthError("aborted", { vendor: options.vendor }))
        const timer = clock.setTimeout(() => {
          sleeps.delete(timer)
          resolve()
        }, delayMs)
        sleeps.set(timer, () => reject(new AuthError("aborted", { vendor: options.vendor })))
      }),
    dispose() {
      isDisposed = true
      cancel()
      for (const [timer, abort] of sleeps) {
        clock.clearTimeout(timer)
        abort()
      }
      sleeps.clear()
      stopWaking()
    },
  }
}
