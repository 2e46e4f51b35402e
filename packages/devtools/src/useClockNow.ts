import type { Clock } from "@latchkey/core"
import { useEffect, useState } from "react"

/**
 * The time on the client's clock, ticking on each whole second while `isTicking` — so countdowns agree with the
 * engine's own times, and a closed panel runs no timer.
 */
export function useClockNow(clock: Clock, isTicking: boolean): number {
  const [now, setNow] = useState(() => clock.now())
  useEffect(() => {
    if (!isTicking) return
    let handle: unknown
    const tick = () => {
      const current = clock.now()
      setNow(current)
      handle = clock.setTimeout(tick, 1000 - (current % 1000))
    }
    tick()
    return () => clock.clearTimeout(handle)
  }, [clock, isTicking])
  return now
}
