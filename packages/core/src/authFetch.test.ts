import { describe, expect, it } from "vitest"
import { createAuthClient } from "./authClient"
import type { AuthClientOptions } from "./authClientTypes"
import { AuthError } from "./authError"
import {
  createFakeServer,
  createFaultyFetch,
  createManualClock,
  createTestPlatform,
  type FakeCredentials,
  fakeAdapter,
} from "./testing"

/** Alice signed in through a fault injector in front of the fake server; `options` go to the client. */
async function signedInBehindFaults(
  options: Omit<AuthClientOptions<FakeCredentials>, "adapter" | "platform"> = {},
) {
  const clock = createManualClock()
  const server = createFakeServer({ clock })
  const faulty = createFaultyFetch(server.fetch)
  const client = createAuthClient({
    adapter: fakeAdapter(),
    platform: createTestPlatform({ fetch: faulty.fetch, clock }),
    ...options,
  })
  const flow = client.signIn()
  await clock.flush()
  await flow.submit({ identifier: "alice", password: "correct horse battery staple" })
  return { clock, server, faulty, client }
}

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

  it("answers the app's call within the timeout when the answer's body stalls while it is read", async () => {
    const { clock, server, faulty, client } = await signedInBehindFaults({ timeoutMs: 5_000 })
    // A 401 whose body (read to tell expired from revoked) stops arriving halfway.
    server.failNext("/me", { type: "status", status: 401, body: { error: "revoked" } })
    faulty.inject({ type: "stallMidBody" }, { times: 1 })
    let answered: Response | undefined
    void client.fetch("https://fake.test/me").then((response) => {
      answered = response
    })
    await clock.advance(4_999)
    expect(answered).toBeUndefined()
    await clock.advance(1)
    // An unreadable 401 reads as expired to this vendor: renewed, and the retry answered.
    expect(answered?.status).toBe(200)
    expect(server.count("/refresh")).toBe(1)
    expect(client.getSnapshot().status).toBe("signedIn")
    expect(clock.pendingTimers()).toBe(1)
    client.dispose()
    await clock.flush()
    expect(faulty.held()).toBe(0)
  })

  it("cancels the app's call when the app aborts it, and the session stays", async () => {
    const { clock, faulty, client } = await signedInBehindFaults()
    faulty.inject({ type: "hangBeforeHeaders" }, { times: 1 })
    const controller = new AbortController()
    const call = client.fetch("https://fake.test/me", { signal: controller.signal })
    const outcome = call.catch((caught: unknown) => caught)
    await clock.flush()
    expect(faulty.held()).toBe(1)
    controller.abort()
    expect(await outcome).toMatchObject({ name: "AuthError", code: "aborted" })
    await clock.flush()
    expect(faulty.held()).toBe(0)
    expect(client.getSnapshot().status).toBe("signedIn")
    // Aborted before it starts: nothing is sent.
    const before = faulty.log.length
    await expect(
      client.fetch("https://fake.test/me", { signal: controller.signal }),
    ).rejects.toMatchObject({
      code: "aborted",
    })
    expect(faulty.log.length).toBe(before)
    client.dispose()
  })

  it("stops reading an answer's body for the verdict past a megabyte", async () => {
    const clock = createManualClock()
    const server = createFakeServer({ clock })
    let pulled = 0
    const client = createAuthClient({
      adapter: {
        ...fakeAdapter(),
        async classify(response) {
          await response.text()
          return { type: "ok" }
        },
      },
      platform: createTestPlatform({
        clock,
        async fetch(request) {
          if (!request.url.endsWith("/download")) return server.fetch(request)
          return new Response(
            new ReadableStream({
              pull(controller) {
                if (pulled >= 20_000_000) return controller.close()
                pulled += 65_536
                controller.enqueue(new Uint8Array(65_536))
              },
            }),
          )
        },
      }),
    })
    const flow = client.signIn()
    await clock.flush()
    await flow.submit({ identifier: "alice", password: "correct horse battery staple" })
    const response = await client.fetch("https://fake.test/download")
    expect(response.status).toBe(200)
    expect(pulled).toBeLessThan(2_000_000)
    client.dispose()
  })

  it("keeps a session whose renewal fails for a moment during a call, and fails the call with the reason", async () => {
    const { clock, server, faulty, client } = await signedInBehindFaults({
      retry: { maxAttempts: 1 },
    })
    // The laptop slept past expiry; the network is still waking up when the app calls.
    clock.jump(61_000)
    faulty.inject(
      { type: "connectionFailure" },
      { when: (request) => request.url.endsWith("/refresh") },
    )
    await expect(client.fetch("https://fake.test/me")).rejects.toMatchObject({ code: "network" })
    expect(client.getSnapshot()).toMatchObject({ status: "signedIn", error: { code: "network" } })
    expect(server.count("/me")).toBe(0)

    faulty.lift()
    expect((await client.fetch("https://fake.test/me")).status).toBe(200)
    expect(client.getSnapshot()).toMatchObject({ status: "signedIn", error: undefined })
    client.dispose()
  })
})
