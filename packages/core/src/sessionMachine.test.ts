import { describe, expect, it } from "vitest"
import { AuthError } from "./authError"
import type { Session } from "./session"
import {
  initialSession,
  refusalEnds,
  type SessionEvent,
  type SessionState,
  transitionSession,
} from "./sessionMachine"

const session = (id: string): Session<string> => ({
  user: { id },
  credentials: `token-${id}`,
  issuedAt: 0,
  expiresAt: 60_000,
  isRefreshable: true,
})
const alice = session("alice")
const renewed = { ...alice, credentials: "token-alice-2", issuedAt: 50_000, expiresAt: 110_000 }
const expired = new AuthError("session_expired")

/** Runs events in order, failing loudly when one is ignored. */
function run(...events: SessionEvent<string>[]): SessionState<string> {
  return events.reduce((state, event) => {
    const next = transitionSession(state, event)
    if (!next) throw new Error(`ignored: ${event.type}`)
    return next
  }, initialSession<string>())
}

describe("the session machine", () => {
  it("starts initializing and restores a stored session or none", () => {
    expect(initialSession().snapshot.status).toBe("initializing")
    expect(run({ type: "restored", session: alice }).snapshot).toMatchObject({
      status: "signedIn",
      session: alice,
    })
    const offline = new AuthError("network")
    expect(run({ type: "restored", session: alice, error: offline }).snapshot.error).toBe(offline)
    expect(run({ type: "restored", session: undefined }).snapshot.status).toBe("signedOut")
  })

  it("restores only once", () => {
    const state = run({ type: "restored", session: undefined })
    expect(transitionSession(state, { type: "restored", session: alice })).toBeUndefined()
  })

  it("goes through a refresh, keeping the generation", () => {
    const signedIn = run({ type: "signedIn", session: alice })
    const { generation } = signedIn
    const started = transitionSession(signedIn, { type: "refreshStarted", generation })
    expect(started?.snapshot).toMatchObject({ status: "signedIn", isRefreshing: true })
    const retrying =
      started &&
      transitionSession(started, {
        type: "refreshRetrying",
        generation,
        error: new AuthError("network"),
      })
    expect(retrying?.snapshot).toMatchObject({ isRefreshing: true, error: { code: "network" } })
    const done =
      retrying && transitionSession(retrying, { type: "refreshed", generation, session: renewed })
    expect(done).toEqual({
      generation,
      snapshot: { status: "signedIn", session: renewed, isRefreshing: false, error: undefined },
    })
  })

  it.each([
    ["a sign-out", { type: "signedOut", error: undefined }],
    ["a new sign-in", { type: "signedIn", session: session("bob") }],
    [
      "another tab asking to re-authenticate",
      { type: "reauthRequired", session: alice, error: expired },
    ],
  ] satisfies [string, SessionEvent<string>][])(
    "lets %s win over a refresh in flight: its outcome is dropped",
    (_, event) => {
      const signedIn = run({ type: "signedIn", session: alice })
      const { generation } = signedIn
      const refreshing = transitionSession(signedIn, { type: "refreshStarted", generation })
      const replaced = refreshing && transitionSession(refreshing, event)
      expect(replaced?.generation).toBe(generation + 1)
      for (const outcome of [
        { type: "refreshed", generation, session: renewed },
        { type: "refreshFailed", generation, error: new AuthError("network") },
        { type: "refreshRefused", generation, error: new AuthError("session_revoked") },
      ] satisfies SessionEvent<string>[]) {
        expect(replaced && transitionSession(replaced, outcome)).toBeUndefined()
      }
    },
  )

  it("keeps the session after a transient failure and says why", () => {
    const signedIn = run({ type: "signedIn", session: alice })
    const { generation } = signedIn
    const failed = transitionSession(signedIn, {
      type: "refreshFailed",
      generation,
      error: new AuthError("timeout"),
    })
    expect(failed).toEqual({
      generation,
      snapshot: {
        status: "signedIn",
        session: alice,
        isRefreshing: false,
        error: new AuthError("timeout"),
      },
    })
  })

  it.each([
    ["session_expired", "reauthRequired"],
    ["session_revoked", "signedOut"],
    ["account_disabled", "signedOut"],
    ["invalid_credentials", "signedOut"],
    ["server", "signedIn"],
  ] as const)("reads a refused refresh (%s) as the vendor means it: %s", (code, status) => {
    const signedIn = run({ type: "signedIn", session: alice })
    const error = new AuthError(code)
    const next = transitionSession(signedIn, {
      type: "refreshRefused",
      generation: signedIn.generation,
      error,
    })
    expect(next?.snapshot).toMatchObject({ status, error, isRefreshing: false })
    expect(next?.generation).toBe(signedIn.generation + (status === "signedIn" ? 0 : 1))
    if (status === "reauthRequired") expect(next?.snapshot.session).toBe(alice)
  })

  it("refreshes only a signed-in session", () => {
    const reauth = run({ type: "reauthRequired", session: alice, error: expired })
    expect(
      transitionSession(reauth, { type: "refreshStarted", generation: reauth.generation }),
    ).toBeUndefined()
    const out = run({ type: "signedOut", error: undefined })
    expect(
      transitionSession(out, { type: "refreshed", generation: out.generation, session: alice }),
    ).toBeUndefined()
  })

  it("keeps the user through re-authentication and back", () => {
    const state = run(
      { type: "restored", session: alice },
      { type: "reauthRequired", session: alice, error: expired },
    )
    expect(state.snapshot).toMatchObject({
      status: "reauthRequired",
      session: alice,
      error: expired,
    })
    expect(transitionSession(state, { type: "signedIn", session: renewed })?.snapshot.status).toBe(
      "signedIn",
    )
  })

  it("names what each refusal ends", () => {
    expect(refusalEnds(new AuthError("session_expired"))).toBe("reauth")
    expect(refusalEnds(new AuthError("account_locked"))).toBe("signOut")
    expect(refusalEnds(new AuthError("account_locked", { status: 403 }))).toBe("signOut")
    // A lock that asks to authenticate again (401, Matrix's soft logout) keeps the user for when it is lifted.
    expect(refusalEnds(new AuthError("account_locked", { status: 401 }))).toBe("reauth")
    expect(refusalEnds(new AuthError("rate_limited"))).toBe("nothing")
  })
})
