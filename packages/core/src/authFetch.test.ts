import { describe, expect, it } from "vitest"
import { createAuthClient } from "./authClient"
import { AuthError } from "./authError"
import { createFakeServer, createManualClock, createTestPlatform, fakeAdapter } from "./testing"

describe("client.fetch", () => {
  it("signs out on a revoked session and passes on the server's reason", async () => {
    const clock = createManualClock()
    const server = createFakeServer({ clock })
    const base = fakeAdapter()
    const client = createAuthClient({
      adapter: {
        ...base,
        classify: async (response) =>
          response.status === 401
            ? { type: "revoked", serverMessage: "Your token audience is not valid" }
            : { type: "ok" },
      },
      platform: createTestPlatform({ fetch: server.fetch, clock }),
    })
    const flow = client.signIn()
    await clock.flush()
    await flow.submit({ identifier: "alice", password: "correct horse battery staple" })
    server.failNext("/me", { type: "status", status: 401, body: { error: "revoked" } })
    const error = await client.fetch("https://fake.test/me").catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(AuthError)
    expect(error).toMatchObject({
      code: "session_revoked",
      status: 401,
      serverMessage: "Your token audience is not valid",
    })
    expect(client.getSnapshot().status).toBe("signedOut")
    client.dispose()
  })
})
