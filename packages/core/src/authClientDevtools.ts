import type { AuthEvent } from "./inspect"
import type { SignInFlowStep } from "./signInFlowMachine"

/**
 * What devtools read from a client and do to it beyond its public API (`client.devtools`): the `inspect` stream for
 * a panel mounted after the client was created, what this tab plans, and development actions. Not for app code.
 */
export interface AuthClientDevtools {
  /** Calls `listener` with every event the `inspect` option receives, from now on; returns an unsubscribe. */
  subscribe(listener: (event: AuthEvent) => void): () => void
  /** Whether this tab leads renewals; the other tabs sharing the session renew only when the credentials expire. */
  isLeader(): boolean
  /**
   * When this tab renews the session by itself, or asks for the password again (epoch ms): the client's own lead
   * (`renewalLeadMs`), or expiry in a follower tab; `Infinity` when it never needs to, `undefined` unless signed in.
   */
  renewsAt(): number | undefined
  /** The step of the newest sign-in flow still running. */
  flowStep(): SignInFlowStep | undefined
  /**
   * Development action: makes the access credentials expire now, in this tab only (the server still accepts them),
   * so the client renews them — or asks for the password again — as it would at expiry.
   */
  expire(): void
  /** Development action: fails every request of this client as the network would (`network`) while `true`. */
  setOffline(isOffline: boolean): void
}
