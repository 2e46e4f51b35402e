import {
  alice,
  bob,
  createPolarioEmulator,
  createSeededRandomBytes,
  type PolarioEmulator,
  type PolarioEmulatorOptions,
  polarioDisabledPerson,
  polarioLockedPerson,
  polarioUnicodePerson,
} from "@latchkey/emulators"
import { describe, expect, it } from "vitest"
import { createAdapterContext } from "../../adapterContext"
import { type AuthClient, createAuthClient } from "../../authClient"
import type { AuthError } from "../../authError"
import type { AuthStorage } from "../../platform/platform"
import type { SignInFlowSnapshot } from "../../signInFlowMachine"
import {
  createManualClock,
  createTestPlatform,
  type ManualClock,
  untilSettled,
  untilSnapshot,
} from "../../testing"
import { type PolarioAdapterOptions, type PolarioCredentials, polarioAdapter } from "./index"

const api = "http://polario.test/api"
const app = "http://app.test/signin"

interface Sent {
  readonly method: string
  readonly path: string
  readonly headers: Headers
  readonly body: string
}

/** A storage that remembers what it was given, to show that nothing is kept after a refused sign-in. */
function recordingStorage(): AuthStorage & { readonly values: Map<string, string> } {
  const values = new Map<string, string>()
  return {
    values,
    get: (key) => values.get(key) ?? null,
    set: (key, value) => {
      values.set(key, value)
    },
    remove: (key) => {
      values.delete(key)
    },
  }
}

let seed = 1

/**
 * One tab of the app against a Polario server; `answer` may stand between them (a proxy, an attacker). Each app
 * has its own randomness, as real browsers do: the server refuses a client nonce it has seen.
 */
function createApp(
  polario: PolarioEmulator,
  clock: ManualClock,
  options: {
    adapter?: PolarioAdapterOptions
    answer?: (request: Request) => Promise<Response>
    /** The tab's session storage, to stand for the same tab after a reload. */
    tabStorage?: AuthStorage
  } = {},
) {
  const sent: Sent[] = []
  const storage = recordingStorage()
  const answer = options.answer ?? ((request: Request) => polario.handle(request))
  const platform = createTestPlatform({
    clock,
    url: app,
    seed: seed++,
    tabStorage: options.tabStorage,
    async fetch(request) {
      sent.push({
        method: request.method,
        path: new URL(request.url).pathname.replace("/api", ""),
        headers: request.headers,
        body: await request.clone().text(),
      })
      return answer(request)
    },
  })
  const adapter = polarioAdapter({ baseUrl: api, ...options.adapter })
  const client = createAuthClient({ adapter, platform, storage })
  const context = createAdapterContext({
    platform,
    vendor: "polario",
    timeoutMs: 15_000,
    inspect: () => {},
  })
  return { client, platform, sent, storage, adapter, context }
}

function setup(
  emulator: PolarioEmulatorOptions = {},
  options: Parameters<typeof createApp>[2] = {},
) {
  const clock = createManualClock()
  const polario = createPolarioEmulator({
    clock,
    random: createSeededRandomBytes(11),
    ssoReturnUrl: app,
    ...emulator,
  })
  return { clock, polario, ...createApp(polario, clock, options) }
}

async function signIn(
  client: AuthClient<PolarioCredentials>,
  identifier = alice.email,
  password = alice.password,
) {
  const flow = client.signIn()
  await untilSettled(flow)
  return flow.submit({ identifier, password })
}

function session(client: AuthClient<PolarioCredentials>) {
  const current = client.getSnapshot().session
  if (!current) throw new Error("no session")
  return current
}

const errorOf = (snapshot: SignInFlowSnapshot): AuthError | undefined =>
  "error" in snapshot ? snapshot.error : undefined
const json = (sent: Sent | undefined): Record<string, unknown> => JSON.parse(sent?.body ?? "{}")
const paths = (sent: readonly Sent[]) => sent.map((request) => `${request.method} ${request.path}`)

/** Rewrites one field of the JSON answer to `path`, as someone between app and server could. */
function tamper(
  polario: PolarioEmulator,
  path: string,
  change: (body: Record<string, unknown>) => Record<string, unknown>,
) {
  return async (request: Request) => {
    const response = await polario.handle(request)
    if (!request.url.endsWith(path) || !response.ok) return response
    const body = change((await response.json()) as Record<string, unknown>)
    return Response.json(body, { headers: response.headers })
  }
}

