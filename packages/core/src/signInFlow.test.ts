import { describe, expect, it } from "vitest"
import type { AuthAdapter } from "./adapter"
import { createAuthClient } from "./authClient"
import { ssoStateParameter } from "./ssoState"
import {
  createFakeServer,
  createManualClock,
  createTestPlatform,
  type FakeCredentials,
  type FakeServerOptions,
  fakeAdapter,
  fakePeople,
  fakeSecondFactorCode,
  memoryStorage,
} from "./testing"

function setup(
  adapter: AuthAdapter<FakeCredentials> = fakeAdapter(),
  serverOptions: Omit<FakeServerOptions, "clock"> = {},
) {
  const clock = createManualClock()
  const server = createFakeServer({ clock, ...serverOptions })
  const tabStorage = memoryStorage()
  const platform = createTestPlatform({
    fetch: server.fetch,
    clock,
    tabStorage,
    url: "https://app.test/sign-in?next=%2Fhome",
  })
  const client = createAuthClient({ adapter, platform })
  return { clock, server, platform, client, tabStorage }
}

/** Plays the identity provider: follows the redirect the way a browser would and returns where it lands. */
async function visitIdentityProvider(server: ReturnType<typeof createFakeServer>, url: string) {
  const response = await server.fetch(new Request(url))
  const location = response.headers.get("location")
  if (!location) throw new Error("The identity provider did not redirect")
  return location
}

describe("single sign-on", () => {
  it("leaves for the provider with a one-time state and comes back signed in", async () => {
    const { client, clock, server, platform } = setup()
    const flow = client.signIn()
    await clock.flush()
    await flow.startSso("idp")
    expect(flow.getSnapshot()).toMatchObject({ step: "redirecting", providerId: "idp" })
    const [redirect] = platform.visited
    expect(redirect).toBeDefined()
    const callback = new URL(new URL(redirect ?? "").searchParams.get("redirect") ?? "")
    expect(callback.origin + callback.pathname).toBe("https://app.test/sign-in")
    expect(callback.searchParams.get(ssoStateParameter)).toMatch(/^[\w-]{22}$/)

    // The page reloads on the callback: a new client in the same tab.
    platform.url = await visitIdentityProvider(server, redirect ?? "")
    const returning = createAuthClient({ adapter: fakeAdapter(), platform })
    const completion = returning.completeSso()
    await clock.flush()
    expect(completion.getSnapshot().step).toBe("done")
    expect(returning.getSnapshot()).toMatchObject({
      status: "signedIn",
      session: { user: { id: "alice" } },
    })
    expect(platform.url).toBe("https://app.test/sign-in")
  })

  it("completes a callback once, however often the page code asks", async () => {
    const { client, clock, server, platform } = setup()
    const flow = client.signIn()
    await clock.flush()
    await flow.startSso("idp")
    const callbackUrl = await visitIdentityProvider(server, platform.visited[0] ?? "")
    const first = client.completeSso(callbackUrl)
    const second = client.completeSso(callbackUrl)
    expect(second).toBe(first)
    await clock.flush()
    expect(first.getSnapshot().step).toBe("done")
    expect(server.count("/login/token")).toBe(1)
  })

  it("refuses a callback whose state is missing or forged, without asking the server", async () => {
    const { client, clock, server, platform } = setup()
    const flow = client.signIn()
    await clock.flush()
    await flow.startSso("idp")
    const genuine = new URL(await visitIdentityProvider(server, platform.visited[0] ?? ""))

    const forged = new URL(genuine)
    forged.searchParams.set(ssoStateParameter, "attacker-chosen-state-xx")
    const missing = new URL(genuine)
    missing.searchParams.delete(ssoStateParameter)
    for (const url of [forged, missing]) {
      const attempt = client.completeSso(url.href)
      await clock.flush()
      expect(attempt.getSnapshot()).toMatchObject({
        step: "unavailable",
        error: { code: "sso_state_mismatch" },
      })
    }
    expect(server.count("/login/token")).toBe(0)
    expect(client.getSnapshot().status).toBe("signedOut")

    // The genuine callback still works afterwards, and only once.
    const real = client.completeSso(genuine.href)
    await clock.flush()
    expect(real.getSnapshot().step).toBe("done")
    const replay = createAuthClient({ adapter: fakeAdapter(), platform }).completeSso(genuine.href)
    await clock.flush()
    expect(replay.getSnapshot()).toMatchObject({ error: { code: "sso_state_mismatch" } })
  })

  it("removes the one-time token from the address bar even when completion fails", async () => {
    const { client, clock, platform } = setup()
    platform.url = "https://app.test/sign-in?token=one-time&latchkey_state=nope"
    client.completeSso()
    await clock.flush()
    expect(platform.url).toBe("https://app.test/sign-in")
  })
})

