import type { Clock, TimerHandle } from "../platform/platform"

/** A clock that moves only when a test says so. */
export interface ManualClock extends Clock {
  /** Moves time forward, running every timer that falls due, in order, and letting promises settle between them. */
  advance(ms: number): Promise<void>
  /** Moves time forward without running any timer, as when a laptop sleeps. */
  jump(ms: number): void
  /** Lets pending promises settle without moving time. */
  flush(): Promise<void>
  /** How many timers are scheduled and not yet run or cleared. */
  pendingTimers(): number
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

  // A real macrotask: lets every promise chain started by a timer run to its next wait.
  const flush = async () => {
    for (let round = 0; round < 5; round++)
      await new Promise<void>((resolve) => setTimeout(resolve, 0))
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