describe("polarioAdapter discovery", () => {
  it("offers e-mail and password, and the server's SAML2 provider", async () => {
    const { client, sent } = setup()
    const snapshot = await untilSettled(client.signIn())
    expect(paths(sent)).toEqual(["GET /auth/default/sso-provider"])
    expect(snapshot.step === "start" && snapshot.options).toEqual({
      identifier: "email",
      asksForServer: false,
      hasPassword: true,
      ssoProviders: [{ id: "example-idp", name: "Example Corp", icon: undefined }],
    })
  })
})

describe("polarioAdapter configuration", () => {
  it("offers the password alone when the server has no provider listing", async () => {
    const clock = createManualClock()
    const polario = createPolarioEmulator({ clock })
    const { client } = createApp(polario, clock, {
      answer: async (request) =>
        request.url.endsWith("/sso-provider")
          ? Response.json({ error: "Not found" }, { status: 404 })
          : polario.handle(request),
    })
    const snapshot = await untilSettled(client.signIn())
    expect(snapshot.step === "start" && snapshot.options.ssoProviders).toEqual([])
  })

  it("sends its platform string in the Platform header and as the single sign-on origin", async () => {
    const { client, sent, platform } = setup({}, { adapter: { platform: "Latchkey" } })
    await signIn(client)
    const headers = sent.filter((request) => request.method === "POST")
    expect(headers.map((request) => request.headers.get("Platform"))).toEqual([
      "Latchkey",
      "Latchkey",
    ])
    await client.signOut()
    const flow = client.signIn()
    await untilSettled(flow)
    await flow.startSso("example-idp")
    expect(platform.visited.at(-1)).toBe(`${api}/auth/Saml2/example-idp?origin=Latchkey`)
  })
})

