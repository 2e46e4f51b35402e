import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { AuthError, type AuthErrorCode } from "./authError"
import { propertyRuns, propertyTimeout } from "./reliability/propertyRuns"
import type { Session } from "./session"
import {
  initialSession,
  refusalEnds,
  type SessionEvent,
  type SessionState,
  transitionSession,
} from "./sessionMachine"

const codes: readonly AuthErrorCode[] = [
  "network",
  "timeout",
  "server",
  "rate_limited",
  "invalid_response",
  "session_expired",
  "session_revoked",
  "invalid_credentials",
  "account_locked",
  "account_disabled",
  "aborted",
]

const sessionArb: fc.Arbitrary<Session<string>> = fc.record({
  user: fc.record({ id: fc.constantFrom("alice", "bob") }),
  credentials: fc.string({ minLength: 1 }),
  issuedAt: fc.nat(),
  expiresAt: fc.option(fc.nat(), { nil: null }),
  isRefreshable: fc.boolean(),
})
const errorArb = fc.constantFrom(...codes).map((code) => new AuthError(code))

/** An event, with a refresh outcome's generation picked relative to the current one (`0`: current). */
type Draw =
  | { readonly kind: "event"; readonly event: SessionEvent<string> }
  | {
      readonly kind: "refresh"
      readonly offset: number
      readonly make: (generation: number) => SessionEvent<string>
    }

const drawArb: fc.Arbitrary<Draw> = fc.oneof(
  fc
    .tuple(fc.option(sessionArb, { nil: undefined }), fc.option(errorArb, { nil: undefined }))
    .map(([session, error]) => ({
      kind: "event" as const,
      event: { type: "restored" as const, session, error },
    })),
  sessionArb.map((session) => ({
    kind: "event" as const,
    event: { type: "signedIn" as const, session },
  })),
  fc.tuple(sessionArb, errorArb).map(([session, error]) => ({
    kind: "event" as const,
    event: { type: "reauthRequired" as const, session, error },
  })),
  fc.option(errorArb, { nil: undefined }).map((error) => ({
    kind: "event" as const,
    event: { type: "signedOut" as const, error },
  })),
  fc
    .tuple(
      fc.constantFrom(0, 0, 0, -1, -2, 1),
      fc.constantFrom("started", "retrying", "refreshed", "failed", "refused"),
      sessionArb,
      errorArb,
    )
    .map(([offset, type, session, error]) => ({
      kind: "refresh" as const,
      offset,
      make: (generation: number): SessionEvent<string> => {
        switch (type) {
          case "started":
            return { type: "refreshStarted", generation }
          case "retrying":
            return { type: "refreshRetrying", generation, error }
          case "refreshed":
            return { type: "refreshed", generation, session }
          case "failed":
            return { type: "refreshFailed", generation, error }
          default:
            return { type: "refreshRefused", generation, error }
        }
      },
    })),
)

function expectWellFormed(state: SessionState<string>) {
  const { snapshot } = state
  switch (snapshot.status) {
    case "initializing":
    case "signedOut":
      expect(snapshot.session).toBeUndefined()
      expect(snapshot.isRefreshing).toBe(false)
      return
    case "signedIn":
      // Never signed in without credentials.
      expect(snapshot.session.credentials).not.toBe("")
      return
    case "reauthRequired":
      expect(snapshot.session).toBeDefined()
      expect(snapshot.isRefreshing).toBe(false)
      return
    default:
      throw new Error(
        `a status outside the union: ${(snapshot satisfies never as { status: string }).status}`,
      )
  }
}

describe("the session machine, under random events", () => {
  it(
    "stays inside its union, never signed in without a session, and drops every refresh outcome of an older session",
    () => {
      fc.assert(
        fc.property(fc.array(drawArb, { maxLength: 40 }), (draws) => {
          let state = initialSession<string>()
          /** Generations a sign-out ended: an outcome of theirs must never count again. */
          const ended = new Set<number>()
          for (const draw of draws) {
            const event =
              draw.kind === "event" ? draw.event : draw.make(state.generation + draw.offset)
            const next = transitionSession(state, event)
            if ("generation" in event) {
              const applies =
                event.generation === state.generation && state.snapshot.status === "signedIn"
              expect(next !== undefined, `${state.snapshot.status} × ${event.type}`).toBe(applies)
              // Sign-out wins: nothing of a session signed out comes back.
              if (ended.has(event.generation)) expect(next).toBeUndefined()
            }
            if (event.type === "restored")
              expect(next !== undefined).toBe(state.snapshot.status === "initializing")
            if (!next) continue
            expectWellFormed(next)
            expect(next.generation).toBeGreaterThanOrEqual(state.generation)
            if (next.snapshot.status === "initializing")
              expect(state.snapshot.status).toBe("initializing")
            if (event.type === "signedOut") {
              expect(next.snapshot.status).toBe("signedOut")
              ended.add(state.generation)
            }
            if (event.type === "refreshRefused" && refusalEnds(event.error) === "signOut") {
              expect(next.snapshot.status).toBe("signedOut")
              ended.add(state.generation)
            }
            // A transient failure never signs anyone out.
            if (event.type === "refreshFailed" || event.type === "refreshRetrying")
              expect(next.snapshot.status).toBe("signedIn")
            state = next
          }
        }),
        propertyRuns(3_000),
      )
    },
    propertyTimeout(30_000),
  )
})
