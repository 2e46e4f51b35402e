import type { AuthError } from "./authError"
import type { AuthSnapshot } from "./authSnapshot"
import type { Session } from "./session"

/**
 * The session and the generation it belongs to. The generation changes whenever the session is replaced other
 * than by a refresh (a sign-in, a sign-out, a re-authentication request, another tab's news), and every refresh
 * outcome names the generation it started under: an outcome from an older generation is dropped. This one rule
 * is how a sign-out, or a new sign-in, wins over a refresh in flight.
 */
export interface SessionState<Credentials> {
  readonly snapshot: AuthSnapshot<Credentials>
  readonly generation: number
}

/** Everything that happens to a session: what the user did, what the server said, what another tab said. */
export type SessionEvent<Credentials> =
  /**
   * The stored session was read back (or found absent) when the client started; `error` says why the server
   * could not confirm it (offline start).
   */
  | {
      readonly type: "restored"
      readonly session: Session<Credentials> | undefined
      readonly error?: AuthError | undefined
    }
  /** A sign-in finished here or in another tab. */
  | { readonly type: "signedIn"; readonly session: Session<Credentials> }
  | { readonly type: "refreshStarted"; readonly generation: number }
  /** A transient failure (network, rate limit, 5xx): the session stays, a retry follows. */
  | { readonly type: "refreshRetrying"; readonly generation: number; readonly error: AuthError }
  | {
      readonly type: "refreshed"
      readonly generation: number
      readonly session: Session<Credentials>
    }
  /** Retries ran out on a transient failure: still signed in as far as anyone knows. */
  | { readonly type: "refreshFailed"; readonly generation: number; readonly error: AuthError }
  /** The server refused to renew: what happens next depends on what it meant (`refusalEnds`). */
  | { readonly type: "refreshRefused"; readonly generation: number; readonly error: AuthError }
  /** The credentials ran out (or a call found them refused) and only the user can renew them. */
  | {
      readonly type: "reauthRequired"
      readonly session: Session<Credentials>
      readonly error: AuthError
    }
  | { readonly type: "signedOut"; readonly error: AuthError | undefined }

/** The first state of every client. */
export function initialSession<Credentials>(): SessionState<Credentials> {
  return {
    snapshot: { status: "initializing", session: undefined, isRefreshing: false, error: undefined },
    generation: 0,
  }
}

/**
 * What a refused refresh means: `reauth` keeps the user and asks for the password again; `signOut` ends the
 * session (revoked, or the account can no longer sign in).
 */
export function refusalEnds(error: AuthError): "reauth" | "signOut" | "nothing" {
  switch (error.code) {
    case "session_expired":
      return "reauth"
    case "account_locked":
      // A lock answered 401 asks to authenticate again once it is lifted, keeping the session's device (Matrix
      // locks answer 401 with soft logout); a lock answered otherwise ends the session.
      return error.status === 401 ? "reauth" : "signOut"
    case "session_revoked":
    case "invalid_credentials":
    case "account_disabled":
    case "account_suspended":
      return "signOut"
    default:
      return "nothing"
  }
}

type RefreshEvent<Credentials> = Extract<SessionEvent<Credentials>, { readonly generation: number }>

const signedIn = <Credentials>(
  session: Session<Credentials>,
  error?: AuthError,
  isRefreshing = false,
): AuthSnapshot<Credentials> => ({ status: "signedIn", session, isRefreshing, error })
const reauthRequired = <Credentials>(
  session: Session<Credentials>,
  error: AuthError,
): AuthSnapshot<Credentials> => ({ status: "reauthRequired", session, isRefreshing: false, error })
const signedOut = <Credentials>(error: AuthError | undefined): AuthSnapshot<Credentials> => ({
  status: "signedOut",
  session: undefined,
  isRefreshing: false,
  error,
})

/**
 * The session as a pure transition: the next state, or `undefined` when the event does not apply (a refresh
 * outcome of an older generation or of a session no longer signed in, a second restore).
 */
export function transitionSession<Credentials>(
  state: SessionState<Credentials>,
  event: SessionEvent<Credentials>,
): SessionState<Credentials> | undefined {
  const { snapshot, generation } = state
  if ("generation" in event) {
    if (event.generation !== generation || snapshot.status !== "signedIn") return undefined
    const next = refreshOutcome(snapshot.session, snapshot.error, event)
    // A refusal that ends the session replaces it: outcomes still in flight for it are dropped too.
    return { snapshot: next, generation: next.status === "signedIn" ? generation : generation + 1 }
  }
  const replaced = (next: AuthSnapshot<Credentials>) => ({
    snapshot: next,
    generation: generation + 1,
  })
  switch (event.type) {
    case "restored":
      if (snapshot.status !== "initializing") return undefined
      return replaced(event.session ? signedIn(event.session, event.error) : signedOut(undefined))
    case "signedIn":
      return replaced(signedIn(event.session))
    case "reauthRequired":
      return replaced(reauthRequired(event.session, event.error))
    case "signedOut":
      return replaced(signedOut(event.error))
    default:
      return event satisfies never
  }
}

function refreshOutcome<Credentials>(
  session: Session<Credentials>,
  error: AuthError | undefined,
  event: RefreshEvent<Credentials>,
): AuthSnapshot<Credentials> {
  switch (event.type) {
    case "refreshStarted":
      return signedIn(session, error, true)
    case "refreshRetrying":
      return signedIn(session, event.error, true)
    case "refreshed":
      return signedIn(event.session)
    case "refreshFailed":
      return signedIn(session, event.error)
    case "refreshRefused": {
      const ends = refusalEnds(event.error)
      switch (ends) {
        case "reauth":
          return reauthRequired(session, event.error)
        case "signOut":
          return signedOut(event.error)
        case "nothing":
          return signedIn(session, event.error)
        default:
          return ends satisfies never
      }
    }
    default:
      return event satisfies never
  }
}