describe("second-factor methods", () => {
  function withMethods(): AuthAdapter<FakeCredentials> {
    const base = fakeAdapter()
    return {
      ...base,
      async signIn(ctx, input) {
        const step = await base.signIn(ctx, input)
        if (step.type !== "secondFactor") return step
        let sent = 0
        return {
          type: "secondFactor",
          challenge: {
            ...step.challenge,
            methods: [...step.challenge.methods, { id: "sms", kind: "sms", canResend: true }],
          },
          continuation: {
            ...step.continuation,
            async select(_ctx, method) {
              sent++
              return { ...step.challenge, method, resendAvailableAt: ctx.now() + 30_000 * sent }
            },
            async resend(_ctx, method) {
              sent++
              return { ...step.challenge, method, resendAvailableAt: ctx.now() + 30_000 * sent }
            },
          },
        }
      },
    }
  }

  it("switches method, resends, and refuses an unknown method", async () => {
    const { client, clock } = setup(withMethods())
    const flow = client.signIn()
    await clock.flush()
    await flow.submit({ identifier: "bob", password: "hunter2 hunter2" })
    expect(flow.getSnapshot()).toMatchObject({
      step: "secondFactor",
      challenge: { method: "totp" },
    })
    await expect(flow.selectMethod("carrier-pigeon")).rejects.toMatchObject({
      code: "invalid_step",
    })
    expect(await flow.selectMethod("sms")).toMatchObject({ challenge: { method: "sms" } })
    expect(await flow.resendCode()).toMatchObject({
      challenge: { resendAvailableAt: clock.now() + 60_000 },
    })
  })

  it("goes back to the start on 'use another account'", async () => {
    const { client, clock } = setup()
    const flow = client.signIn()
    await clock.flush()
    await flow.submit({ identifier: "bob", password: "hunter2 hunter2" })
    expect((await flow.cancel()).step).toBe("start")
    await expect(flow.submitCode("246810")).rejects.toMatchObject({ code: "invalid_step" })
  })

  it("refuses resend where the method cannot resend", async () => {
    const { client, clock } = setup()
    const flow = client.signIn()
    await clock.flush()
    await flow.submit({ identifier: "bob", password: "hunter2 hunter2" })
    await expect(flow.resendCode()).rejects.toMatchObject({ code: "invalid_step" })
  })
})

