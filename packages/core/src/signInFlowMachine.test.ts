import { describe, expect, it } from "vitest"
import type { SecondFactorChallenge, SignInOptions } from "./adapter"
import { AuthError } from "./authError"
import type { Session } from "./session"
import {
  initialSignInFlow,
  type SignInFlowEvent,
  type SignInFlowSnapshot,
  transitionSignInFlow,
} from "./signInFlowMachine"

const options: SignInOptions = {
  identifier: "username",
  asksForServer: false,
  hasPassword: true,
  ssoProviders: [{ id: "idp", name: "Example IdP" }],
}
const challenge: SecondFactorChallenge = {
  methods: [
    { id: "totp", kind: "totp", canResend: false },
    { id: "sms", kind: "sms", canResend: true },
  ],
  method: "totp",
  expiresAt: 1_000,
}
const session: Session = {
  user: { id: "alice" },
  credentials: {},
  issuedAt: 0,
  expiresAt: null,
  isRefreshable: false,
}
const reauthUser = undefined

const states = {
  discovering: initialSignInFlow(undefined),
  unavailable: {
    step: "unavailable",
    reauthUser,
    error: new AuthError("network"),
    options: undefined,
  },
  start: { step: "start", reauthUser, options, error: undefined, retryAt: undefined },
  submitting: { step: "submitting", reauthUser, options },
  secondFactor: {
    step: "secondFactor",
    reauthUser,
    options,
    challenge,
    identifier: "alice@example.com",
    isSubmitting: false,
    error: undefined,
    retryAt: undefined,
  },
  verifying: {
    step: "secondFactor",
    reauthUser,
    options,
    challenge,
    identifier: "alice@example.com",
    isSubmitting: true,
    error: undefined,
    retryAt: undefined,
  },
  redirecting: { step: "redirecting", reauthUser, options, providerId: "idp" },
  completing: { step: "completing", reauthUser },
  done: { step: "done", reauthUser, session },
} satisfies Record<string, SignInFlowSnapshot>
type StateName = keyof typeof states

const commands = {
  discover: { type: "discover" },
  submit: { type: "submit" },
  submitCode: { type: "submitCode" },
  selectMethod: { type: "selectMethod" },
  startSso: { type: "startSso", providerId: "idp" },
  completeSso: { type: "completeSso" },
  cancel: { type: "cancel" },
} satisfies Record<string, SignInFlowEvent>
type CommandName = keyof typeof commands

/** Which step each command leads to from each state; absent means the command is rejected there. */
const allowed: Record<StateName, Partial<Record<CommandName, SignInFlowSnapshot["step"]>>> = {
  discovering: { discover: "discovering", completeSso: "completing" },
  unavailable: { discover: "discovering", completeSso: "completing" },
  start: {
    discover: "discovering",
    submit: "submitting",
    startSso: "redirecting",
    completeSso: "completing",
  },
  submitting: { cancel: "start" },
  secondFactor: {
    discover: "discovering",
    submitCode: "secondFactor",
    selectMethod: "secondFactor",
    cancel: "start",
  },
  verifying: { discover: "discovering", cancel: "start" },
  redirecting: { discover: "discovering", cancel: "start" },
  completing: {},
  done: {},
}

