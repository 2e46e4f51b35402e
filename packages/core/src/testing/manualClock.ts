import type { Clock, TimerHandle } from "../platform/platform"

/** A clock that moves only when a test says so. */
export interface ManualClock extends Clock {
  /** Moves time forward, running every timer that falls due, in order, and letting promises settle between them. */
  advance(ms: number): Promise<void>
  /** Moves time forward without running any timer, as when a laptop sleeps. */
  jump(ms: number): void
  /** Lets pending promises settle without moving time (and without waiting for any real timer). */
  flush(): Promise<void>
  /** How many timers are scheduled and not yet run or cleared. */
  pendingTimers(): number
}

/**
 * How many times `flush` lets the queued promise jobs run out. Node's web streams hand each chunk on through
 * `process.nextTick` (a request re-wrapped with a signal, a cloned body), so a chain can need a few; two suffice today.
 */
const settleRounds = 10

type TickQueue = (callback: () => void) => void

const nextTick: TickQueue | undefined = (globalThis as { process?: { nextTick?: TickQueue } })
  .process?.nextTick

/**
 * Resolves once every promise job queued so far, and every job those queue in turn, has run — without a timer.
 * Node runs a tick queued from a promise job only after the whole promise queue is empty; other runtimes have no
 * such hook, so a fixed run of promise turns stands in for it there. Work that finishes on a thread pool
 * (WebCrypto's `sign`, `digest`, `deriveBits`) settles in a later turn of the event loop that no flush reaches:
 * a test awaits that operation itself.
 */
const settle: () => Promise<void> = nextTick
  ? () => new Promise<void>((resolve) => nextTick(resolve))
  : async () => {
      for (let turn = 0; turn < 1000; turn++) await undefined
    }

interface Timer {
  readonly id: number
  readonly dueAt: number
  readonly callback: () => void
}

/**
 * A manual clock for tests, starting at `start` (epoch ms).
 * @example
 * const clock = createManualClock()
 * await clock.advance(60_000)
 */
export function createManualClock(start = Date.UTC(2026, 0, 1)): ManualClock {
  let now = start
  let nextId = 1
  const timers = new Map<number, Timer>()

  const flush = async () => {
    for (let round = 0; round < settleRounds; round++) await settle()
  }

  return {
    now: () => now,
    setTimeout(callback, delayMs): TimerHandle {
      const id = nextId++
      timers.set(id, { id, dueAt: now + Math.max(0, delayMs), callback })
      return id
    },
    clearTimeout(handle) {
      if (typeof handle === "number") timers.delete(handle)
    },
    async advance(ms) {
      const target = now + ms
      await flush()
      for (;;) {
        const next = [...timers.values()]
          .filter((timer) => timer.dueAt <= target)
          .sort((a, b) => a.dueAt - b.dueAt || a.id - b.id)[0]
        if (!next) break
        timers.delete(next.id)
        now = Math.max(now, next.dueAt)
        next.callback()
        await flush()
      }
      now = target
      await flush()
    },
    jump(ms) {
      now += ms
    },
    flush,
    pendingTimers: () => timers.size,
  }
}
