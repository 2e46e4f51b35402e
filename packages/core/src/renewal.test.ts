import { describe, expect, it } from "vitest"
import { createAuthClient } from "./authClient"
import { nextRenewal } from "./renewal"
import type { Session } from "./session"
import { createFakeServer, createManualClock, createTestPlatform, fakeAdapter } from "./testing"

const session = (lifetimeMs: number, isRefreshable = true): Session => ({
  user: { id: "alice" },
  credentials: {},
  issuedAt: 0,
  expiresAt: lifetimeMs,
  isRefreshable,
})

describe("nextRenewal", () => {
  it("acts min(60 s, lifetime / 5) before expiry, or never for a session that does not expire", () => {
    expect(nextRenewal(session(3_600_000))).toEqual({ type: "refresh", at: 3_540_000 })
    expect(nextRenewal(session(100_000, false))).toEqual({ type: "reauth", at: 80_000 })
    expect(nextRenewal({ ...session(0), expiresAt: null })).toBeUndefined()
  })

  it("takes a longer lead when the client asks for one, still within a fifth of the lifetime", () => {
    expect(nextRenewal(session(1_200_000), 120_000)?.at).toBe(1_080_000)
    expect(nextRenewal(session(300_000), 120_000)?.at).toBe(240_000)
  })
})

describe("a client's renewal lead", () => {
  it("asks to re-authenticate as early as renewalLeadMs before expiry, with no request failing", async () => {
    const clock = createManualClock()
    const server = createFakeServer({ clock, accessTtlMs: 1_200_000, canRefresh: false })
    const client = createAuthClient({
      adapter: fakeAdapter({ canRefresh: false }),
      platform: createTestPlatform({ fetch: server.fetch, clock }),
      renewalLeadMs: 120_000,
    })
    const flow = client.signIn()
    await clock.flush()
    await flow.submit({ identifier: "alice", password: "correct horse battery staple" })
    await clock.advance(1_080_000 - 1)
    expect(client.getSnapshot().status).toBe("signedIn")
    await clock.advance(1)
    expect(client.getSnapshot()).toMatchObject({
      status: "reauthRequired",
      session: { user: { id: "alice" } },
      error: { code: "session_expired" },
    })
    expect(server.requests).toEqual(["/options", "/login"])
    client.dispose()
  })
})
