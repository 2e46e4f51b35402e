import {
  alice,
  bob,
  createFilescomEmulator,
  createSeededRandomBytes,
  type FilescomEmulatorOptions,
  generateTotp,
  lou,
  mona,
  nina,
  otto,
  sam,
  tess,
  uma,
  yuki,
  yukiYubikeyOtps,
} from "@latchkey/emulators"
import { describe, expect, it, vi } from "vitest"
import type { SignInStep } from "../../adapter"
import { createAdapterContext } from "../../adapterContext"
import { type AuthClient, createAuthClient } from "../../authClient"
import type { AuthError } from "../../authError"
import type { AuthEvent } from "../../inspect"
import type { AuthStorage } from "../../platform/platform"
import type { SignInFlow } from "../../signInFlow"
import type { SignInFlowSnapshot } from "../../signInFlowMachine"
import { createManualClock, createTestPlatform, memoryStorage, untilSettled } from "../../testing"
import { type FilescomAdapterOptions, type FilescomCredentials, filescomAdapter } from "./index"

const site = "https://acme.files.test"
const api = `${site}/api/rest/v1`
const twoFactorType = "not-authenticated/two-factor-authentication-error"
const regionType = "not-authenticated/lockout-region-mismatch"

interface Exchange {
  readonly method: string
  readonly url: string
  readonly body: string
  readonly headers: Headers
  readonly status: number
  /** The answer's JSON, when it was JSON. */
  readonly answer: unknown
}

interface SetupOptions extends FilescomEmulatorOptions {
  readonly adapter?: Partial<FilescomAdapterOptions>
  /** Answers instead of the emulator when it returns a response (another server, a broken one). */
  readonly tamper?: (request: Request) => Response | undefined
  /** How far the server's clock runs ahead of the app's. */
  readonly skewMs?: () => number
  readonly storage?: AuthStorage
}

async function setup(options: SetupOptions = {}) {
  const { adapter: adapterOptions, tamper, skewMs, storage, ...emulatorOptions } = options
  const clock = createManualClock()
  const emulator = createFilescomEmulator({
    clock: { now: () => clock.now() + (skewMs?.() ?? 0) },
    random: createSeededRandomBytes(11),
    ...emulatorOptions,
  })
  const exchanges: Exchange[] = []
  const fetch = async (request: Request) => {
    const body = await request.clone().text()
    const response = tamper?.(request.clone()) ?? (await emulator.handle(request))
    const text = await response.clone().text()
    let answer: unknown
    try {
      answer = JSON.parse(text)
    } catch {
      answer = undefined
    }
    exchanges.push({
      method: request.method,
      url: request.url,
      body,
      headers: request.headers,
      status: response.status,
      answer,
    })
    return response
  }
  const events: AuthEvent[] = []
  const platform = createTestPlatform({ fetch, clock })
  const adapter = filescomAdapter({ baseUrl: site, ...adapterOptions })
  const client = createAuthClient({
    adapter,
    platform,
    storage,
    inspect: (event) => events.push(event),
  })
  await client.ready()
  const context = createAdapterContext({
    platform,
    vendor: adapter.vendor,
    timeoutMs: 15_000,
    inspect: () => {},
  })
  const signIns = () => exchanges.filter((exchange) => exchange.url.endsWith("/sessions"))
  return { clock, emulator, exchanges, signIns, events, client, adapter, context }
}

async function submit(
  client: AuthClient<FilescomCredentials>,
  person: { username: string; password: string },
) {
  const flow = client.signIn()
  await untilSettled(flow)
  const snapshot = await flow.submit({ identifier: person.username, password: person.password })
  return { flow, snapshot }
}

/** The error of the flow's current step. */
function errorOf(snapshot: SignInFlowSnapshot): AuthError | undefined {
  return snapshot.step === "start" || snapshot.step === "secondFactor" ? snapshot.error : undefined
}

function challengeOf(snapshot: SignInFlowSnapshot) {
  if (snapshot.step !== "secondFactor") throw new Error(`No challenge but ${snapshot.step}`)
  return snapshot.challenge
}

function filescomError(type: string, status: number, extra: Record<string, unknown> = {}) {
  const body = { error: `${type} happened`, "http-code": status, title: "T", type, ...extra }
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  })
}

const jsonBody = (exchange: Exchange | undefined): unknown => JSON.parse(exchange?.body ?? "")
/** The partial session id a 2FA answer handed out. */
function partialSessionIdOf(exchange: Exchange | undefined): string {
  const answer = exchange?.answer as { data?: { partial_session_id?: string } } | undefined
  return answer?.data?.partial_session_id ?? ""
}