describe("polarioAdapter SCRAM sign-in", () => {
  it("takes exactly two requests, never sends the password, and keeps the JWT until its exp", async () => {
    const { client, sent, clock, polario } = setup()
    const flow = client.signIn()
    await untilSettled(flow)
    const before = sent.length
    const done = await flow.submit({ identifier: alice.email, password: alice.password })
    expect(done.step).toBe("done")
    const signInRequests = sent.slice(before)
    expect(paths(signInRequests)).toEqual(["POST /auth/auth", "POST /auth/login"])
    const [first, final] = signInRequests
    expect(signInRequests.map((request) => request.headers.get("Platform"))).toEqual(["Web", "Web"])
    expect(json(first)).toEqual({
      email: alice.email,
      nonce: expect.stringMatching(/^[\w+/]{24}$/),
    })
    expect(json(final)).toEqual({
      email: alice.email,
      nonce: expect.stringMatching(new RegExp(`^${escapeRegExp(String(json(first).nonce))}.+`)),
      proof: expect.stringMatching(/^[\w+/]{43}=$/),
      os: "Other",
      osVersion: "unknown",
    })
    expect(sent.some((request) => request.body.includes(alice.password))).toBe(false)
    const current = session(client)
    expect(current.user).toEqual({ id: "1001", email: alice.email, displayName: alice.displayName })
    expect(current.expiresAt).toBe(clock.now() + 15 * 60_000)
    expect(current.credentials.deviceId).toBe(polario.devices(alice.email)[0]?.deviceId)
  })

  it("sends the device fields of the user agent, read when the sign-in starts, with overrides", async () => {
    let reads = 0
    const userAgent = () => {
      reads++
      return "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15"
    }
    const { client, sent, polario } = setup(
      {},
      { adapter: { userAgent, device: { deviceName: "Alice's laptop" } } },
    )
    await untilSettled(client.signIn())
    expect(reads).toBe(0)
    await signIn(client)
    expect(reads).toBe(1)
    expect(json(sent.at(-1))).toMatchObject({
      os: "Mac",
      osVersion: "14.5",
      browser: "Safari 17",
      deviceName: "Alice's laptop",
    })
    expect(polario.devices(alice.email)[0]).toMatchObject({ deviceName: "Alice's laptop" })
  })

  it("fetches the JWT with the refresh token when the login answer does not carry it", async () => {
    const { client, sent } = setup({ sendsSessionOnLogin: false })
    const flow = client.signIn()
    await untilSettled(flow)
    const before = sent.length
    expect((await flow.submit({ identifier: bob.email, password: bob.password })).step).toBe("done")
    expect(paths(sent.slice(before))).toEqual([
      "POST /auth/auth",
      "POST /auth/login",
      "POST /auth/session",
    ])
    expect(session(client).credentials.jwt.split(".")).toHaveLength(3)
  })

  it("signs in with a password SASLprep maps: full-width letters, an em space, a soft hyphen", async () => {
    const { client } = setup()
    expect(polarioUnicodePerson.password).toMatch(/\uFF45.*\u2003.*\u00AD/)
    const done = await signIn(client, polarioUnicodePerson.email, polarioUnicodePerson.password)
    expect(done.step).toBe("done")
    await client.signOut()
    expect((await signIn(client, polarioUnicodePerson.email, "erin passphrase")).step).toBe("done")
  })

  it("refuses a password SASLprep prohibits before any request", async () => {
    const { client, sent } = setup()
    const flow = client.signIn()
    await untilSettled(flow)
    const before = sent.length
    const refused = await flow.submit({ identifier: alice.email, password: "pass\u0007word" })
    expect(errorOf(refused)).toMatchObject({ code: "invalid_input", fields: ["password"] })
    expect(sent.length).toBe(before)
  })

  it("names a wrong password, a locked and a disabled account", async () => {
    const { client, storage } = setup()
    const wrong = await signIn(client, alice.email, "guess")
    expect(errorOf(wrong)).toMatchObject({
      code: "invalid_credentials",
      status: 401,
      fields: ["password"],
    })
    expect(errorOf(wrong)?.message).toBe("polario: invalid_credentials")
    const locked = await signIn(client, polarioLockedPerson.email, polarioLockedPerson.password)
    expect(errorOf(locked)).toMatchObject({ code: "account_locked", status: 403 })
    const disabled = await signIn(
      client,
      polarioDisabledPerson.email,
      polarioDisabledPerson.password,
    )
    expect(errorOf(disabled)).toMatchObject({
      code: "account_disabled",
      serverMessage: "Account disabled",
    })
    expect(storage.values.size).toBe(0)
  })

  it("refuses a server whose signature does not prove it knows the password, and keeps nothing", async () => {
    const clock = createManualClock()
    const polario = createPolarioEmulator({ clock, random: createSeededRandomBytes(2) })
    for (const signature of [
      "",
      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
      "x,e=invalid-proof",
    ]) {
      const answer = tamper(polario, "/auth/login", (body) => ({ ...body, signature }))
      const { client, storage } = createApp(polario, clock, { answer })
      const refused = await signIn(client)
      expect(errorOf(refused)?.code).toBe("scram_server_signature_mismatch")
      expect(client.getSnapshot().status).toBe("signedOut")
      expect(storage.values.size).toBe(0)
    }
  })

  it("stops after the first request when the server's nonce is not an extension of ours", async () => {
    const clock = createManualClock()
    const polario = createPolarioEmulator({ clock })
    const answer = tamper(polario, "/auth/auth", (body) => ({
      ...body,
      nonce: `X${String(body.nonce)}`,
    }))
    const { client, sent, storage } = createApp(polario, clock, { answer })
    const refused = await signIn(client)
    expect(errorOf(refused)?.code).toBe("invalid_response")
    expect(paths(sent).at(-1)).toBe("POST /auth/auth")
    expect(storage.values.size).toBe(0)
  })

  it("refuses an iteration count below the floor, which is configurable", async () => {
    const { client, sent, storage, polario, clock } = setup({ iterations: 1000 })
    const refused = await signIn(client)
    expect(errorOf(refused)?.code).toBe("scram_iteration_count_too_low")
    expect(paths(sent).at(-1)).toBe("POST /auth/auth")
    expect(storage.values.size).toBe(0)
    const lax = createApp(polario, clock, { adapter: { minIterations: 1000 } })
    expect((await signIn(lax.client)).step).toBe("done")
  })

  it("speaks SCRAM-SHA-1 or SHA-512 when configured, and fails to prove a password with the wrong hash", async () => {
    for (const hash of ["SHA-1", "SHA-512"] as const) {
      const { client } = setup({ hash }, { adapter: { hash } })
      expect((await signIn(client)).step).toBe("done")
    }
    const { client } = setup({ hash: "SHA-1" })
    expect(errorOf(await signIn(client))?.code).toBe("invalid_credentials")
  })
})

describe("polarioAdapter re-authentication", () => {
  it("signs in as the session's user, whatever identifier the form sends", async () => {
    const { client, adapter, context, sent } = setup()
    await signIn(client)
    const previous = session(client)
    const asBob = adapter.signIn(
      context,
      { identifier: bob.email, password: bob.password },
      previous,
    )
    await expect(asBob).rejects.toMatchObject({ code: "invalid_credentials" })
    expect(json(sent.at(-1)).email).toBe(alice.email)

    const again = await adapter.signIn(
      context,
      { identifier: bob.email, password: alice.password },
      previous,
    )
    expect(again.type === "signedIn" && again.session.user).toEqual(previous.user)
  })
})

