import type { SecondFactorChallenge, SignInOptions } from "./adapter"
import type { AuthError } from "./authError"
import type { Session, SessionUser } from "./session"

/** What every step of a sign-in flow says about itself. */
interface FlowBase {
  /** The user being re-authenticated (the re-auth form shows them and asks only for the password). */
  readonly reauthUser: SessionUser | undefined
}

/**
 * A sign-in flow's state: a union on `step`. Form values never live here — only what the server said.
 * `error` is the outcome of the last command, to be shown on the fields `error.fields` names.
 */
export type SignInFlowSnapshot =
  | (FlowBase & {
      readonly step: "discovering"
      /** The options discovered before, kept while discovering again (another server typed). */
      readonly options: SignInOptions | undefined
    })
  | (FlowBase & {
      readonly step: "unavailable"
      readonly error: AuthError
      /** The options discovered before, if any: the form can stay as it was, with the error. */
      readonly options: SignInOptions | undefined
    })
  | (FlowBase & {
      readonly step: "start"
      readonly options: SignInOptions
      readonly error: AuthError | undefined
      /** When a rate limit ends (epoch ms); submitting earlier is pointless. */
      readonly retryAt: number | undefined
    })
  | (FlowBase & { readonly step: "submitting"; readonly options: SignInOptions })
  | (FlowBase & {
      readonly step: "secondFactor"
      readonly options: SignInOptions
      readonly challenge: SecondFactorChallenge
      /**
       * Who is signing in, for the form to show: the identifier typed with the password, or the e-mail (else the id)
       * of the user being re-authenticated; `undefined` where nothing was typed (a login token). Never the password.
       */
      readonly identifier: string | undefined
      readonly isSubmitting: boolean
      readonly error: AuthError | undefined
      readonly retryAt: number | undefined
    })
  | (FlowBase & {
      readonly step: "redirecting"
      readonly options: SignInOptions
      readonly providerId: string | undefined
    })
  | (FlowBase & { readonly step: "completing" })
  | (FlowBase & { readonly step: "done"; readonly session: Session })

/** The step names, for exhaustive handling in forms. */
export type SignInFlowStep = SignInFlowSnapshot["step"]

/** Everything that can happen to a flow: the user's commands and the answers to them. */
export type SignInFlowEvent =
  | { readonly type: "discover" }
  | { readonly type: "discovered"; readonly options: SignInOptions }
  | { readonly type: "captchaLoaded"; readonly captcha: SignInOptions["captcha"] }
  | { readonly type: "submit" }
  | { readonly type: "submitLoginToken" }
  | { readonly type: "submitCode" }
  | { readonly type: "selectMethod" }
  | { readonly type: "challengeUpdated"; readonly challenge: SecondFactorChallenge }
  | {
      readonly type: "secondFactorRequired"
      readonly challenge: SecondFactorChallenge
      readonly identifier: string | undefined
    }
  | { readonly type: "startSso"; readonly providerId: string | undefined }
  | { readonly type: "completeSso" }
  | { readonly type: "signedIn"; readonly session: Session }
  | { readonly type: "failed"; readonly error: AuthError; readonly now: number }
  | { readonly type: "cancel" }

/** The first snapshot of a flow. */
export function initialSignInFlow(reauthUser: SessionUser | undefined): SignInFlowSnapshot {
  return { step: "discovering", reauthUser, options: undefined }
}

/** The options a snapshot knows, current or kept from before. */
function knownOptions(state: SignInFlowSnapshot): SignInOptions | undefined {
  return "options" in state ? state.options : undefined
}

/**
 * The sign-in flow as a pure transition: the next snapshot, or `undefined` when the event is not
 * valid in this step (the flow turns that into an `invalid_step` error instead of ignoring it).
 */
