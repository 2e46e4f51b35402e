import type { Session } from "./session"

/** What a user types to say who they are; decides the identifier field's label, type and autocomplete. */
export type IdentifierKind = "email" | "username" | "matrixId"

/** A single sign-on identity provider offered by the server. */
export interface SsoProvider {
  readonly id: string
  readonly name: string
  /** An image URL (`mxc://` already resolved by the adapter), if the server gives one. */
  readonly icon?: string | undefined
  /** A well-known brand (`github`, `google`, `apple`, …) for styling. */
  readonly brand?: string | undefined
}

/** A captcha the server wants answered together with the password. */
export type Captcha =
  | { readonly kind: "image"; readonly image: string; readonly ticket: string }
  | { readonly kind: "widget"; readonly provider: string; readonly siteKey?: string | undefined }

/** What the sign-in form offers, as discovered from the server. */
export interface SignInOptions {
  readonly identifier: IdentifierKind
  /** Whether the form asks which server to sign in to (a Matrix homeserver not fixed by the app). */
  readonly asksForServer: boolean
  /** The server the options were discovered from, when the form asks for one. */
  readonly server?: string | undefined
  /** Whether a password can be used (a server may offer single sign-on only). */
  readonly hasPassword: boolean
  readonly captcha?: Captcha | undefined
  readonly ssoProviders: readonly SsoProvider[]
}

/** What the user typed into the sign-in form. Held only for the request; never stored. */
export interface SignInInput {
  readonly server?: string | undefined
  readonly identifier: string
  readonly password: string
  /** The one-time code sent with the password, for vendors whose second factor is `inline…`. */
  readonly code?: string | undefined
  readonly captcha?: { readonly answer: string; readonly ticket?: string | undefined } | undefined
}

/** How a second factor is proven; decides the code field's shape and label. */
export type SecondFactorKind = "totp" | "sms" | "email" | "yubikey"

/** One way of passing the second factor. */
export interface SecondFactorMethod {
  readonly id: string
  readonly kind: SecondFactorKind
  /** Whether a new code can be sent (text message, e-mail). */
  readonly canResend: boolean
}

/** The public part of a second-factor challenge: safe to render and to log. */
export interface SecondFactorChallenge {
  readonly methods: readonly SecondFactorMethod[]
  /** The id of the method the user is answering now. */
  readonly method: string
  /** When the challenge expires (epoch ms), or `null` when the server sets no limit. */
  readonly expiresAt: number | null
  /** The earliest time a new code can be sent (epoch ms). */
  readonly resendAvailableAt?: number | undefined
}

/**
 * How the adapter continues a second-factor challenge. Its closures hold what the vendor needs
 * (a 2FA session id, a partial session) so that none of it reaches a snapshot, a log or storage.
 */
export interface SecondFactorContinuation<Credentials> {
  submit(
    ctx: AdapterContext,
    input: { method: string; code: string },
  ): Promise<SignInStep<Credentials>>
  /** Switches method (and sends a code where the method does). */
  select?(ctx: AdapterContext, method: string): Promise<SecondFactorChallenge>
  resend?(ctx: AdapterContext, method: string): Promise<SecondFactorChallenge>
}

/** Where a sign-in request led. */
export type SignInStep<Credentials> =
  | { readonly type: "signedIn"; readonly session: Session<Credentials> }
  | {
      readonly type: "secondFactor"
      readonly challenge: SecondFactorChallenge
      readonly continuation: SecondFactorContinuation<Credentials>
    }

/** How the engine should read an answer to an authenticated call. */
export type ResponseVerdict =
  /** Not an authentication problem (the app handles its own 4xx/5xx). */
  | { readonly type: "ok" }
  /** The credentials were refused but the user may get new ones: refresh, else re-authenticate. */
  | { readonly type: "expired"; readonly serverMessage?: string | undefined }
  /** The session is gone for good: sign out locally. `serverMessage`: the server's reason, when it gives one. */
  | { readonly type: "revoked"; readonly serverMessage?: string | undefined }
  | { readonly type: "rateLimited"; readonly retryAfterMs: number | undefined }

/** What the engine hands an adapter for one operation. The adapter has no other way out. */
export interface AdapterContext {
  /** `fetch` with the client's timeout and cancellation; fails only with `AuthError` (`network`, `timeout`, `aborted`). */
  fetch(request: Request): Promise<Response>
  /**
   * Reads a body as text with the same timeout and cancellation (a body that stalls halfway is a `timeout`);
   * larger than 1 MB it fails with `invalid_response`.
   */
  readText(response: Response): Promise<string>
  now(): number
  randomBytes(length: number): Uint8Array
  /** WebCrypto; `undefined` where the platform has none. */
  readonly subtle: SubtleCrypto | undefined
}