describe("filescomAdapter", () => {
  describe("password sign-in", () => {
    it("offers a user name and password form without asking the server", async () => {
      const { client, exchanges } = await setup()
      expect(await untilSettled(client.signIn())).toMatchObject({
        step: "start",
        options: {
          identifier: "username",
          asksForServer: false,
          hasPassword: true,
          ssoProviders: [],
        },
      })
      expect(exchanges).toHaveLength(0)
    })

    it("signs Alice in with one JSON request and a six-hour session sent as X-FilesAPI-Auth", async () => {
      const { client, clock, signIns, exchanges } = await setup()
      const started = clock.now()
      const { snapshot } = await submit(client, alice)
      expect(snapshot.step).toBe("done")
      const session = client.getSnapshot().session
      expect(session).toMatchObject({
        user: { id: alice.username },
        credentials: { baseUrl: site },
        issuedAt: started,
        expiresAt: started + 6 * 60 * 60 * 1000,
        isRefreshable: false,
      })
      expect(session?.credentials.sessionId).toMatch(/^[0-9a-f]{40}$/)
      const [request] = signIns()
      expect(request?.url).toBe(`${api}/sessions`)
      expect(jsonBody(request)).toEqual({ username: alice.username, password: alice.password })
      expect(request?.headers.get("Content-Type")).toBe("application/json")
      expect(request?.headers.has("X-FilesAPI-Key")).toBe(false)
      expect(request?.headers.has("X-FilesAPI-Auth")).toBe(false)

      const listing = await client.fetch(`${api}/folders/`)
      expect(listing.status).toBe(200)
      expect(exchanges.at(-1)?.headers.get("X-FilesAPI-Auth")).toBe(session?.credentials.sessionId)
      expect(exchanges.at(-1)?.headers.has("X-FilesAPI-Key")).toBe(false)
    })

    it("takes the session lifetime from the options", async () => {
      const { client, clock } = await setup({ adapter: { sessionLifetimeMs: 60 * 60 * 1000 } })
      const started = clock.now()
      await submit(client, alice)
      expect(client.getSnapshot().session?.expiresAt).toBe(started + 60 * 60 * 1000)
    })

    it.each([
      [
        "a wrong password",
        { username: alice.username, password: "nope" },
        {},
        "invalid_credentials",
        401,
        "not-authenticated/invalid-username-or-password",
      ],
      [
        "an unknown user",
        { username: "nobody", password: "nope" },
        {},
        "invalid_credentials",
        401,
        "not-authenticated/invalid-username-or-password",
      ],
      ["a locked-out account", lou, {}, "account_locked", 401, "not-authenticated/locked-out"],
      [
        "a password to change",
        mona,
        {},
        "password_change_required",
        403,
        "not-authorized/password-change-required",
      ],
      [
        "a second factor to set up",
        nina,
        {},
        "second_factor_setup_required",
        403,
        "not-authorized/two-factor-authentication-required",
      ],
      [
        "a second-factor setup that expired",
        otto,
        {},
        "second_factor_setup_expired",
        401,
        "not-authenticated/two-factor-authentication-setup-expired",
      ],
      [
        "a site demanding a captcha",
        alice,
        { requiresRecaptcha: true },
        "captcha_required",
        403,
        "not-authorized/recaptcha-failed",
      ],
      [
        "too many concurrent sessions",
        alice,
        { concurrentSessionLimit: 0 },
        "rate_limited",
        429,
        "rate-limited/too-many-concurrent-logins",
      ],
    ] as const)("maps %s to %s", async (_name, person, options, code, status, vendorCode) => {
      const { client } = await setup(options)
      const { snapshot } = await submit(client, person)
      expect(snapshot.step).toBe("start")
      expect(errorOf(snapshot)).toMatchObject({ code, status, vendorCode, vendor: "filescom" })
      expect(client.getSnapshot().status).toBe("signedOut")
    })

    it("puts a wrong password on the password field, without the server's own words", async () => {
      const { client } = await setup()
      const { snapshot } = await submit(client, { username: alice.username, password: "nope" })
      expect(errorOf(snapshot)).toMatchObject({ fields: ["password"], serverMessage: undefined })
    })

    it("waits as long as Retry-After says after too many failed attempts", async () => {
      const { client, clock } = await setup()
      const flow = client.signIn()
      await untilSettled(flow)
      for (let attempt = 0; attempt < 5; attempt++)
        await flow.submit({ identifier: alice.username, password: "guess" })
      const limited = await flow.submit({ identifier: alice.username, password: alice.password })
      expect(errorOf(limited)).toMatchObject({
        code: "rate_limited",
        status: 429,
        vendorCode: "rate-limited/too-many-login-attempts",
        retryAfterMs: 60_000,
      })
      expect(limited.step === "start" && limited.retryAt).toBe(clock.now() + 60_000)
      await clock.advance(60_000)
      expect(
        (await flow.submit({ identifier: alice.username, password: alice.password })).step,
      ).toBe("done")
    })

    it("asks for the user name before sending anything", async () => {
      const { client, exchanges } = await setup()
      const { snapshot } = await submit(client, { username: "  ", password: "x" })
      expect(errorOf(snapshot)).toMatchObject({ code: "invalid_input", fields: ["identifier"] })
      expect(exchanges).toHaveLength(0)
    })

    it.each([
      [
        "the older servers' wrong-password type",
        () => filescomError("bad-request/invalid-username-or-password", 401),
        "invalid_credentials",
      ],
      [
        "a top-level array of errors, by its first element",
        () =>
          new Response(
            JSON.stringify([
              { type: "not-authenticated/locked-out", error: "Locked", "http-code": 401 },
              { type: "not-authorized/password-change-required" },
            ]),
            { status: 401, headers: { "Content-Type": "application/json" } },
          ),
        "account_locked",
      ],
      [
        "an error type the adapter does not know",
        () => filescomError("bad-request/whatever", 422),
        "server",
      ],
      [
        "a proxy's 502 page",
        () => new Response("<html>Bad gateway</html>", { status: 502 }),
        "server",
      ],
      [
        "a 401 that is not Files.com's",
        () => new Response("nope", { status: 401 }),
        "invalid_response",
      ],
      [
        "a 201 that is not JSON",
        () => new Response("<html>ok</html>", { status: 201 }),
        "invalid_response",
      ],
      [
        "a session without an id",
        () => Response.json({ language: "en" }, { status: 201 }),
        "invalid_response",
      ],
      [
        "a 2FA answer without its data",
        () => filescomError(twoFactorType, 401),
        "invalid_response",
      ],
    ] as const)("reads %s as %s", async (_name, answer, code) => {
      const { client } = await setup({
        tamper: (request) => (request.method === "POST" ? answer() : undefined),
      })
      const { snapshot } = await submit(client, alice)
      expect(errorOf(snapshot)?.code).toBe(code)
    })
  })

  describe("second factor", () => {
    it("asks Bob for his app code and signs him in: exactly two sign-in requests", async () => {
      const { client, clock, signIns } = await setup()
      const started = clock.now()
      const { flow, snapshot } = await submit(client, bob)
      expect(challengeOf(snapshot)).toEqual({
        methods: [{ id: "totp", kind: "totp", canResend: false }],
        method: "totp",
        expiresAt: started + 10 * 60_000,
        resendAvailableAt: undefined,
      })
      const done = await flow.submitCode(generateTotp(bob.totpSecret ?? "", clock.now()))
      expect(done.step).toBe("done")
      expect(client.getSnapshot()).toMatchObject({
        status: "signedIn",
        session: { user: { id: bob.username } },
      })
      const requests = signIns()
      expect(requests).toHaveLength(2)
      expect(jsonBody(requests[1])).toEqual({
        username: bob.username,
        password: bob.password,
        otp: generateTotp(bob.totpSecret ?? "", clock.now()),
      })
      // The partial session stays between the adapter and the server.
      expect(JSON.stringify(snapshot)).not.toContain(partialSessionIdOf(requests[0]))
    })

    it("keeps the challenge after a wrong code and takes the right one on it", async () => {
      const { client, clock } = await setup()
      const { flow } = await submit(client, bob)
      const right = generateTotp(bob.totpSecret ?? "", clock.now())
      const refused = await flow.submitCode(right === "000000" ? "111111" : "000000")
      expect(refused.step).toBe("secondFactor")
      expect(errorOf(refused)).toMatchObject({
        code: "invalid_second_factor",
        vendorCode: twoFactorType,
        fields: ["code"],
      })
      expect((await flow.submitCode(right)).step).toBe("done")
    })

    it("texts Sam a code at the first attempt, resends only after the countdown, and takes the new code", async () => {
      const { client, clock, emulator, signIns } = await setup()
      const started = clock.now()
      const { flow, snapshot } = await submit(client, sam)
      expect(challengeOf(snapshot)).toMatchObject({
        methods: [{ id: "sms", kind: "sms", canResend: true }],
        method: "sms",
        resendAvailableAt: started + 30_000,
      })
      const first = emulator.smsCode(sam.username)
      expect(first).toMatch(/^\d{6}$/)

      const early = await flow.resendCode()
      expect(errorOf(early)).toMatchObject({ code: "rate_limited", retryAfterMs: 30_000 })
      expect(signIns()).toHaveLength(1)

      await clock.advance(30_000)
      const resent = await flow.resendCode()
      expect(challengeOf(resent).resendAvailableAt).toBe(clock.now() + 30_000)
      expect(signIns()).toHaveLength(2)
      expect(jsonBody(signIns()[1])).toEqual({ username: sam.username, password: sam.password })
      const second = emulator.smsCode(sam.username) ?? ""
      expect(second).not.toBe(first)
      expect((await flow.submitCode(second)).step).toBe("done")
      expect(jsonBody(signIns()[2])).toEqual({
        username: sam.username,
        password: sam.password,
        otp: second,
      })
    })

    it("sends Yuki's YubiKey string with the partial session and no password", async () => {
      const { client, signIns } = await setup()
      const { flow, snapshot } = await submit(client, yuki)
      expect(challengeOf(snapshot)).toMatchObject({
        methods: [{ id: "yubi", kind: "yubikey", canResend: false }],
        method: "yubi",
      })
      const refused = await flow.submitCode("cccccc")
      expect(errorOf(refused)).toMatchObject({
        code: "invalid_second_factor",
        vendorCode: "not-authenticated/one-time-password-incorrect",
      })
      const otp = yukiYubikeyOtps[1] ?? ""
      expect((await flow.submitCode(otp)).step).toBe("done")
      const requests = signIns()
      expect(jsonBody(requests[2])).toEqual({
        username: yuki.username,
        otp,
        partial_session_id: partialSessionIdOf(requests[0]),
      })
    })

    it("offers Tess her methods in the server's order and switches between them without a request", async () => {
      const { client, clock, emulator, signIns } = await setup()
      const started = clock.now()
      const { flow, snapshot } = await submit(client, tess)
      expect(challengeOf(snapshot)).toMatchObject({
        methods: [
          { id: "totp", kind: "totp" },
          { id: "sms", kind: "sms" },
        ],
        method: "totp",
        resendAvailableAt: undefined,
      })
      const bySms = await flow.selectMethod("sms")
      expect(challengeOf(bySms)).toMatchObject({
        method: "sms",
        resendAvailableAt: started + 30_000,
      })
      expect(challengeOf(await flow.selectMethod("totp")).method).toBe("totp")
      await flow.selectMethod("sms")
      expect(signIns()).toHaveLength(1)
      expect((await flow.submitCode(emulator.smsCode(tess.username) ?? "")).step).toBe("done")
    })

    it("says Uma's U2F key is not supported, naming it", async () => {
      const { client } = await setup()
      const { snapshot } = await submit(client, uma)
      expect(snapshot.step).toBe("start")
      expect(errorOf(snapshot)).toMatchObject({
        code: "second_factor_unsupported",
        status: 401,
        vendorCode: "u2f",
      })
    })

    it("offers the other methods when one of them is U2F", async () => {
      const { client, clock } = await setup({ accounts: { bob: { methods: ["u2f", "totp"] } } })
      const { flow, snapshot } = await submit(client, bob)
      expect(challengeOf(snapshot)).toMatchObject({ methods: [{ id: "totp" }], method: "totp" })
      expect((await flow.submitCode(generateTotp(bob.totpSecret ?? "", clock.now()))).step).toBe(
        "done",
      )
    })

    it("names a method it has never heard of", async () => {
      const { client } = await setup({
        tamper: () =>
          filescomError(twoFactorType, 401, {
            data: { partial_session_id: "p", two_factor_authentication_methods: ["webauthn"] },
          }),
      })
      const { snapshot } = await submit(client, bob)
      expect(errorOf(snapshot)).toMatchObject({
        code: "second_factor_unsupported",
        vendorCode: "webauthn",
      })
    })

    it("ends the challenge after ten minutes without sending the code", async () => {
      const { client, clock, signIns } = await setup()
      const { flow } = await submit(client, bob)
      await clock.advance(10 * 60_000)
      const after = await flow.submitCode(generateTotp(bob.totpSecret ?? "", clock.now()))
      expect(after.step).toBe("start")
      expect(errorOf(after)?.code).toBe("second_factor_expired")
      expect(signIns()).toHaveLength(1)
    })

    it("drops the password once the challenge is over: signed in, refused for good, or expired", async () => {
      const { adapter, context, clock, signIns } = await setup()
      const continuationOf = async (person: typeof bob) => {
        const step: SignInStep<FilescomCredentials> = await adapter.signIn(context, {
          identifier: person.username,
          password: person.password,
        })
        if (step.type !== "secondFactor") throw new Error("No challenge")
        return step.continuation
      }
      const code = () => generateTotp(bob.totpSecret ?? "", clock.now())
      const used = await continuationOf(bob)
      expect((await used.submit(context, { method: "totp", code: code() })).type).toBe("signedIn")
      await clock.advance(30_000)
      const before = signIns().length
      await expect(used.submit(context, { method: "totp", code: code() })).rejects.toMatchObject({
        code: "second_factor_expired",
      })
      expect(signIns()).toHaveLength(before)

      const texted = await continuationOf(sam)
      await clock.advance(30_000)
      await expect(texted.resend?.(context, "sms")).resolves.toMatchObject({ method: "sms" })
      await clock.advance(10 * 60_000)
      await expect(texted.resend?.(context, "sms")).rejects.toMatchObject({
        code: "second_factor_expired",
      })
    })
  })

  describe("region", () => {
    it("retries once on the host a region mismatch names, and keeps that host for the session", async () => {
      const regionSite = "http://files.localhost:8091"
      const { client, signIns, exchanges } = await setup({ adapter: { baseUrl: regionSite } })
      const { snapshot } = await submit(client, alice)
      expect(snapshot.step).toBe("done")
      const requests = signIns()
      expect(requests.map((exchange) => [exchange.url, exchange.status])).toEqual([
        ["http://files.localhost:8091/api/rest/v1/sessions", 403],
        ["http://eu.files.localhost:8091/api/rest/v1/sessions", 201],
      ])
      expect(jsonBody(requests[1])).toEqual(jsonBody(requests[0]))
      expect(client.getSnapshot().session?.credentials.baseUrl).toBe(
        "http://eu.files.localhost:8091",
      )
      await client.signOut()
      expect(exchanges.at(-1)).toMatchObject({
        method: "DELETE",
        url: "http://eu.files.localhost:8091/api/rest/v1/sessions",
        status: 200,
      })
    })

    it("continues a second factor on the region's host", async () => {
      const { client, clock, signIns } = await setup({
        adapter: { baseUrl: "http://files.localhost" },
      })
      const { flow } = await submit(client, bob)
      expect((await flow.submitCode(generateTotp(bob.totpSecret ?? "", clock.now()))).step).toBe(
        "done",
      )
      expect(signIns().map((exchange) => new URL(exchange.url).host)).toEqual([
        "files.localhost",
        "eu.files.localhost",
        "eu.files.localhost",
      ])
    })

    const mismatch = (host: string) => filescomError(regionType, 403, { data: { host } })

    it.each([
      ["another registrable domain", "files.example.net"],
      ["a weaker protocol", "http://eu.acme.files.test"],
      ["a look-alike domain", "acme.files.test.example.net"],
    ])("refuses to follow a region mismatch to %s", async (_name, host) => {
      const { client, signIns } = await setup({
        tamper: (request) =>
          new URL(request.url).host === "acme.files.test" ? mismatch(host) : undefined,
      })
      const { snapshot } = await submit(client, alice)
      expect(errorOf(snapshot)).toMatchObject({
        code: "server",
        status: 403,
        vendorCode: regionType,
      })
      expect(signIns()).toHaveLength(1)
    })

    it("follows a region on another domain when the app allows that host", async () => {
      const { client, signIns } = await setup({
        adapter: { regionHosts: ["eu.files.example.net"] },
        tamper: (request) =>
          new URL(request.url).host === "acme.files.test"
            ? mismatch("eu.files.example.net")
            : undefined,
      })
      expect((await submit(client, alice)).snapshot.step).toBe("done")
      expect(signIns().map((exchange) => new URL(exchange.url).host)).toEqual([
        "acme.files.test",
        "eu.files.example.net",
      ])
    })

    it("never takes a second hop", async () => {
      const { client, signIns } = await setup({
        tamper: (request) =>
          new URL(request.url).host === "acme.files.test"
            ? mismatch("eu.acme.files.test")
            : mismatch("us.acme.files.test"),
      })
      const { snapshot } = await submit(client, alice)
      expect(errorOf(snapshot)).toMatchObject({ code: "server", vendorCode: regionType })
      expect(signIns().map((exchange) => new URL(exchange.url).host)).toEqual([
        "acme.files.test",
        "eu.acme.files.test",
      ])
    })
  })

  describe("re-authentication", () => {
    it("asks for the password again a minute before the six hours are up, and keeps the user name", async () => {
      const { client, clock, signIns } = await setup()
      await submit(client, alice)
      await clock.advance(6 * 60 * 60 * 1000 - 60_000 - 1)
      expect(client.getSnapshot().status).toBe("signedIn")
      await clock.advance(1)
      expect(client.getSnapshot()).toMatchObject({
        status: "reauthRequired",
        session: { user: { id: alice.username } },
      })
      const flow = client.signIn()
      expect(await untilSettled(flow)).toMatchObject({
        step: "start",
        reauthUser: { id: alice.username },
      })
      const started = clock.now()
      expect((await flow.submit({ identifier: "", password: alice.password })).step).toBe("done")
      expect(jsonBody(signIns().at(-1))).toEqual({
        username: alice.username,
        password: alice.password,
      })
      expect(client.getSnapshot()).toMatchObject({
        status: "signedIn",
        session: { user: { id: alice.username }, expiresAt: started + 6 * 60 * 60 * 1000 },
      })
    })

    it("signs in as the session's user, whatever user name the form sends", async () => {
      const { client, clock, signIns } = await setup()
      await submit(client, alice)
      await clock.advance(6 * 60 * 60 * 1000)
      const flow = client.signIn()
      await untilSettled(flow)
      const asBob = await flow.submit({ identifier: bob.username, password: bob.password })
      expect(errorOf(asBob)?.code).toBe("invalid_credentials")
      expect(jsonBody(signIns().at(-1))).toMatchObject({ username: alice.username })
      expect(client.getSnapshot().status).toBe("reauthRequired")

      const done = await flow.submit({ identifier: bob.username, password: alice.password })
      expect(done.step).toBe("done")
      expect(client.getSnapshot().session?.user.id).toBe(alice.username)
    })

    it("refuses the app's call on a session past its lifetime without a request, keeping the user name", async () => {
      const { client, clock, exchanges } = await setup()
      await submit(client, alice)
      // Asleep through the six hours: no timer ran meanwhile.
      clock.jump(6 * 60 * 60 * 1000 + 1)
      const sent = exchanges.length
      await expect(client.fetch(`${api}/folders/`)).rejects.toMatchObject({
        code: "session_expired",
        status: undefined,
      })
      expect(exchanges).toHaveLength(sent)
      expect(client.getSnapshot()).toMatchObject({
        status: "reauthRequired",
        session: { user: { id: alice.username } },
      })
    })

    it("asks again at the first invalid-session answer, and re-authenticates Bob with his code", async () => {
      let skewMs = 0
      const { client, clock } = await setup({ skewMs: () => skewMs })
      const { flow } = await submit(client, bob)
      await flow.submitCode(generateTotp(bob.totpSecret ?? "", clock.now()))
      // The site ended the session early (its own shorter lifetime): the server sees it as gone.
      skewMs = 6 * 60 * 60 * 1000
      await expect(client.fetch(`${api}/folders/`)).rejects.toMatchObject({
        code: "session_expired",
      })
      expect(client.getSnapshot()).toMatchObject({
        status: "reauthRequired",
        session: { user: { id: bob.username } },
      })
      const reauth = client.signIn()
      await untilSettled(reauth)
      await reauth.submit({ identifier: "", password: bob.password })
      const done = await reauth.submitCode(generateTotp(bob.totpSecret ?? "", clock.now() + skewMs))
      expect(done.step).toBe("done")
      expect((await client.fetch(`${api}/folders/`)).status).toBe(200)
    })

    it("re-authenticates on the region host the session was on", async () => {
      const { client, clock, signIns } = await setup({
        adapter: { baseUrl: "http://files.localhost" },
      })
      await submit(client, alice)
      await clock.advance(6 * 60 * 60 * 1000)
      const flow = client.signIn()
      await untilSettled(flow)
      await flow.submit({ identifier: "", password: alice.password })
      expect(signIns().map((exchange) => new URL(exchange.url).host)).toEqual([
        "files.localhost",
        "eu.files.localhost",
        "eu.files.localhost",
      ])
    })
  })

  describe("sign-out", () => {
    it("ends the session on the server with DELETE /sessions and an empty answer", async () => {
      const { client, exchanges, emulator } = await setup()
      await submit(client, alice)
      const sessionId = client.getSnapshot().session?.credentials.sessionId ?? ""
      expect(await client.signOut()).toEqual({})
      expect(client.getSnapshot().status).toBe("signedOut")
      const signOut = exchanges.at(-1)
      expect(signOut).toMatchObject({
        method: "DELETE",
        url: `${api}/sessions`,
        body: "",
        status: 200,
      })
      expect(signOut?.headers.get("X-FilesAPI-Auth")).toBe(sessionId)
      const after = await emulator.handle(
        new Request(`${api}/folders/`, { headers: { "X-FilesAPI-Auth": sessionId } }),
      )
      expect(after.status).toBe(401)
    })

    it("counts a session the server already ended as signed out", async () => {
      const { client, adapter, context } = await setup()
      await submit(client, alice)
      const session = client.getSnapshot().session
      if (!session) throw new Error("Not signed in")
      await adapter.signOut(context, session, { everywhere: false })
      expect(await client.signOut()).toEqual({})
    })

    it("clears the local session even when the server cannot be told", async () => {
      const { client } = await setup({
        tamper: (request) =>
          request.method === "DELETE" ? new Response("down", { status: 503 }) : undefined,
      })
      await submit(client, alice)
      const result = await client.signOut()
      expect(result.error).toMatchObject({ code: "server", status: 503 })
      expect(client.getSnapshot().status).toBe("signedOut")
    })
  })

  describe("reading answers", () => {
    const adapter = filescomAdapter({ baseUrl: site })

    it("reads invalid-session as expired and leaves other answers to the app", async () => {
      const classify = (response: Response) => adapter.classify(response)
      expect(await classify(filescomError("not-authenticated/invalid-session", 401))).toEqual({
        type: "expired",
      })
      expect(
        await classify(
          new Response(JSON.stringify([{ type: "not-authenticated/invalid-session" }]), {
            status: 401,
          }),
        ),
      ).toEqual({ type: "expired" })
      expect(
        await classify(filescomError("not-authenticated/additional-authentication-required", 401)),
      ).toEqual({
        type: "ok",
      })
      expect(await classify(filescomError(regionType, 403))).toEqual({ type: "ok" })
      expect(await classify(new Response("[]"))).toEqual({ type: "ok" })
      expect(await classify(filescomError("rate-limited/too-many-requests", 429))).toEqual({
        type: "ok",
      })
    })

    it("accepts stored credentials only for the configured site's domain", () => {
      const stored = { sessionId: "abc", baseUrl: "https://acme.eu.files.test" }
      expect(adapter.parseCredentials(stored)).toEqual(stored)
      expect(
        adapter.parseCredentials({ ...stored, baseUrl: "https://files.example.net" }),
      ).toBeUndefined()
      expect(
        adapter.parseCredentials({ ...stored, baseUrl: "http://acme.files.test" }),
      ).toBeUndefined()
      expect(adapter.parseCredentials({ sessionId: "abc" })).toBeUndefined()
    })

    it("describes what Files.com can do: a challenge, no refresh", () => {
      expect(adapter.vendor).toBe("filescom")
      expect(adapter.capabilities).toEqual({
        secondFactor: "challenge",
        refresh: "reauth",
        sso: "none",
        signOutEverywhere: false,
        loginToken: false,
      })
      expect(adapter.refresh).toBeUndefined()
    })
  })

  describe("secrecy", () => {
    /** Every string reachable from `value`: own keys and values, JSON, and for errors their message, stack and causes. */
    function textsOf(value: unknown, seen = new Set<unknown>()): string[] {
      if (typeof value === "string") return [value]
      if (typeof value !== "object" || value === null || seen.has(value)) return []
      seen.add(value)
      const texts: string[] = []
      if (value instanceof Error)
        texts.push(String(value), value.message, value.stack ?? "", ...textsOf(value.cause, seen))
      try {
        texts.push(JSON.stringify(value) ?? "")
      } catch {
        texts.push("(not JSON)")
      }
      for (const key of Reflect.ownKeys(value)) {
        texts.push(String(key), ...textsOf(Reflect.get(value, key), seen))
      }
      return texts
    }

    it("never lets a password into a snapshot, error, inspect event, console line or storage", async () => {
      const produced: unknown[] = []
      const written: string[] = []
      const inner = memoryStorage()
      const storage: AuthStorage = {
        get: (key) => inner.get(key),
        set: (key, value) => {
          written.push(key, value)
          return inner.set(key, value)
        },
        remove: (key) => inner.remove(key),
      }
      const consoleLines: unknown[][] = []
      const spies = (["log", "info", "warn", "error", "debug", "trace"] as const).map((method) =>
        vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
          consoleLines.push(args)
        }),
      )
      const watch = (flow: SignInFlow) => {
        flow.subscribe(() => produced.push(flow.getSnapshot()))
        return flow
      }
      const attempt = async <T>(work: () => Promise<T>) => {
        try {
          const result = await work()
          produced.push(result)
          return result
        } catch (error) {
          produced.push(error)
          return undefined
        }
      }
      try {
        let skewMs = 0
        const { client, clock, emulator, events, adapter, context } = await setup({
          storage,
          skewMs: () => skewMs,
          rateLimit: false,
          tamper: (request) =>
            new URL(request.url).pathname.startsWith("/echo/")
              ? filescomError("not-authenticated/invalid-username-or-password", 401, {
                  error: `No user with password ${alice.password}`,
                })
              : undefined,
        })
        client.subscribe(() => produced.push(client.getSnapshot()))
        const code = (secret: string | undefined) =>
          generateTotp(secret ?? "", clock.now() + skewMs)

        // A wrong password, then Bob through a wrong and a right code.
        const wrong = watch(client.signIn())
        await untilSettled(wrong)
        await attempt(() =>
          wrong.submit({ identifier: alice.username, password: `${alice.password}!` }),
        )
        const bobFlow = watch(client.signIn())
        await untilSettled(bobFlow)
        await attempt(() => bobFlow.submit({ identifier: bob.username, password: bob.password }))
        await attempt(() => bobFlow.submitCode("000000"))
        await attempt(() => bobFlow.submitCode(code(bob.totpSecret)))
        await attempt(() => client.fetch(`${api}/folders/`))

        // The session ends on the server: re-authentication, then sign-out.
        skewMs = 6 * 60 * 60 * 1000
        await attempt(() => client.fetch(`${api}/folders/`))
        const reauth = watch(client.signIn())
        await untilSettled(reauth)
        await attempt(() => reauth.submit({ identifier: "", password: bob.password }))
        await attempt(() => reauth.submitCode(code(bob.totpSecret)))
        await attempt(() => client.signOut())

        // Sam's text messages, with an early and a due resend; Yuki's key, cancelled half-way.
        const samFlow = watch(client.signIn())
        await untilSettled(samFlow)
        await attempt(() => samFlow.submit({ identifier: sam.username, password: sam.password }))
        await attempt(() => samFlow.resendCode())
        await clock.advance(30_000)
        await attempt(() => samFlow.resendCode())
        await attempt(() => samFlow.submitCode(emulator.smsCode(sam.username) ?? ""))
        await attempt(() => client.signOut())
        const yukiFlow = watch(client.signIn())
        await untilSettled(yukiFlow)
        await attempt(() => yukiFlow.submit({ identifier: yuki.username, password: yuki.password }))
        await attempt(() => yukiFlow.submitCode("cccccc"))
        await attempt(() => yukiFlow.cancel())

        // Errors straight from the adapter: a server echoing the password, an expired challenge.
        const echo = filescomAdapter({ baseUrl: `${site}/echo` })
        await attempt(() =>
          echo.signIn(context, { identifier: alice.username, password: alice.password }),
        )
        const step = await adapter.signIn(context, {
          identifier: tess.username,
          password: tess.password,
        })
        if (step.type !== "secondFactor") throw new Error("No challenge")
        await clock.advance(10 * 60_000)
        await attempt(() => step.continuation.submit(context, { method: "totp", code: "123456" }))
        produced.push(step.challenge)

        produced.push(events, consoleLines, written, client.getSnapshot())
        const everything = textsOf(produced).join("\n")
        expect(everything.length).toBeGreaterThan(10_000)
        expect(everything).toContain(bob.username)
        for (const person of [alice, bob, sam, yuki, tess])
          expect(everything, `${person.username}'s password`).not.toContain(person.password)
        expect(written.length).toBeGreaterThan(0)
        expect(events.some((event) => event.type === "request")).toBe(true)
      } finally {
        for (const spy of spies) spy.mockRestore()
      }
    })
  })
})
