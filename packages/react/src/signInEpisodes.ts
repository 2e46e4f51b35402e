import type { AuthClient, SessionUser } from "@latchkey/core"

/** Which sign-in a screen shows: one flow per episode. */
export interface SignInEpisode {
  /** Counts episodes; `undefined` while the stored session is restored (it decides sign-in or re-auth). */
  readonly key: number | undefined
  /** The user to re-authenticate in this episode, if any. */
  readonly reauthUser: SessionUser | undefined
}

/** What the server renders and hydration starts from: the session is not known yet. */
export const unknownEpisode: SignInEpisode = { key: undefined, reauthUser: undefined }

/**
 * A store of a client's sign-in episodes, for `useSyncExternalStore`: a new episode each time the session needs
 * re-authentication or ends, the same one when it becomes signed in — so a finished sign-in or re-authentication
 * stays on screen at its `done` step. It reads the client, not the query cache the provider fills a moment later,
 * so the flow it keys and the client agree.
 *
 * The wrong version counts in render with `setState` (a latch React must re-render to undo); this one counts as
 * the client changes, and returns the same object until something changed, as `useSyncExternalStore` requires.
 */
export function createSignInEpisodes(client: AuthClient): {
  subscribe(listener: () => void): () => void
  getSnapshot(): SignInEpisode
} {
  let status = client.getSnapshot().status
  let count = 0
  let episode = unknownEpisode
  const read = (): SignInEpisode => {
    const snapshot = client.getSnapshot()
    if (snapshot.status === status && episode !== unknownEpisode) return episode
    const startsEpisode = snapshot.status === "reauthRequired" || snapshot.status === "signedOut"
    if (snapshot.status !== status && startsEpisode) count++
    status = snapshot.status
    episode =
      status === "initializing"
        ? unknownEpisode
        : {
            key: count,
            reauthUser: snapshot.status === "reauthRequired" ? snapshot.session.user : undefined,
          }
    return episode
  }
  return {
    subscribe(listener) {
      return client.subscribe(() => {
        read()
        listener()
      })
    },
    getSnapshot: read,
  }
}