/**
 * What a vendor can do: the single source of truth the engine and the forms read instead of naming vendors.
 * `createAuthClient` checks it against the adapter's methods.
 */
export interface AdapterCapabilities {
  /**
   * `challenge`: a separate step after the password (`SignInStep` of type `secondFactor`).
   * `inlineOptional`: a code may go with the password; the form offers the field and reveals it when the server's
   * refusal could mean a code is missing. `inlineRequired`: the code always goes with the password.
   */
  readonly secondFactor: "none" | "challenge" | "inlineOptional" | "inlineRequired"
  /** `token`: credentials are renewed silently (`refresh`); `reauth`: the user signs in again before they expire. */
  readonly refresh: "token" | "reauth"
  /**
   * How single sign-on protects its callback. `stateParameter`: the identity provider carries the engine's
   * state back in the callback address. `pendingMarker`: the vendor's redirect cannot carry it, so the engine
   * keeps a single-use, expiring marker in the tab and the callback must find it. `none`: no single sign-on.
   */
  readonly sso: "none" | "stateParameter" | "pendingMarker"
  readonly signOutEverywhere: boolean
  /** Whether a one-time login token made on another device signs in (`signInWithLoginToken`). */
  readonly loginToken: boolean
  /**
   * Whether signing in derives a key from the password on this device first (SCRAM's PBKDF2: a real server's
   * iteration count takes a noticeable moment), so forms say they are checking the password. `false` if absent.
   */
  readonly derivesPasswordKey?: boolean | undefined
}

/** What a server sign-out said beyond "done". */
export interface SignOutOutcome {
  /** A page the app should visit to end a single sign-on session too. */
  readonly followUpUrl?: string | undefined
}

/**
 * One vendor's wire protocol as a plain, stateless object. Every answer is parsed with a schema here;
 * what does not parse becomes `AuthError("invalid_response")`. The engine never names a vendor.
 */
export interface AuthAdapter<Credentials = unknown> {
  /** A short, stable name; also namespaces storage keys. */
  readonly vendor: string
  readonly capabilities: AdapterCapabilities
  /** Query parameters of an SSO callback that must leave the address bar once read (one-time tokens). */
  readonly ssoCallbackParameters?: readonly string[] | undefined

  /** Finds what the sign-in form should offer. */
  discover(ctx: AdapterContext, request: { server?: string | undefined }): Promise<SignInOptions>
  /** Signs in with a password; `previous` is the session being re-authenticated, if any. */
  signIn(
    ctx: AdapterContext,
    input: SignInInput,
    previous?: Session<Credentials>,
  ): Promise<SignInStep<Credentials>>
  /** Signs in with a one-time login token made on another device (capability `loginToken`). */
  signInWithLoginToken?(
    ctx: AdapterContext,
    request: { token: string; server?: string | undefined },
    previous?: Session<Credentials>,
  ): Promise<SignInStep<Credentials>>
  /** Fetches a new captcha (the last one is used up or unreadable). */
  newCaptcha?(ctx: AdapterContext): Promise<Captcha>
  /**
   * The address to send the browser to for single sign-on. With `sso: "stateParameter"`, `callbackUrl` already
   * carries the engine's state.
   */
  ssoRedirectUrl?(
    ctx: AdapterContext,
    request: { providerId?: string | undefined; server?: string | undefined; callbackUrl: string },
  ): Promise<string>
  /**
   * Finishes single sign-on from the callback address (state or marker already checked by the engine);
   * `previous` is the session being re-authenticated, if any.
   */
  completeSso?(
    ctx: AdapterContext,
    callback: { url: URL; server?: string | undefined },
    previous?: Session<Credentials>,
  ): Promise<SignInStep<Credentials>>
  /**
   * Renews credentials (capability `refresh: "token"`). Throws `session_expired` (user may re-authenticate) or
   * `session_revoked` (gone).
   */
  refresh?(ctx: AdapterContext, session: Session<Credentials>): Promise<Session<Credentials>>
  /** Checks a restored session with the server (whoami); may return it updated. */
  validate?(ctx: AdapterContext, session: Session<Credentials>): Promise<Session<Credentials>>
  signOut(
    ctx: AdapterContext,
    session: Session<Credentials>,
    options: { everywhere: boolean },
  ): Promise<SignOutOutcome>
  /** Adds the session's credentials to an outgoing request. */
  authorize(request: Request, session: Session<Credentials>): Request
  /** Reads an answer to an authenticated call (it gets its own clone; it may read the body). */
  classify(response: Response): Promise<ResponseVerdict>
  /** Checks stored or broadcast credentials; `undefined` discards them. */
  parseCredentials(value: unknown): Credentials | undefined
}