describe("polarioAdapter sessions", () => {
  it("renews the JWT through /auth/session before it expires, on the manual clock", async () => {
    const { client, clock, sent } = setup()
    await signIn(client)
    const first = session(client)
    await clock.advance(14 * 60_000 - 1)
    expect(paths(sent)).not.toContain("POST /auth/session")
    await clock.advance(1)
    const renewed = await untilSnapshot(
      client,
      (snapshot) =>
        snapshot.session !== first && snapshot.session !== undefined && !snapshot.isRefreshing,
    )
    const refresh = sent.filter((request) => request.path === "/auth/session")
    expect(refresh).toHaveLength(1)
    expect(json(refresh[0])).toEqual({ refreshToken: first.credentials.refreshToken })
    expect(renewed.session?.credentials.jwt).not.toBe(first.credentials.jwt)
    expect(renewed.session?.expiresAt).toBe(clock.now() + 15 * 60_000)
    expect(renewed.session?.user).toEqual(first.user)
  })

  it("signs out when the refresh token is dead (416)", async () => {
    const { client, clock, adapter, context } = setup()
    await signIn(client)
    // Signed out behind the app's back (from another copy of the session): the refresh token dies with it.
    await adapter.signOut(context, session(client), { everywhere: false })
    await clock.advance(14 * 60_000)
    const after = await untilSnapshot(client, (snapshot) => snapshot.status !== "signedIn")
    expect(after).toMatchObject({
      status: "signedOut",
      error: { code: "session_revoked", status: 416 },
    })
  })

  it("says why, and stays signed in, when the browser cannot read the Session header", async () => {
    const clock = createManualClock()
    const polario = createPolarioEmulator({ clock })
    const { client } = createApp(polario, clock, {
      async answer(request) {
        const response = await polario.handle(request)
        if (!request.url.endsWith("/auth/session")) return response
        // What a browser shows of an answer that does not expose the header.
        const headers = new Headers(response.headers)
        headers.delete("Session")
        return new Response(response.body, { status: response.status, headers })
      },
    })
    await signIn(client)
    const after = await client.refresh()
    expect(after.status).toBe("signedIn")
    expect(after.error?.code).toBe("invalid_response")
    const cause = after.error?.cause
    expect(cause instanceof Error && cause.message).toContain(
      "Access-Control-Expose-Headers: Session",
    )
  })

  it("sends the JWT in the Session header of the app's calls, and reads a 401 as expired", async () => {
    const { client, sent, adapter } = setup()
    await signIn(client)
    await client.fetch(`${api}/projects`)
    expect(sent.at(-1)?.headers.get("Session")).toBe(session(client).credentials.jwt)
    expect(await adapter.classify(new Response(null, { status: 401 }))).toEqual({ type: "expired" })
    expect(await adapter.classify(new Response(null, { status: 403 }))).toEqual({ type: "ok" })
  })

  it("reads and sends the JWT under another header name when configured", async () => {
    const clock = createManualClock()
    const polario = createPolarioEmulator({ clock })
    // A server (here: a proxy in front of the emulator) that names the header differently.
    const renamed = async (request: Request) => {
      const headers = new Headers(request.headers)
      const jwt = headers.get("X-Auth-Session")
      if (jwt !== null) headers.set("Session", jwt)
      const response = await polario.handle(new Request(request, { headers }))
      const answer = new Headers(response.headers)
      const issued = answer.get("Session")
      answer.delete("Session")
      if (issued !== null) answer.set("X-Auth-Session", issued)
      return new Response(response.body, { status: response.status, headers: answer })
    }
    const { client, sent } = createApp(polario, clock, {
      adapter: { sessionHeader: "X-Auth-Session" },
      answer: renamed,
    })
    expect((await signIn(client)).step).toBe("done")
    expect(await client.signOut()).toEqual({})
    expect(sent.at(-1)?.headers.get("X-Auth-Session")).toBeTruthy()
    expect(polario.devices(alice.email)).toEqual([])
  })

  it("signs out with GET /auth/logout, ending the session on the server", async () => {
    const { client, sent, polario } = setup()
    await signIn(client)
    const jwt = session(client).credentials.jwt
    expect(await client.signOut()).toEqual({})
    expect(paths(sent).at(-1)).toBe("GET /auth/logout")
    expect(sent.at(-1)?.headers.get("Session")).toBe(jwt)
    expect(polario.devices(alice.email)).toEqual([])
    expect(client.getSnapshot().status).toBe("signedOut")
  })

  it("ends the local session even when the server cannot be told", async () => {
    const clock = createManualClock()
    const polario = createPolarioEmulator({ clock })
    let isOnline = true
    const { client, storage } = createApp(polario, clock, {
      answer: (request) =>
        isOnline ? polario.handle(request) : Promise.reject(new TypeError("offline")),
    })
    await signIn(client)
    isOnline = false
    expect((await client.signOut()).error?.code).toBe("network")
    expect(client.getSnapshot().status).toBe("signedOut")
    expect([...storage.values.keys()].some((key) => key.includes("session"))).toBe(false)
  })
})

