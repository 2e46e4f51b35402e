import type { TimerHandle } from "../platform/platform"
import { createManualClock, type ManualClock } from "../testing/manualClock"

/** A manual clock that also tells when its next timer falls due, so a test can move time only as far as needed. */
export interface DrivingClock extends ManualClock {
  /** When the earliest pending timer falls due (epoch ms); `undefined` when none is pending. */
  nextDueAt(): number | undefined
}

export function createDrivingClock(start?: number): DrivingClock {
  const clock = createManualClock(start)
  const due = new Map<TimerHandle, number>()
  return {
    ...clock,
    setTimeout(callback, delayMs) {
      const handle = clock.setTimeout(() => {
        due.delete(handle)
        callback()
      }, delayMs)
      due.set(handle, clock.now() + Math.max(0, delayMs))
      return handle
    },
    clearTimeout(handle) {
      due.delete(handle)
      clock.clearTimeout(handle)
    },
    nextDueAt: () => (due.size === 0 ? undefined : Math.min(...due.values())),
  }
}

/** How a piece of work ended, and how much clock time it took. */
export type Settled<T> =
  | { readonly type: "value"; readonly value: T; readonly elapsedMs: number }
  | { readonly type: "error"; readonly error: unknown; readonly elapsedMs: number }
  | { readonly type: "pending"; readonly elapsedMs: number }

/** One turn of the real event loop: lets work on other threads (WebCrypto) report back. */
const realTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/** Real turns without progress before time moves: WebCrypto and module loading finish in later turns. */
const idleTurnsBeforeTime = 4

/**
 * Drives `work` to its end on `clock`: lets promises and real background work settle, and when nothing is busy
 * (`isBusy`: a server or WebCrypto still working) moves time to the next pending timer, up to `boundMs`. A piece
 * of work still pending then, or with no timer left that could end it, is reported `pending`: it hangs.
 */
export async function settleWithin<T>(
  work: Promise<T>,
  options: { clock: DrivingClock; boundMs: number; isBusy?: () => boolean },
): Promise<Settled<T>> {
  const { clock, boundMs } = options
  const start = clock.now()
  let outcome: { type: "value"; value: T } | { type: "error"; error: unknown } | undefined
  work.then(
    (value) => {
      outcome = { type: "value", value }
    },
    (error: unknown) => {
      outcome = { type: "error", error }
    },
  )
  let idle = 0
  while (!outcome) {
    await realTurn()
    await clock.flush()
    if (outcome) break
    if (options.isBusy?.()) {
      idle = 0
      continue
    }
    if (++idle < idleTurnsBeforeTime) continue
    idle = 0
    const next = clock.nextDueAt()
    if (next === undefined || next - start > boundMs) break
    await clock.advance(Math.max(0, next - clock.now()))
  }
  const elapsedMs = clock.now() - start
  return outcome ? { ...outcome, elapsedMs } : { type: "pending", elapsedMs }
}
