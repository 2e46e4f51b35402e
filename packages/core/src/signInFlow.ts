import type {
  AdapterContext,
  AuthAdapter,
  SecondFactorContinuation,
  SignInInput,
  SignInOptions,
  SignInStep,
} from "./adapter"
import { AuthError, toAuthError } from "./authError"
import type { Session } from "./session"
import {
  initialSignInFlow,
  type SignInFlowEvent,
  type SignInFlowSnapshot,
  transitionSignInFlow,
} from "./signInFlowMachine"
import { leaveForIdentityProvider, returnFromIdentityProvider } from "./singleSignOn"
import type { SsoStateStore } from "./ssoState"
import { createStore } from "./store"

/**
 * One attempt to sign in, from discovery to a session. Every command resolves with the snapshot it
 * led to (server errors are in `snapshot.error`); a command sent in the wrong step rejects with
 * `AuthError("invalid_step")`. `submit`, `submitLoginToken` and `startSso` sent while the flow discovers wait for
 * the discovery (and reject with its error when it fails).
 */
export interface SignInFlow {
  getSnapshot(): SignInFlowSnapshot
  /** Calls `listener` after every change; returns an unsubscribe. */
  subscribe(listener: () => void): () => void
  /** Discovers the sign-in options again, optionally from another server. */
  discover(server?: string): Promise<SignInFlowSnapshot>
  submit(input: SignInInput): Promise<SignInFlowSnapshot>
  /** Signs in with a one-time login token made on another device (adapters with the `loginToken` capability). */
  submitLoginToken(token: string): Promise<SignInFlowSnapshot>
  submitCode(code: string): Promise<SignInFlowSnapshot>
  selectMethod(methodId: string): Promise<SignInFlowSnapshot>
  resendCode(): Promise<SignInFlowSnapshot>
  reloadCaptcha(): Promise<SignInFlowSnapshot>
  /** Leaves for the identity provider (the browser navigates away). */
  startSso(providerId?: string): Promise<SignInFlowSnapshot>
  /** Finishes single sign-on from the address the identity provider sent the browser back to. */
  completeSso(callbackUrl: string): Promise<SignInFlowSnapshot>
  /** Abandons the request or challenge in progress and returns to the start ("use another account"). */
  cancel(): Promise<SignInFlowSnapshot>
  /** Stops listening and cancels anything in flight. */
  dispose(): void
}

/** What a flow needs from its client. */
export interface SignInFlowDeps<Credentials> {
  adapter: AuthAdapter<Credentials>
  context(signal: AbortSignal): AdapterContext
  now(): number
  /** The session being re-authenticated, if any. */
  reauth: Session<Credentials> | undefined
  /**
   * The session this browser holds now, signed in or awaiting re-authentication: a single sign-on callback signs
   * in again as it (keeping its device), also when the page was reloaded on the way back and the flow was made
   * before the session was restored.
   */
  storedSession(): Session<Credentials> | undefined
  server: string | undefined
  sso: SsoStateStore
  ssoCallbackUrl(): string | undefined
  /** The page's address, where the pending state lives (tab storage is per origin). */
  pageUrl(): string | undefined
  navigate(url: string): void
  replaceUrl(url: string): void
  /** Installs the session in the client; the flow reports `done` after it. */
  accept(session: Session<Credentials>): Promise<void>
  /** Called once when the flow is over (done or disposed), so the client lets go of it. */
  release(): void
}

