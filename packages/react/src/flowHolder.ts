import type { Clock, SignInFlow, SignInFlowSnapshot, TimerHandle } from "@latchkey/core"

/** A sign-in flow that starts when first watched, not when rendered. */
export interface FlowHolder {
  subscribe(listener: () => void): () => void
  /** The flow's snapshot; `undefined` until someone watches. */
  getSnapshot(): SignInFlowSnapshot | undefined
  current(): SignInFlow | undefined
}

/**
 * Starts the flow in `subscribe` (commit phase) instead of during render, so a render React throws away
 * (StrictMode's double render, a suspended tree) starts nothing; and disposes of it a tick after the last
 * listener leaves (on the client's clock), so StrictMode's unmount-and-remount keeps the one flow instead of
 * discovering twice.
 */
export function createFlowHolder(
  start: () => SignInFlow,
  { disposeWhenUnwatched, clock }: { disposeWhenUnwatched: boolean; clock: Clock },
): FlowHolder {
  let flow: SignInFlow | undefined
  let watchers = 0
  let pendingRelease: TimerHandle | undefined

  return {
    subscribe(listener) {
      watchers++
      if (pendingRelease !== undefined) clock.clearTimeout(pendingRelease)
      pendingRelease = undefined
      const isNew = flow === undefined
      flow ??= start()
      const unsubscribe = flow.subscribe(listener)
      if (isNew) listener()
      return () => {
        unsubscribe()
        watchers--
        if (watchers > 0 || !disposeWhenUnwatched) return
        pendingRelease = clock.setTimeout(() => {
          pendingRelease = undefined
          if (watchers > 0) return
          flow?.dispose()
          flow = undefined
        }, 0)
      }
    },
    getSnapshot: () => flow?.getSnapshot(),
    current: () => flow,
  }
}
