import type { Clock } from "@latchkey/core"
import { useEffect, useState } from "react"

/**
 * The time on the client's clock while `isTicking`, so countdowns agree with the engine's own times, and a closed
 * panel runs no timer. It ticks when a countdown to one of `targets` (epoch ms) shows a new second, at least once
 * a second.
 */
export function useClockNow(clock: Clock, isTicking: boolean, targets: readonly number[]): number {
  const [now, setNow] = useState(() => clock.now())
  // A countdown's seconds turn over at its target's fraction of a second, not the clock's.
  const due = targets.filter(Number.isFinite).join(",")
  useEffect(() => {
    if (!isTicking) return
    const times = due === "" ? [] : due.split(",").map(Number)
    let handle: unknown
    const tick = () => {
      const current = clock.now()
      setNow(current)
      const turns = times
        .map((target) => target - current)
        .filter((left) => left > 0)
        .map((left) => left % 1000 || 1000)
      handle = clock.setTimeout(tick, Math.min(1000, ...turns))
    }
    tick()
    return () => clock.clearTimeout(handle)
  }, [clock, isTicking, due])
  return now
}
