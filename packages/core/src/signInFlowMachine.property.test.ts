import fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { SecondFactorChallenge, SignInOptions } from "./adapter"
import { AuthError, type AuthErrorCode } from "./authError"
import { propertyRuns, propertyTimeout } from "./reliability/propertyRuns"
import type { Session, SessionUser } from "./session"
import {
  initialSignInFlow,
  type SignInFlowEvent,
  type SignInFlowSnapshot,
  transitionSignInFlow,
} from "./signInFlowMachine"

const codes: readonly AuthErrorCode[] = [
  "invalid_credentials",
  "invalid_second_factor",
  "second_factor_expired",
  "captcha_invalid",
  "rate_limited",
  "network",
  "timeout",
  "server",
  "invalid_response",
  "invalid_input",
  "session_expired",
  "sso_state_mismatch",
  "aborted",
]

const optionsArb: fc.Arbitrary<SignInOptions> = fc.record({
  identifier: fc.constantFrom("email", "username", "matrixId"),
  asksForServer: fc.boolean(),
  hasPassword: fc.boolean(),
  ssoProviders: fc.array(fc.record({ id: fc.string(), name: fc.string() }), { maxLength: 2 }),
})
const challengeArb: fc.Arbitrary<SecondFactorChallenge> = fc
  .uniqueArray(fc.constantFrom("totp", "sms", "yubi"), { minLength: 1, maxLength: 3 })
  .chain((ids) =>
    fc.record({
      methods: fc.constant(ids.map((id) => ({ id, kind: "totp" as const, canResend: false }))),
      method: fc.constantFrom(...ids),
      expiresAt: fc.option(fc.nat(), { nil: null }),
    }),
  )
const sessionArb: fc.Arbitrary<Session> = fc.record({
  user: fc.record({ id: fc.string({ minLength: 1 }) }),
  credentials: fc.string(),
  issuedAt: fc.nat(),
  expiresAt: fc.option(fc.nat(), { nil: null }),
  isRefreshable: fc.boolean(),
})
const errorArb = fc
  .tuple(fc.constantFrom(...codes), fc.option(fc.nat(120_000), { nil: undefined }))
  .map(([code, retryAfterMs]) => new AuthError(code, { retryAfterMs }))

/** Every command and every answer the flow can receive, with random payloads. */
const eventArb: fc.Arbitrary<SignInFlowEvent> = fc.oneof(
  fc.constant({ type: "discover" as const }),
  optionsArb.map((options) => ({ type: "discovered" as const, options })),
  fc.constant({
    type: "captchaLoaded" as const,
    captcha: { kind: "image" as const, image: "data:image/png;base64,AA", ticket: "t" },
  }),
  fc.constant({ type: "submit" as const }),
  fc.constant({ type: "submitLoginToken" as const }),
  fc.constant({ type: "submitCode" as const }),
  fc.constant({ type: "selectMethod" as const }),
  challengeArb.map((challenge) => ({ type: "challengeUpdated" as const, challenge })),
  fc
    .tuple(challengeArb, fc.option(fc.string(), { nil: undefined }))
    .map(([challenge, identifier]) => ({
      type: "secondFactorRequired" as const,
      challenge,
      identifier,
    })),
  fc.option(fc.string(), { nil: undefined }).map((providerId) => ({
    type: "startSso" as const,
    providerId,
  })),
  fc.constant({ type: "completeSso" as const }),
  sessionArb.map((session) => ({ type: "signedIn" as const, session })),
  fc.tuple(errorArb, fc.nat()).map(([error, now]) => ({ type: "failed" as const, error, now })),
  fc.constant({ type: "cancel" as const }),
)

/**
 * Which step accepts which event, written from the flow's contract rather than read from its code: a command in
 * any other step is refused (the flow turns that into `invalid_step`).
 */
function accepts(state: SignInFlowSnapshot, event: SignInFlowEvent): boolean {
  const { step } = state
  const isSubmittingCode = state.step === "secondFactor" && state.isSubmitting
  switch (event.type) {
    case "discover":
      return !["submitting", "completing", "done"].includes(step)
    case "discovered":
      return step === "discovering"
    case "captchaLoaded":
      return step === "start" || step === "submitting"
    case "submit":
      return state.step === "start" && state.options.hasPassword
    case "submitLoginToken":
      return step === "start"
    case "submitCode":
    case "selectMethod":
      return step === "secondFactor" && !isSubmittingCode
    case "challengeUpdated":
      return step === "secondFactor"
    case "secondFactorRequired":
      return step === "submitting" || isSubmittingCode
    case "startSso":
      return state.step === "start" && state.options.ssoProviders.length > 0
    case "completeSso":
      return step === "discovering" || step === "start" || step === "unavailable"
    case "signedIn":
      return step === "submitting" || step === "completing" || isSubmittingCode
    case "failed":
      return step !== "unavailable" && step !== "done"
    case "cancel":
      return step === "submitting" || step === "secondFactor" || step === "redirecting"
    default:
      return event satisfies never
  }
}

/** The snapshot is one of the union's members, with every field its step requires. */
function expectWellFormed(state: SignInFlowSnapshot, reauthUser: SessionUser | undefined) {
  expect(state.reauthUser).toBe(reauthUser)
  switch (state.step) {
    case "discovering":
      return
    case "unavailable":
      expect(state.error).toBeInstanceOf(AuthError)
      return
    case "start":
      expect(state.options).toBeDefined()
      return
    case "submitting":
    case "redirecting":
      expect(state.options).toBeDefined()
      return
    case "secondFactor":
      expect(state.options).toBeDefined()
      expect(state.challenge.methods.length).toBeGreaterThan(0)
      expect(typeof state.isSubmitting).toBe("boolean")
      return
    case "completing":
      return
    case "done":
      // Never done without a session.
      expect(state.session).toBeDefined()
      expect(state.session.user.id).not.toBe("")
      return
    default:
      throw new Error(
        `a step outside the union: ${(state satisfies never as { step: string }).step}`,
      )
  }
}

describe("the sign-in flow machine, under random events", () => {
  it(
    "stays inside its union, is done only with a session, and refuses every event in the wrong step",
    () => {
      fc.assert(
        fc.property(
          fc.option(fc.record({ id: fc.string({ minLength: 1 }) }), { nil: undefined }),
          fc.array(eventArb, { maxLength: 40 }),
          (reauthUser, events) => {
            let state = initialSignInFlow(reauthUser)
            for (const event of events) {
              const next = transitionSignInFlow(state, event)
              expect(next !== undefined, `${state.step} × ${event.type}`).toBe(
                accepts(state, event),
              )
              if (!next) continue
              expectWellFormed(next, reauthUser)
              // Who is signing in is known on the second step only: leaving it forgets them.
              if (next.step !== "secondFactor") expect(next).not.toHaveProperty("identifier")
              if (next.step === "done") {
                expect(event.type).toBe("signedIn")
                if (event.type === "signedIn") expect(next.session).toBe(event.session)
              }
              // A transient failure while a code is checked keeps the challenge open.
              if (state.step === "secondFactor" && event.type === "failed") {
                const isTransient = ["network", "timeout", "server", "rate_limited"].includes(
                  event.error.code,
                )
                if (isTransient) expect(next.step).toBe("secondFactor")
              }
              state = next
            }
          },
        ),
        propertyRuns(3_000),
      )
    },
    propertyTimeout(30_000),
  )
})
