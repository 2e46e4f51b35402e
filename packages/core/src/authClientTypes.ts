import type { AuthAdapter } from "./adapter"
import type { AuthClientDevtools } from "./authClientDevtools"
import type { AuthError } from "./authError"
import type { AuthSnapshot } from "./authSnapshot"
import type { RetryPolicy } from "./backoff"
import type { AuthEvent } from "./inspect"
import type { AuthStorage, Clock, Platform } from "./platform/platform"
import type { SignInFlow } from "./signInFlow"

/** How to build a client. Only `adapter` is required. */
export interface AuthClientOptions<Credentials> {
  adapter: AuthAdapter<Credentials>
  /** Defaults to `browserPlatform()`. */
  platform?: Platform | undefined
  /** Where the session survives reloads; defaults to memory (gone on reload). */
  storage?: AuthStorage | undefined
  /** Namespaces storage keys and cross-tab channels when an app signs in to several accounts. */
  name?: string | undefined
  /** Per-request timeout; defaults to 15 s. */
  timeoutMs?: number | undefined
  /** Checks a restored session with the server before reporting `signedIn` (default `true`). */
  validateOnRestore?: boolean | undefined
  /** Where the identity provider sends the browser back; defaults to the current page. */
  ssoCallbackUrl?: string | undefined
  retry?: Partial<RetryPolicy> | undefined
  /** How long a tab waits for another tab's refresh before refreshing itself; defaults to 10 s. */
  lockTimeoutMs?: number | undefined
  /**
   * The longest a session is renewed (or re-authentication asked for) before it expires; 60 s by default. The lead
   * is never more than a fifth of the session's lifetime.
   */
  renewalLeadMs?: number | undefined
  /** Receives state changes and requests, credentials left out: for devtools and logging. */
  inspect?: ((event: AuthEvent) => void) | undefined
}

/** What a server sign-out said; the local session is gone whatever it says. */
export interface SignOutResult {
  /** A page the app should visit to end a single sign-on session too. */
  readonly followUpUrl?: string | undefined
  /** Why the server could not be told (the local session is cleared regardless). */
  readonly error?: AuthError | undefined
}

/** A signed-in session's owner: sign-in flows, refresh, sign-out and authenticated requests. */
export interface AuthClient<Credentials = unknown> {
  readonly adapter: AuthAdapter<Credentials>
  /** The surroundings the client runs in: UI code reads the page and time through it, never through globals. */
  readonly platform: Platform
  /** The clock the client runs on: count down on it, so countdowns agree with `retryAt` and `expiresAt`. */
  readonly clock: Clock
  getSnapshot(): AuthSnapshot<Credentials>
  /** Calls `listener` after every change; returns an unsubscribe. */
  subscribe(listener: () => void): () => void
  /** Resolves once the stored session has been restored (or found absent). */
  ready(): Promise<AuthSnapshot<Credentials>>
  /** Starts a sign-in; while `reauthRequired`, a re-authentication of the same user. */
  signIn(options?: { server?: string | undefined }): SignInFlow
  /** Whether `url` is where the identity provider sends the browser back to (a single sign-on callback). */
  isSsoCallback(url: string): boolean
  /** Completes single sign-on from the callback address; the same address always gets the same flow. */
  completeSso(callbackUrl?: string): SignInFlow
  signOut(options?: { everywhere?: boolean | undefined }): Promise<SignOutResult>
  /** Renews the credentials now; concurrent calls share one request. */
  refresh(): Promise<AuthSnapshot<Credentials>>
  /** `fetch` with the session's credentials: refreshes once on expiry and retries once. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>
  /** For devtools only: the inspect stream, this tab's plan, and development actions. */
  readonly devtools: AuthClientDevtools
  /** Stops timers, listeners and requests. */
  dispose(): void
}
