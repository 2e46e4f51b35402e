import type { TimerHandle } from "@latchkey/core"
import type { ManualClock } from "@latchkey/core/testing"

/**
 * The time of one story: paused while the play function drives it (so what it asserts is exact), then live
 * once the play is over (so a viewer sees the rate-limit countdown and the challenge's expiry tick).
 */
export interface StoryClock extends ManualClock {
  /** Lets the time run with the wall clock from now on, firing timers as they fall due. */
  resume(): void
  /** Stops the time where it is. */
  pause(): void
}

interface Timer {
  readonly id: number
  readonly dueAt: number
  readonly callback: () => void
  live?: ReturnType<typeof setTimeout>
}

/** A story clock starting, paused, at `start` (epoch ms): the page's time, so TOTP codes match a phone's. */
export function createStoryClock(start = Date.now()): StoryClock {
  let base = start
  let liveSince: number | undefined
  let nextId = 1
  const timers = new Map<number, Timer>()

  const now = () => (liveSince === undefined ? base : base + (Date.now() - liveSince))

  // A real macrotask, a few times: lets every promise chain a timer started run to its next wait.
  const flush = async () => {
    for (let round = 0; round < 5; round++)
      await new Promise<void>((resolve) => globalThis.setTimeout(resolve, 0))
  }

  const arm = (timer: Timer) => {
    timer.live = globalThis.setTimeout(
      () => {
        timers.delete(timer.id)
        timer.callback()
      },
      Math.max(0, timer.dueAt - now()),
    )
  }

  const pause = () => {
    if (liveSince === undefined) return
    base = now()
    liveSince = undefined
    for (const timer of timers.values()) globalThis.clearTimeout(timer.live)
  }

  const clock: StoryClock = {
    now,
    setTimeout(callback, delayMs): TimerHandle {
      const timer: Timer = { id: nextId++, dueAt: now() + Math.max(0, delayMs), callback }
      timers.set(timer.id, timer)
      if (liveSince !== undefined) arm(timer)
      return timer.id
    },
    clearTimeout(handle) {
      if (typeof handle !== "number") return
      globalThis.clearTimeout(timers.get(handle)?.live)
      timers.delete(handle)
    },
    async advance(ms) {
      const wasLive = liveSince !== undefined
      pause()
      const target = base + ms
      await flush()
      for (;;) {
        const next = [...timers.values()]
          .filter((timer) => timer.dueAt <= target)
          .sort((a, b) => a.dueAt - b.dueAt || a.id - b.id)[0]
        if (!next) break
        timers.delete(next.id)
        base = Math.max(base, next.dueAt)
        next.callback()
        await flush()
      }
      base = target
      await flush()
      if (wasLive) clock.resume()
    },
    jump(ms) {
      base += ms
    },
    flush,
    pendingTimers: () => timers.size,
    resume() {
      if (liveSince !== undefined) return
      liveSince = Date.now()
      for (const timer of timers.values()) arm(timer)
    },
    pause,
  }
  return clock
}
