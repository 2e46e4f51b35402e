import type { Clock } from "@latchkey/core"
import { useEffect, useState } from "react"

/**
 * The time on the client's clock, so countdowns agree with the engine's own times; only a panel on screen calls it,
 * so a closed one runs no timer. It ticks when a countdown to one of `targets` (epoch ms) shows a new second, and at
 * least once a second.
 */
export function useClockNow(clock: Clock, targets: readonly number[]): number {
  const [now, setNow] = useState(() => clock.now())
  // A countdown's seconds turn over at its target's fraction of a second, not the clock's.
  const due = targets.filter(Number.isFinite).join(",")
  useEffect(() => {
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
  }, [clock, due])
  return now
}
