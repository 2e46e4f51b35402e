import { useEffect, useState } from "react"
import { useLatchkey } from "./latchkeyContext"

/** Whole seconds left until `until` (epoch ms on the provider's clock), ticking once a second; 0 when past or unset. */
export function useCountdown(until: number | undefined): number {
  const { clock } = useLatchkey("useCountdown")
  const [now, setNow] = useState(() => clock.now())
  useEffect(() => {
    if (until === undefined) return
    let handle: unknown
    const tick = () => {
      const current = clock.now()
      setNow(current)
      const left = until - current
      if (left > 0) handle = clock.setTimeout(tick, left % 1000 || 1000)
    }
    tick()
    return () => clock.clearTimeout(handle)
  }, [clock, until])
  return until === undefined ? 0 : Math.max(0, Math.ceil((until - now) / 1000))
}
