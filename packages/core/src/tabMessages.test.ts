import { describe, expect, it } from "vitest"
import { createAuthClient } from "./authClient"
import {
  createFakeServer,
  createManualClock,
  createMemoryBroadcast,
  createMemoryLocks,
  createTestPlatform,
  fakeAdapter,
  memoryStorage,
} from "./testing"

describe("messages from other tabs", () => {
  it("ignores every malformed one, and obeys a well-formed one", async () => {
    const clock = createManualClock()
    const server = createFakeServer({ clock, secondFactor: "none" })
    const broadcast = createMemoryBroadcast()
    const storage = memoryStorage()
    const client = createAuthClient({
      adapter: fakeAdapter(),
      platform: createTestPlatform({
        fetch: server.fetch,
        clock,
        broadcast,
        locks: createMemoryLocks(clock),
      }),
      storage,
    })
    const flow = client.signIn()
    await clock.flush()
    await flow.submit({ identifier: "alice", password: "correct horse battery staple" })
    const signedIn = client.getSnapshot()
    const stored = storage.get("latchkey:default:fake:session")
    const stranger = broadcast.open("latchkey:default:fake")
    const envelope = (session: unknown, vendor = "fake") => ({ version: 1, vendor, session })
    const valid = signedIn.session
    for (const message of [
      null,
      "signedOut",
      42,
      [{ type: "signedOut" }],
      { type: "unknown" },
      { type: "session" },
      { type: "session", value: "not a session" },
      { type: "session", value: envelope({ ...valid, credentials: { accessToken: 7 } }) },
      { type: "session", value: envelope({ ...valid, user: { id: "" } }) },
      { type: "session", value: envelope(valid, "another-vendor") },
      { type: "session", value: { ...envelope(valid), version: 2 } },
      { type: "reauth", value: null },
      { type: "signedOut", at: "yesterday" },
      { type: "signedOut", at: Number.NaN },
    ]) {
      stranger.postMessage(message)
      await clock.flush()
      expect(client.getSnapshot(), JSON.stringify(message)).toBe(signedIn)
      expect(storage.get("latchkey:default:fake:session")).toBe(stored)
    }
    stranger.postMessage({ type: "signedOut" })
    await clock.flush()
    expect(client.getSnapshot().status).toBe("signedOut")
    client.dispose()
  })
})