export function transitionSignInFlow(
  state: SignInFlowSnapshot,
  event: SignInFlowEvent,
): SignInFlowSnapshot | undefined {
  const { reauthUser } = state
  const start = (options: SignInOptions): SignInFlowSnapshot => ({
    step: "start",
    reauthUser,
    options,
    error: undefined,
    retryAt: undefined,
  })
  switch (event.type) {
    case "discover":
      return state.step === "submitting" || state.step === "completing" || state.step === "done"
        ? undefined
        : { step: "discovering", reauthUser, options: knownOptions(state) }
    case "discovered":
      return state.step === "discovering" ? start(event.options) : undefined
    case "captchaLoaded":
      if (state.step !== "start" && state.step !== "submitting") return undefined
      return { ...state, options: { ...state.options, captcha: event.captcha } }
    case "submit":
      return state.step === "start" && state.options.hasPassword
        ? { step: "submitting", reauthUser, options: state.options }
        : undefined
    case "submitLoginToken":
      return state.step === "start"
        ? { step: "submitting", reauthUser, options: state.options }
        : undefined
    case "submitCode":
      return state.step === "secondFactor" && !state.isSubmitting
        ? { ...state, isSubmitting: true, error: undefined }
        : undefined
    case "selectMethod":
      return state.step === "secondFactor" && !state.isSubmitting
        ? { ...state, error: undefined }
        : undefined
    case "challengeUpdated":
      return state.step === "secondFactor" ? { ...state, challenge: event.challenge } : undefined
    case "secondFactorRequired":
      if (state.step !== "submitting" && !(state.step === "secondFactor" && state.isSubmitting))
        return undefined
      return {
        step: "secondFactor",
        reauthUser,
        options: state.options,
        challenge: event.challenge,
        identifier: event.identifier,
        isSubmitting: false,
        error: undefined,
        retryAt: undefined,
      }
    case "startSso":
      return state.step === "start" && state.options.ssoProviders.length > 0
        ? { step: "redirecting", reauthUser, options: state.options, providerId: event.providerId }
        : undefined
    case "completeSso":
      return state.step === "discovering" || state.step === "start" || state.step === "unavailable"
        ? { step: "completing", reauthUser }
        : undefined
    case "signedIn":
      return state.step === "submitting" ||
        state.step === "completing" ||
        (state.step === "secondFactor" && state.isSubmitting)
        ? { step: "done", reauthUser, session: event.session }
        : undefined
    case "failed":
      return fail(state, event.error, event.now)
    case "cancel":
      switch (state.step) {
        case "submitting":
        case "secondFactor":
        case "redirecting":
          return start(state.options)
        case "discovering":
        case "unavailable":
        case "start":
        case "completing":
        case "done":
          return undefined
        default:
          return state satisfies never
      }
    default:
      return event satisfies never
  }
}

/** Second-factor errors that keep the challenge open; any other error sends the user back to the start. */
const keepsChallenge = new Set([
  "invalid_second_factor",
  "invalid_input",
  "rate_limited",
  "network",
  "timeout",
  "server",
  "invalid_response",
])

function fail(
  state: SignInFlowSnapshot,
  error: AuthError,
  now: number,
): SignInFlowSnapshot | undefined {
  const { reauthUser } = state
  const retryAt = error.retryAfterMs === undefined ? undefined : now + error.retryAfterMs
  switch (state.step) {
    case "discovering":
      return { step: "unavailable", reauthUser, error, options: state.options }
    case "start":
      return { ...state, error, retryAt }
    case "submitting":
    case "redirecting":
      return { step: "start", reauthUser, options: state.options, error, retryAt }
    case "secondFactor":
      return keepsChallenge.has(error.code)
        ? { ...state, isSubmitting: false, error, retryAt }
        : { step: "start", reauthUser, options: state.options, error, retryAt }
    case "completing":
      return { step: "unavailable", reauthUser, error, options: undefined }
    case "unavailable":
    case "done":
      return undefined
    default:
      return state satisfies never
  }
}