describe("transitionSignInFlow", () => {
  for (const [stateName, state] of Object.entries(states) as [StateName, SignInFlowSnapshot][]) {
    for (const [commandName, command] of Object.entries(commands) as [
      CommandName,
      SignInFlowEvent,
    ][]) {
      const expected = allowed[stateName][commandName]
      it(`${expected ? "accepts" : "rejects"} ${commandName} in ${stateName}`, () => {
        expect(transitionSignInFlow(state, command)?.step).toBe(expected)
      })
    }
  }

  it("goes from discovery to the start with the server's options", () => {
    expect(transitionSignInFlow(states.discovering, { type: "discovered", options })).toMatchObject(
      {
        step: "start",
        options,
        error: undefined,
      },
    )
  })

  it("keeps the discovered options while discovering again, and after that discovery fails", () => {
    const again = transitionSignInFlow(states.start, { type: "discover" })
    expect(again).toMatchObject({ step: "discovering", options })
    const failed =
      again &&
      transitionSignInFlow(again, {
        type: "failed",
        error: new AuthError("unknown_server"),
        now: 0,
      })
    expect(failed).toMatchObject({ step: "unavailable", options })
  })

  it("takes a login token from the start, even where the server offers no password", () => {
    const ssoOnly = { ...states.start, options: { ...options, hasPassword: false } }
    expect(transitionSignInFlow(ssoOnly, { type: "submitLoginToken" })).toMatchObject({
      step: "submitting",
    })
    expect(transitionSignInFlow(ssoOnly, { type: "submit" })).toBeUndefined()
    expect(transitionSignInFlow(states.submitting, { type: "submitLoginToken" })).toBeUndefined()
  })

  it("reports a failed discovery as unavailable", () => {
    const error = new AuthError("network")
    expect(
      transitionSignInFlow(states.discovering, { type: "failed", error, now: 0 }),
    ).toMatchObject({
      step: "unavailable",
      error,
    })
  })

  it("moves from submitting to the second factor, then to done", () => {
    const second = transitionSignInFlow(states.submitting, {
      type: "secondFactorRequired",
      challenge,
      identifier: "alice@example.com",
    })
    expect(second).toMatchObject({ step: "secondFactor", challenge, isSubmitting: false })
    const verifying = second && transitionSignInFlow(second, { type: "submitCode" })
    expect(verifying).toMatchObject({ isSubmitting: true })
    expect(
      verifying && transitionSignInFlow(verifying, { type: "signedIn", session }),
    ).toMatchObject({
      step: "done",
      session,
    })
  })

  it("signs in straight from submitting or an SSO completion", () => {
    expect(transitionSignInFlow(states.submitting, { type: "signedIn", session })?.step).toBe(
      "done",
    )
    expect(transitionSignInFlow(states.completing, { type: "signedIn", session })?.step).toBe(
      "done",
    )
    expect(transitionSignInFlow(states.start, { type: "signedIn", session })).toBeUndefined()
    expect(transitionSignInFlow(states.secondFactor, { type: "signedIn", session })).toBeUndefined()
  })

  it("returns a refused password to the start with its field errors and the rate limit's end", () => {
    const error = new AuthError("rate_limited", {
      retryAfterMs: 30_000,
      fields: ["password"],
    })
    expect(
      transitionSignInFlow(states.submitting, { type: "failed", error, now: 5_000 }),
    ).toMatchObject({
      step: "start",
      error,
      retryAt: 35_000,
    })
  })

  it("keeps the challenge after a wrong code, and leaves it when the challenge expired", () => {
    const wrong = new AuthError("invalid_second_factor")
    expect(
      transitionSignInFlow(states.verifying, { type: "failed", error: wrong, now: 0 }),
    ).toMatchObject({
      step: "secondFactor",
      isSubmitting: false,
      error: wrong,
      challenge,
    })
    const expired = new AuthError("second_factor_expired")
    expect(
      transitionSignInFlow(states.verifying, { type: "failed", error: expired, now: 0 }),
    ).toMatchObject({
      step: "start",
      error: expired,
    })
  })

  it("refuses a second code while one is being checked", () => {
    expect(transitionSignInFlow(states.verifying, { type: "submitCode" })).toBeUndefined()
  })

  it("refuses a password where the server offers none, and SSO where it offers no provider", () => {
    const ssoOnly = { ...states.start, options: { ...options, hasPassword: false } }
    expect(transitionSignInFlow(ssoOnly, { type: "submit" })).toBeUndefined()
    const passwordOnly = { ...states.start, options: { ...options, ssoProviders: [] } }
    expect(
      transitionSignInFlow(passwordOnly, { type: "startSso", providerId: undefined }),
    ).toBeUndefined()
  })

  it("shows a failed SSO completion as unavailable, from where discovery starts over", () => {
    const error = new AuthError("sso_state_mismatch")
    const failed = transitionSignInFlow(states.completing, { type: "failed", error, now: 0 })
    expect(failed).toMatchObject({ step: "unavailable", error })
    expect(failed && transitionSignInFlow(failed, { type: "discover" })?.step).toBe("discovering")
  })

  it("updates the captcha and the challenge in place", () => {
    const captcha = { kind: "image", image: "data:image/png;base64,AA", ticket: "t2" } as const
    expect(transitionSignInFlow(states.start, { type: "captchaLoaded", captcha })).toMatchObject({
      step: "start",
      options: { captcha },
    })
    const sms = { ...challenge, method: "sms" }
    expect(
      transitionSignInFlow(states.secondFactor, { type: "challengeUpdated", challenge: sms }),
    ).toMatchObject({
      challenge: sms,
    })
  })

  it("ignores answers that arrive after the flow moved on", () => {
    expect(transitionSignInFlow(states.start, { type: "discovered", options })).toBeUndefined()
    expect(
      transitionSignInFlow(states.done, {
        type: "failed",
        error: new AuthError("network"),
        now: 0,
      }),
    ).toBeUndefined()
  })

  it("keeps who is signing in through the second step, and forgets it when the step is left", () => {
    const wrong = new AuthError("invalid_second_factor")
    const sms = { ...challenge, method: "sms" }
    let state: SignInFlowSnapshot | undefined = states.secondFactor
    for (const event of [
      { type: "selectMethod" },
      { type: "challengeUpdated", challenge: sms },
      { type: "submitCode" },
      { type: "failed", error: wrong, now: 0 },
    ] satisfies SignInFlowEvent[]) {
      state = state && transitionSignInFlow(state, event)
      expect(state).toMatchObject({ step: "secondFactor", identifier: "alice@example.com" })
    }
    // "Use another account", another server typed, an expired challenge: nothing remembers whose it was.
    const expired = new AuthError("second_factor_expired")
    for (const left of [
      transitionSignInFlow(states.secondFactor, { type: "cancel" }),
      transitionSignInFlow(states.secondFactor, { type: "discover" }),
      transitionSignInFlow(states.verifying, { type: "failed", error: expired, now: 0 }),
    ]) {
      expect(left?.step).not.toBe("secondFactor")
      expect(left).not.toHaveProperty("identifier")
    }
    // The next attempt is the next account's.
    const cancelled = transitionSignInFlow(states.secondFactor, { type: "cancel" })
    const again = cancelled && transitionSignInFlow(cancelled, { type: "submit" })
    expect(
      again &&
        transitionSignInFlow(again, { type: "secondFactorRequired", challenge, identifier: "bob" }),
    ).toMatchObject({ step: "secondFactor", identifier: "bob" })
  })

  it("names no one on a second step that nobody typed a name for (a login token)", () => {
    const submitting = transitionSignInFlow(states.start, { type: "submitLoginToken" })
    expect(
      submitting &&
        transitionSignInFlow(submitting, {
          type: "secondFactorRequired",
          challenge,
          identifier: undefined,
        }),
    ).toMatchObject({ step: "secondFactor", identifier: undefined })
  })

  it("keeps the user being re-authenticated through every step", () => {
    const user = { id: "alice" }
    const start = transitionSignInFlow(initialSignInFlow(user), { type: "discovered", options })
    const submitting = start && transitionSignInFlow(start, { type: "submit" })
    expect(submitting?.reauthUser).toBe(user)
  })
})
