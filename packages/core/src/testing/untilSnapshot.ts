import type { SignInFlow } from "../signInFlow"
import type { SignInFlowSnapshot } from "../signInFlowMachine"

/** Anything with a snapshot and a way to hear of changes: a client, a sign-in flow. */
export interface Observable<Snapshot> {
  getSnapshot(): Snapshot
  subscribe(listener: () => void): () => void
}

/**
 * Resolves with the first snapshot that satisfies `predicate`, the current one included: a test waits for a state
 * instead of a time.
 * @example
 * const signedIn = await untilSnapshot(client, (snapshot) => snapshot.status === "signedIn")
 */
export function untilSnapshot<Snapshot>(
  source: Observable<Snapshot>,
  predicate: (snapshot: Snapshot) => boolean,
): Promise<Snapshot> {
  return new Promise((resolve) => {
    let stop: (() => void) | undefined
    const check = () => {
      const snapshot = source.getSnapshot()
      if (!predicate(snapshot)) return
      stop?.()
      stop = () => {}
      resolve(snapshot)
    }
    stop = source.subscribe(check)
    check()
  })
}

/**
 * Resolves with a sign-in flow's snapshot once it stops waiting for the server (past discovery and single sign-on
 * completion).
 * @example
 * const start = await untilSettled(client.signIn())
 */
export function untilSettled(flow: SignInFlow): Promise<SignInFlowSnapshot> {
  return untilSnapshot(
    flow,
    (snapshot) => snapshot.step !== "discovering" && snapshot.step !== "completing",
  )
}