export function createSignInFlow<Credentials>(deps: SignInFlowDeps<Credentials>): SignInFlow {
  const { adapter } = deps
  const store = createStore(initialSignInFlow(deps.reauth?.user))
  let continuation: SecondFactorContinuation<Credentials> | undefined
  let controller = new AbortController()
  // Bumped by cancel: answers to requests started before it are dropped.
  let generation = 0
  // Bumped by every discovery: only the newest one's answer counts (the user may retype the server).
  let discoveries = 0
  let latestDiscovery: Promise<SignInFlowSnapshot> | undefined
  let isReleased = false
  const release = () => {
    if (isReleased) return
    isReleased = true
    deps.release()
  }

  const dispatch = (event: SignInFlowEvent): boolean => {
    const next = transitionSignInFlow(store.get(), event)
    if (!next) return false
    store.set(next)
    if (next.step === "done") release()
    return true
  }

  const rejectStep = () => Promise.reject(new AuthError("invalid_step", { vendor: adapter.vendor }))

  const run = async (work: (ctx: AdapterContext) => Promise<SignInFlowEvent | undefined>) => {
    const started = generation
    try {
      const event = await work(deps.context(controller.signal))
      if (event && started === generation) dispatch(event)
    } catch (error) {
      if (started === generation)
        dispatch({ type: "failed", error: toAuthError(error), now: deps.now() })
    }
    return store.get()
  }

  /** `identifier`: who a second step would be for (see the snapshot's `identifier`). */
  const applyStep = async (
    step: SignInStep<Credentials>,
    identifier?: string,
  ): Promise<SignInFlowEvent> => {
    if (step.type === "secondFactor") {
      continuation = step.continuation
      return { type: "secondFactorRequired", challenge: step.challenge, identifier }
    }
    continuation = undefined
    await deps.accept(step.session)
    return { type: "signedIn", session: step.session }
  }

  const refreshCaptcha = () =>
    run(async (ctx) => {
      if (!adapter.newCaptcha) return undefined
      return { type: "captchaLoaded", captcha: await adapter.newCaptcha(ctx) }
    })

  const discover = (server = deps.server) => {
    if (!dispatch({ type: "discover" })) return rejectStep()
    continuation = undefined
    const discovery = ++discoveries
    latestDiscovery = run(async (ctx) => {
      const options = await adapter.discover(ctx, { server })
      return discovery === discoveries ? { type: "discovered", options } : undefined
    })
    return latestDiscovery
  }

  // A first-step command sent while the server is still being asked waits for the answer, so that
  // `await client.signIn().submit(…)` works without watching the flow. A discovery that failed fails the command
  // with its reason.
  const startOptions = async (): Promise<SignInOptions | undefined> => {
    while (store.get().step === "discovering" && latestDiscovery) {
      const waited = latestDiscovery
      await waited
      if (waited === latestDiscovery) break
    }
    const snapshot = store.get()
    if (snapshot.step === "unavailable") throw snapshot.error
    return snapshot.step === "start" ? snapshot.options : undefined
  }

  const flow: SignInFlow = {
    getSnapshot: store.get,
    subscribe: store.subscribe,
    discover,
    async submit(input) {
      const options = await startOptions()
      if (!options || !dispatch({ type: "submit" })) return rejectStep()
      const withServer =
        input.server === undefined && options.server ? { ...input, server: options.server } : input
      // Re-authentication is the session's user's, whatever the form sent (adapters fill in an empty identifier).
      const user = deps.reauth?.user
      const identifier = user ? (user.email ?? user.id) : input.identifier.trim() || undefined
      const after = await run(async (ctx) =>
        applyStep(await adapter.signIn(ctx, withServer, deps.reauth), identifier),
      )
      // A captcha answer is single-use: after a refusal the old image is worthless.
      if (after.step === "start" && after.options.captcha?.kind === "image") return refreshCaptcha()
      return after
    },
    async submitLoginToken(token) {
      const options = await startOptions()
      const signInWithToken = adapter.signInWithLoginToken
      if (!options || !signInWithToken || !dispatch({ type: "submitLoginToken" }))
        return rejectStep()
      return run(async (ctx) =>
        applyStep(await signInWithToken(ctx, { token, server: options.server }, deps.reauth)),
      )
    },
    submitCode(code) {
      const snapshot = store.get()
      const current = continuation
      if (!current || snapshot.step !== "secondFactor" || !dispatch({ type: "submitCode" }))
        return rejectStep()
      const { challenge, identifier } = snapshot
      return run(async (ctx) =>
        applyStep(await current.submit(ctx, { method: challenge.method, code }), identifier),
      )
    },
    selectMethod(methodId) {
      const snapshot = store.get()
      const current = continuation
      if (
        !current ||
        snapshot.step !== "secondFactor" ||
        !snapshot.challenge.methods.some((method) => method.id === methodId) ||
        !dispatch({ type: "selectMethod" })
      ) {
        return rejectStep()
      }
      const { challenge } = snapshot
      return run(async (ctx) => ({
        type: "challengeUpdated",
        challenge: current.select
          ? await current.select(ctx, methodId)
          : { ...challenge, method: methodId },
      }))
    },
    resendCode() {
      const snapshot = store.get()
      const current = continuation
      if (snapshot.step !== "secondFactor" || snapshot.isSubmitting || !current?.resend)
        return rejectStep()
      const { method } = snapshot.challenge
      const resend = current.resend
      return run(async (ctx) => ({
        type: "challengeUpdated",
        challenge: await resend(ctx, method),
      }))
    },
    reloadCaptcha() {
      const snapshot = store.get()
      if (snapshot.step !== "start" || !snapshot.options.captcha || !adapter.newCaptcha)
        return rejectStep()
      return refreshCaptcha()
    },
    async startSso(providerId) {
      const options = await startOptions()
      const redirectUrl = adapter.ssoRedirectUrl
      if (!options || !redirectUrl || !dispatch({ type: "startSso", providerId }))
        return rejectStep()
      return run(async (ctx) => {
        await leaveForIdentityProvider(ctx, deps, redirectUrl, {
          providerId,
          server: options.server,
        })
        return undefined
      })
    },
    completeSso(callbackUrl) {
      const complete = adapter.completeSso
      if (!complete || !dispatch({ type: "completeSso" })) return rejectStep()
      return run(async (ctx) =>
        applyStep(await returnFromIdentityProvider(ctx, deps, complete, callbackUrl)),
      )
    },
    async cancel() {
      if (!dispatch({ type: "cancel" })) return rejectStep()
      generation++
      continuation = undefined
      controller.abort()
      controller = new AbortController()
      return store.get()
    },
    dispose() {
      generation++
      continuation = undefined
      controller.abort()
      store.clear()
      release()
    },
  }
  return flow
}
