import type { AuthError } from "./authError"
import type { Session } from "./session"

/** Where a client's session stands. */
export type AuthStatus = AuthSnapshot["status"]

/**
 * A client's session state. `reauthRequired` keeps the session (its user, Matrix's device) so that
 * only the password — and code — are asked again.
 */
export type AuthSnapshot<Credentials = unknown> =
  | {
      readonly status: "initializing"
      readonly session: undefined
      readonly isRefreshing: false
      readonly error: undefined
    }
  | {
      readonly status: "signedOut"
      readonly session: undefined
      readonly isRefreshing: false
      readonly error: AuthError | undefined
    }
  | {
      readonly status: "signedIn"
      readonly session: Session<Credentials>
      readonly isRefreshing: boolean
      readonly error: AuthError | undefined
    }
  | {
      readonly status: "reauthRequired"
      readonly session: Session<Credentials>
      readonly isRefreshing: false
      readonly error: AuthError | undefined
    }
