import type { Session, SignInFlowSnapshot } from "@latchkey/core"
import { useEffect, useMemo, useRef, useSyncExternalStore } from "react"
import { createFlowHolder } from "./flowHolder"
import { useLatchkey } from "./latchkeyContext"

/** Options of `useSsoCallback`. */
export interface UseSsoCallbackOptions {
  /** The address the identity provider sent the browser back to; defaults to the current page. */
  url?: string | undefined
  /** Called once with the new session. */
  onSignedIn?: ((session: Session) => void) | undefined
}

const placeholder: SignInFlowSnapshot = { step: "completing", reauthUser: undefined }
const getPlaceholder = () => placeholder

/**
 * Completes single sign-on from the callback address exactly once (StrictMode included: the client
 * memoizes the exchange per address), and reports the flow's snapshot.
 * @example
 * const sso = useSsoCallback({ onSignedIn: () => navigate("/") })
 * if (sso.step === "unavailable") return <p>{sso.error.code}</p>
 */
export function useSsoCallback({
  url,
  onSignedIn,
}: UseSsoCallbackOptions = {}): SignInFlowSnapshot {
  const { client } = useLatchkey("useSsoCallback")
  // Not disposed on unmount: the client keeps the flow for this address, a remount finds it again.
  const holder = useMemo(
    () =>
      createFlowHolder(() => client.completeSso(url), {
        disposeWhenUnwatched: false,
        clock: client.platform.clock,
      }),
    [client, url],
  )
  const snapshot = useSyncExternalStore(
    holder.subscribe,
    () => holder.getSnapshot() ?? placeholder,
    getPlaceholder,
  )
  const onSignedInRef = useRef(onSignedIn)
  onSignedInRef.current = onSignedIn
  const handedOver = useRef<Session | undefined>(undefined)
  useEffect(() => {
    if (snapshot.step !== "done" || handedOver.current === snapshot.session) return
    handedOver.current = snapshot.session
    onSignedInRef.current?.(snapshot.session)
  }, [snapshot])
  return snapshot
}