describe("polarioAdapter single sign-on", () => {
  async function roundTrip(context: ReturnType<typeof setup>, person = alice.email) {
    const flow = context.client.signIn()
    await untilSettled(flow)
    await flow.startSso("example-idp")
    const redirect = context.platform.visited.at(-1) ?? ""
    expect(redirect).toBe(`${api}/auth/Saml2/example-idp?origin=Web`)
    // The browser follows the server to the stand-in identity provider and picks a person.
    const toIdp = await context.polario.handle(new Request(redirect))
    const idp = new URL(toIdp.headers.get("Location") ?? "", redirect)
    const chosen = await context.polario.handle(
      new Request(idp, {
        method: "POST",
        body: new URLSearchParams({
          RelayState: idp.searchParams.get("RelayState") ?? "",
          user: person,
        }),
      }),
    )
    return chosen.headers.get("Location") ?? ""
  }

  it("completes the round trip with the tab's pending marker and takes the code out of the address bar", async () => {
    const context = setup()
    const landing = await roundTrip(context)
    expect(new URL(landing).searchParams.get("code")).toBeTruthy()
    context.platform.url = landing
    expect(context.client.isSsoCallback(landing)).toBe(true)
    const done = await untilSettled(context.client.completeSso())
    expect(done.step).toBe("done")
    expect(paths(context.sent).at(-1)).toBe("POST /auth/sso-code")
    expect(json(context.sent.at(-1))).toEqual({
      code: new URL(landing).searchParams.get("code"),
      os: "Other",
      osVersion: "unknown",
    })
    expect(session(context.client).user).toMatchObject({ id: "1001", email: alice.email })
    expect(context.platform.url).toBe(app)
  })

  it("refuses a callback this tab did not start, without spending the code", async () => {
    const context = setup()
    const landing = await roundTrip(context)
    const otherTab = createApp(context.polario, context.clock)
    const refused = await untilSettled(otherTab.client.completeSso(landing))
    expect(errorOf(refused)?.code).toBe("sso_state_mismatch")
    expect(otherTab.sent.map((request) => request.path)).not.toContain("/auth/sso-code")
    // The code is still good for the tab that started the sign-on.
    expect((await untilSettled(context.client.completeSso(landing))).step).toBe("done")
  })

  it("refuses the same callback twice, even in the same tab after a reload", async () => {
    const context = setup()
    const landing = await roundTrip(context)
    expect((await untilSettled(context.client.completeSso(landing))).step).toBe("done")
    const reloaded = createApp(context.polario, context.clock, {
      tabStorage: context.platform.tabStorage,
    })
    const again = await untilSettled(reloaded.client.completeSso(landing))
    expect(errorOf(again)?.code).toBe("sso_state_mismatch")
    expect(reloaded.sent.map((request) => request.path)).not.toContain("/auth/sso-code")
  })

  it("refuses a callback that comes back after ten minutes", async () => {
    const context = setup({ ssoCodeTtlMs: 60 * 60_000 })
    const landing = await roundTrip(context)
    await context.clock.advance(10 * 60_000 + 1)
    const late = await untilSettled(context.client.completeSso(landing))
    expect(errorOf(late)?.code).toBe("sso_state_mismatch")
    expect(context.sent.map((request) => request.path)).not.toContain("/auth/sso-code")
  })

  it("names a used code and a locked account", async () => {
    const context = setup()
    const landing = await roundTrip(context, polarioLockedPerson.email)
    const locked = await untilSettled(context.client.completeSso(landing))
    expect(errorOf(locked)?.code).toBe("account_locked")
    const code = new URL(landing).searchParams.get("code") ?? ""
    await expect(
      context.adapter.completeSso?.(context.context, { url: new URL(`${app}?code=${code}`) }),
    ).rejects.toMatchObject({ code: "session_expired", status: 401 })
  })
})

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
}