describe("who the second step is for", () => {
  const [, bob] = fakePeople

  it("names the account typed, never the password, and forgets it on 'use another account'", async () => {
    const { client, clock } = setup()
    const flow = client.signIn()
    await clock.flush()
    await flow.submit({ identifier: "bob", password: bob.password })
    expect(flow.getSnapshot()).toMatchObject({ step: "secondFactor", identifier: "bob" })
    expect(JSON.stringify(flow.getSnapshot())).not.toContain(bob.password)
    // A wrong code keeps the step, and whose it is.
    expect(await flow.submitCode("000000")).toMatchObject({
      step: "secondFactor",
      error: { code: "invalid_second_factor" },
      identifier: "bob",
    })
    expect(await flow.cancel()).not.toHaveProperty("identifier")
    await flow.discover()
    expect(flow.getSnapshot()).not.toHaveProperty("identifier")
  })

  it("names the session's user when re-authenticating, whatever the form sent", async () => {
    // Like the vendors' adapters, an empty identifier means the session's user.
    const base = fakeAdapter({ canRefresh: false })
    const adapter: AuthAdapter<FakeCredentials> = {
      ...base,
      signIn: (ctx, input, previous) =>
        base.signIn(ctx, { ...input, identifier: input.identifier || (previous?.user.id ?? "") }),
    }
    const { client, clock } = setup(adapter, { canRefresh: false })
    const first = client.signIn()
    await clock.flush()
    await first.submit({ identifier: "bob", password: bob.password })
    await first.submitCode(fakeSecondFactorCode)
    await clock.advance(60_000)
    expect(client.getSnapshot().status).toBe("reauthRequired")

    const again = client.signIn()
    await clock.flush()
    expect(await again.submit({ identifier: "", password: bob.password })).toMatchObject({
      step: "secondFactor",
      identifier: "bob",
    })
  })

  it("names no one after a login token, which nobody typed a name for", async () => {
    const base = fakeAdapter()
    // A login token for Bob, whose account then asks for its second step.
    const adapter: AuthAdapter<FakeCredentials> = {
      ...base,
      capabilities: { ...base.capabilities, loginToken: true },
      signInWithLoginToken: (ctx) =>
        base.signIn(ctx, { identifier: "bob", password: bob.password }),
    }
    const { client, clock } = setup(adapter)
    const flow = client.signIn()
    await clock.flush()
    expect(await flow.submitLoginToken("a-login-token")).toMatchObject({
      step: "secondFactor",
      identifier: undefined,
    })
  })
})

describe("discovery", () => {
  it("keeps the newest discovery when the user retypes the server before the first answers", async () => {
    const base = fakeAdapter()
    const adapter: AuthAdapter<FakeCredentials> = {
      ...base,
      async discover(ctx, { server }) {
        const options = await base.discover(ctx, { server })
        return { ...options, asksForServer: true, server }
      },
    }
    const { client, clock, server } = setup(adapter)
    const first = server.hold("/options")
    const second = server.hold("/options")
    const flow = client.signIn({ server: "first.example" })
    const rediscovery = flow.discover("second.example")
    await clock.flush()
    first.release()
    await clock.flush()
    expect(flow.getSnapshot().step).toBe("discovering")
    second.release()
    await rediscovery
    expect(flow.getSnapshot()).toMatchObject({
      step: "start",
      options: { server: "second.example" },
    })
  })

  it("lets a first-step command sent during discovery wait for it: `await client.signIn().submit(…)` works", async () => {
    const { client, clock, server } = setup()
    const held = server.hold("/options")
    const flow = client.signIn()
    const submitted = flow.submit({ identifier: "alice", password: "correct horse battery staple" })
    await clock.flush()
    expect(server.count("/login")).toBe(0)
    held.release()
    expect((await submitted).step).toBe("done")
    expect(client.getSnapshot().session?.user.id).toBe("alice")
    // The newest discovery is the one waited for, when the server is asked again meanwhile.
    const again = client.signIn()
    const rediscovery = again.discover()
    const sso = again.startSso("idp")
    await rediscovery
    expect((await sso).step).toBe("redirecting")
  })

  it("fails a command sent during a discovery that fails, with the discovery's reason", async () => {
    const { client, clock, server } = setup()
    server.failNext("/options", { type: "network" })
    const flow = client.signIn()
    const submitted = flow.submit({ identifier: "alice", password: "correct horse battery staple" })
    await expect(submitted).rejects.toMatchObject({ name: "AuthError", code: "network" })
    await clock.flush()
    expect(server.count("/login")).toBe(0)
    expect(flow.getSnapshot().step).toBe("unavailable")
  })

  it("reports an unreachable server as unavailable, and retries on request", async () => {
    const { client, clock, server } = setup()
    server.failNext("/options", { type: "network" })
    const flow = client.signIn()
    await clock.flush()
    expect(flow.getSnapshot()).toMatchObject({ step: "unavailable", error: { code: "network" } })
    expect((await flow.discover()).step).toBe("start")
  })

  it("reports a hostile answer as invalid_response", async () => {
    const { client, clock, server } = setup()
    server.failNext("/options", {
      type: "status",
      status: 200,
      body: { captcha: "yes", sso: "<script>" },
    })
    const flow = client.signIn()
    await clock.flush()
    expect(flow.getSnapshot()).toMatchObject({
      step: "unavailable",
      error: { code: "invalid_response" },
    })
  })
})
