import {
  alice,
  bob,
  type CloudreveEmulatorOptions,
  cloudreveWidgetTestAnswer,
  createCloudreveEmulator,
  createSeededRandomBytes,
  generateTotp,
} from "@latchkey/emulators"
import { describe, expect, it } from "vitest"
import type { AdapterContext } from "../../adapter"
import { createAdapterContext } from "../../adapterContext"
import { type AuthClient, createAuthClient } from "../../authClient"
import { AuthError } from "../../authError"
import type { SignInFlowSnapshot } from "../../signInFlowMachine"
import {
  createManualClock,
  createTestPlatform,
  memoryStorage,
  untilSettled,
  untilSnapshot,
} from "../../testing"
import { type CloudreveCredentials, cloudreveAdapter } from "./index"

const baseUrl = "https://cloud.test"
const api = `${baseUrl}/api/v4`
const bobSecret = bob.totpSecret ?? ""

interface Exchange {
  readonly method: string
  readonly path: string
  readonly body: string
  readonly authorization: string | null
  /** The envelope code of the answer, `undefined` when it was not an envelope. */
  readonly code: number | undefined
}

interface SetupOptions extends CloudreveEmulatorOptions {
  /** Answers instead of the emulator when it returns a response (a hostile or broken server). */
  readonly tamper?: (request: Request) => Response | undefined
  /** How far the server's clock runs ahead of the app's. */
  readonly skewMs?: () => number
  readonly storage?: ReturnType<typeof memoryStorage>
}

async function setup(options: SetupOptions = {}) {
  const { tamper, skewMs, storage, ...emulatorOptions } = options
  const clock = createManualClock()
  const emulator = createCloudreveEmulator({
    clock: { now: () => clock.now() + (skewMs?.() ?? 0) },
    random: createSeededRandomBytes(11),
    ...emulatorOptions,
  })
  const exchanges: Exchange[] = []
  const fetch = async (request: Request) => {
    const body = await request.clone().text()
    const response = tamper?.(request.clone()) ?? (await emulator.handle(request))
    let code: number | undefined
    try {
      const parsed: unknown = JSON.parse(await response.clone().text())
      if (typeof parsed === "object" && parsed !== null && "code" in parsed)
        code = typeof parsed.code === "number" ? parsed.code : undefined
    } catch {
      code = undefined
    }
    exchanges.push({
      method: request.method,
      path: new URL(request.url).pathname.replace("/api/v4", ""),
      body,
      authorization: request.headers.get("authorization"),
      code,
    })
    return response
  }
  const platform = createTestPlatform({ fetch, clock })
  const adapter = cloudreveAdapter({ baseUrl })
  const client = createAuthClient({ adapter, platform, storage })
  await client.ready()
  const context: AdapterContext = createAdapterContext({
    platform,
    vendor: adapter.vendor,
    timeoutMs: 15_000,
    inspect: () => {},
  })
  return { clock, emulator, exchanges, client, adapter, context, platform }
}

async function signInAlice(client: AuthClient<CloudreveCredentials>) {
  const flow = client.signIn()
  await untilSettled(flow)
  const after = await flow.submit({ identifier: alice.email, password: alice.password })
  expect(after.step).toBe("done")
  const snapshot = client.getSnapshot()
  if (snapshot.status !== "signedIn") throw new Error("Alice is not signed in")
  return snapshot.session
}

/** The error of the flow's current step. */
function errorOf(snapshot: SignInFlowSnapshot): AuthError | undefined {
  return snapshot.step === "start" || snapshot.step === "secondFactor" ? snapshot.error : undefined
}

const envelope = (body: unknown) =>
  new Response(typeof body === "string" ? body : JSON.stringify(body), {
    headers: { "content-type": "application/json" },
  })

describe("cloudreveAdapter", () => {
  describe("discovery", () => {
    it("offers an e-mail and password form without a captcha by default, in one request", async () => {
      const { client, exchanges } = await setup()
      const snapshot = await untilSettled(client.signIn())
      expect(snapshot).toMatchObject({
        step: "start",
        options: {
          identifier: "email",
          asksForServer: false,
          hasPassword: true,
          captcha: undefined,
          ssoProviders: [],
        },
      })
      expect(exchanges.map((exchange) => `${exchange.method} ${exchange.path}`)).toEqual([
        "GET /site/config/login",
      ])
    })

    it("surfaces third-party captchas as widgets with their site key", async () => {
      for (const [captchaType, siteKey] of [
        ["recaptcha", "latchkey-emulator-site-key"],
        ["turnstile", "latchkey-emulator-site-key"],
        ["tcaptcha", undefined],
        ["cap", undefined],
      ] as const) {
        const { client } = await setup({ loginCaptcha: true, captchaType })
        const snapshot = await untilSettled(client.signIn())
        expect(snapshot.step === "start" && snapshot.options.captcha).toEqual({
          kind: "widget",
          provider: captchaType,
          siteKey,
        })
      }
    })
  })

  describe("password sign-in", () => {
    it("signs Alice in with one request and a session that expires at access_expires", async () => {
      const { client, clock, exchanges } = await setup()
      const started = clock.now()
      const session = await signInAlice(client)
      expect(session).toMatchObject({
        user: { email: alice.email, displayName: alice.displayName },
        issuedAt: started,
        expiresAt: started + 3_600_000,
        isRefreshable: true,
      })
      expect(session.user.id).toMatch(/^\w{4,}$/)
      const signIn = exchanges.filter((exchange) => exchange.path === "/session/token")
      expect(signIn).toHaveLength(1)
      expect(JSON.parse(signIn[0]?.body ?? "")).toEqual({
        email: alice.email,
        password: alice.password,
      })
      expect(signIn[0]?.authorization).toBeNull()
    })

    it.each([
      [
        { identifier: alice.email, password: "not her password" },
        "invalid_credentials",
        40080,
        ["password"],
      ],
      [
        { identifier: "nobody@example.com", password: "whatever" },
        "invalid_credentials",
        40080,
        ["password"],
      ],
      [
        { identifier: "carol@example.com", password: "blocked but correct" },
        "account_locked",
        40017,
        [],
      ],
      [
        { identifier: "dave@example.com", password: "not activated yet" },
        "account_disabled",
        40018,
        [],
      ],
    ] as const)("maps a refusal to its error (%o)", async (input, code, vendorCode, fields) => {
      const { client } = await setup()
      const flow = client.signIn()
      await untilSettled(flow)
      const after = await flow.submit(input)
      expect(after.step).toBe("start")
      const error = errorOf(after)
      expect(error).toMatchObject({ code, vendorCode, vendor: "cloudreve", fields })
      expect(error?.message).not.toContain(input.password)
      expect(client.getSnapshot().status).toBe("signedOut")
    })

    it("puts parameter errors (40001) on the field they are about", async () => {
      const { client } = await setup()
      const flow = client.signIn()
      await untilSettled(flow)
      const badEmail = errorOf(await flow.submit({ identifier: "alice", password: alice.password }))
      expect(badEmail).toMatchObject({
        code: "invalid_input",
        vendorCode: 40001,
        fields: ["identifier"],
        serverMessage: "Email format error",
      })
      const shortPassword = errorOf(await flow.submit({ identifier: alice.email, password: "abc" }))
      expect(shortPassword).toMatchObject({
        code: "invalid_input",
        fields: ["password"],
        serverMessage: "Password too short",
      })
    })

    it("never repeats a password a server echoes back into a field message", async () => {
      const { client } = await setup({
        tamper: (request) =>
          request.method === "POST"
            ? envelope({ code: 40001, msg: `Password ${alice.password} is too short` })
            : undefined,
      })
      const flow = client.signIn()
      await untilSettled(flow)
      const error = errorOf(
        await flow.submit({ identifier: alice.email, password: alice.password }),
      )
      expect(error?.fields).toEqual(["password"])
      expect(error?.serverMessage).toBeUndefined()
      expect(JSON.stringify(error)).not.toContain(alice.password)
    })

    it("never repeats the e-mail address a server echoes back, whatever its case", async () => {
      const typed = "Alice@Example.com"
      const { client } = await setup({
        tamper: (request) =>
          request.method === "POST"
            ? envelope({ code: 40001, msg: `Email ${typed.toLowerCase()} is not allowed here` })
            : undefined,
      })
      const flow = client.signIn()
      await untilSettled(flow)
      const error = errorOf(
        await flow.submit({ identifier: ` ${typed}`, password: alice.password }),
      )
      expect(error).toMatchObject({ code: "invalid_input", fields: ["identifier"] })
      expect(error?.serverMessage).toBeUndefined()
      expect(JSON.stringify(error).toLowerCase()).not.toContain(typed.toLowerCase())
    })

    it.each([
      [
        "a body that is not JSON",
        () => new Response("<html>Bad gateway</html>"),
        "invalid_response",
      ],
      ["an envelope without a code", () => envelope({ msg: "", data: {} }), "invalid_response"],
      ["a code that is text", () => envelope({ code: "0", msg: "", data: {} }), "invalid_response"],
      [
        "success without a token",
        () => envelope({ code: 0, msg: "", data: { user: { id: "x" } } }),
        "invalid_response",
      ],
      [
        "an expiry that is not a date",
        () =>
          envelope({
            code: 0,
            msg: "",
            data: {
              user: { id: "x" },
              token: {
                access_token: "a",
                refresh_token: "r",
                access_expires: "soon",
                refresh_expires: "later",
              },
            },
          }),
        "invalid_response",
      ],
      [
        "a 2FA answer without a session id",
        () => envelope({ code: 203, msg: "", data: 42 }),
        "invalid_response",
      ],
      [
        "a body of several megabytes",
        () => envelope(`{"code":0,"msg":"${"x".repeat(2_000_000)}"}`),
        "invalid_response",
      ],
      ["a proxy's 502", () => new Response("Bad gateway", { status: 502 }), "server"],
      [
        "could not issue tokens (50002)",
        () => envelope({ code: 50002, msg: "Failed to issue token pair" }),
        "server",
      ],
      ["an unknown error code", () => envelope({ code: 50000, msg: "Internal error" }), "server"],
    ] as const)("turns %s into %s", async (_name, answer, code) => {
      const { client } = await setup({
        tamper: (request) => (request.method === "POST" ? answer() : undefined),
      })
      const flow = client.signIn()
      await untilSettled(flow)
      const after = await flow.submit({ identifier: alice.email, password: alice.password })
      expect(after.step).toBe("start")
      expect(errorOf(after)?.code).toBe(code)
      expect(client.getSnapshot().status).toBe("signedOut")
    })
  })

  describe("re-authentication", () => {
    it("signs in as the session's user, whatever identifier the form sends", async () => {
      const { client, adapter, context, exchanges } = await setup()
      const previous = await signInAlice(client)
      const asBob = adapter.signIn(
        context,
        { identifier: bob.email, password: bob.password },
        previous,
      )
      await expect(asBob).rejects.toMatchObject({ code: "invalid_credentials" })
      expect(JSON.parse(exchanges.at(-1)?.body ?? "").email).toBe(alice.email)

      const again = await adapter.signIn(
        context,
        { identifier: bob.email, password: alice.password },
        previous,
      )
      expect(again.type === "signedIn" && again.session.user).toEqual(previous.user)
    })
  })

  describe("image captcha", () => {
    it("shows an image, refuses a wrong answer with a new image, and accepts the right one", async () => {
      const { client, emulator, exchanges } = await setup({ loginCaptcha: true })
      const flow = client.signIn()
      const start = await untilSettled(flow)
      expect(exchanges.map((exchange) => exchange.path)).toEqual([
        "/site/config/login",
        "/site/captcha",
      ])
      const first = start.step === "start" ? start.options.captcha : undefined
      if (first?.kind !== "image") throw new Error("No image captcha")
      expect(first.image).toMatch(/^data:image\/svg\+xml;base64,/)
      const answer = emulator.captchaAnswer(first.ticket) ?? ""
      const wrong = answer === "00000" ? "11111" : "00000"

      const refused = await flow.submit({
        identifier: alice.email,
        password: alice.password,
        captcha: { answer: wrong, ticket: first.ticket },
      })
      expect(errorOf(refused)).toMatchObject({
        code: "captcha_invalid",
        vendorCode: 40026,
        fields: ["captcha"],
        serverMessage: "CAPTCHA not match.",
      })
      const second = refused.step === "start" ? refused.options.captcha : undefined
      if (second?.kind !== "image") throw new Error("No new image captcha")
      expect(second.ticket).not.toBe(first.ticket)
      expect(exchanges.filter((exchange) => exchange.path === "/site/captcha")).toHaveLength(2)

      const signIn = exchanges.find((exchange) => exchange.path === "/session/token")
      expect(JSON.parse(signIn?.body ?? "")).toMatchObject({ captcha: wrong, ticket: first.ticket })

      const done = await flow.submit({
        identifier: alice.email,
        password: alice.password,
        captcha: { answer: emulator.captchaAnswer(second.ticket) ?? "", ticket: second.ticket },
      })
      expect(done.step).toBe("done")
    })

    it("fetches a fresh image on request", async () => {
      const { client } = await setup({ loginCaptcha: true })
      const flow = client.signIn()
      const start = await untilSettled(flow)
      const reloaded = await flow.reloadCaptcha()
      const ticket = (snapshot: SignInFlowSnapshot) =>
        snapshot.step === "start" && snapshot.options.captcha?.kind === "image"
          ? snapshot.options.captcha.ticket
          : undefined
      expect(ticket(reloaded)).toBeDefined()
      expect(ticket(reloaded)).not.toBe(ticket(start))
    })

    it("passes a widget's answer where each kind's server reads it", async () => {
      for (const [captchaType, captcha] of [
        ["recaptcha", { answer: cloudreveWidgetTestAnswer }],
        ["turnstile", { answer: cloudreveWidgetTestAnswer }],
        ["cap", { answer: cloudreveWidgetTestAnswer }],
        ["tcaptcha", { answer: "randstr", ticket: cloudreveWidgetTestAnswer }],
      ] as const) {
        const { client } = await setup({ loginCaptcha: true, captchaType })
        const flow = client.signIn()
        await untilSettled(flow)
        const refused = await flow.submit({ identifier: alice.email, password: alice.password })
        expect(errorOf(refused)?.code).toBe("captcha_invalid")
        const done = await flow.submit({
          identifier: alice.email,
          password: alice.password,
          captcha,
        })
        expect(done.step).toBe("done")
      }
    })
  })

  describe("two-factor challenge", () => {
    async function challenge(options: SetupOptions = {}) {
      const context = await setup(options)
      const flow = context.client.signIn()
      await untilSettled(flow)
      const started = context.clock.now()
      const snapshot = await flow.submit({ identifier: bob.email, password: bob.password })
      const code = () => generateTotp(bobSecret, context.clock.now())
      return { ...context, flow, snapshot, started, code }
    }

    it("asks Bob for a TOTP code within 600 s and signs him in: two requests in all", async () => {
      const { flow, snapshot, started, code, exchanges, client } = await challenge()
      expect(snapshot).toMatchObject({
        step: "secondFactor",
        challenge: {
          methods: [{ id: "totp", kind: "totp", canResend: false }],
          method: "totp",
          expiresAt: started + 600_000,
        },
      })
      const done = await flow.submitCode(code())
      expect(done.step).toBe("done")
      expect(client.getSnapshot()).toMatchObject({
        status: "signedIn",
        session: { user: { email: bob.email, displayName: bob.displayName } },
      })
      const signInRequests = exchanges.filter((exchange) => exchange.path.startsWith("/session/"))
      expect(signInRequests.map((exchange) => exchange.path)).toEqual([
        "/session/token",
        "/session/token/2fa",
      ])
      // The 2FA session id travels only between the adapter and the server.
      const sessionId: unknown = JSON.parse(signInRequests[1]?.body ?? "").session_id
      expect(typeof sessionId).toBe("string")
      expect(JSON.stringify(snapshot)).not.toContain(String(sessionId))
    })

    it("keeps the challenge after a wrong code and accepts a right one on it", async () => {
      const { flow, code, exchanges } = await challenge()
      const wrong = code() === "000000" ? "111111" : "000000"
      const refused = await flow.submitCode(wrong)
      expect(refused.step).toBe("secondFactor")
      expect(errorOf(refused)).toMatchObject({
        code: "invalid_second_factor",
        vendorCode: 40022,
        fields: ["code"],
        serverMessage: "Incorrect 2FA code",
      })
      expect(errorOf(refused)?.message).not.toContain(wrong)
      expect((await flow.submitCode(code())).step).toBe("done")
      const sessionIds = exchanges
        .filter((exchange) => exchange.path === "/session/token/2fa")
        .map((exchange) => JSON.parse(exchange.body).session_id)
      expect(sessionIds).toHaveLength(2)
      expect(sessionIds[0]).toBe(sessionIds[1])
    })

    it("keeps the challenge when the code is malformed (40001)", async () => {
      const { flow, code } = await challenge()
      const refused = await flow.submitCode("")
      expect(refused.step).toBe("secondFactor")
      expect(errorOf(refused)).toMatchObject({
        code: "invalid_second_factor",
        vendorCode: 40001,
        fields: ["code"],
        serverMessage: "OTP cannot be empty",
      })
      expect((await flow.submitCode(code())).step).toBe("done")
    })

    it("says the challenge expired after 600 s and returns to the start", async () => {
      const { flow, code, clock, client } = await challenge()
      await clock.advance(600_000)
      const after = await flow.submitCode(code())
      expect(after.step).toBe("start")
      expect(errorOf(after)).toMatchObject({ code: "second_factor_expired", vendorCode: 404 })
      expect(client.getSnapshot().status).toBe("signedOut")
    })

    it("still accepts a code just before the 600 s are up", async () => {
      const { flow, code, clock } = await challenge()
      await clock.advance(599_000)
      expect((await flow.submitCode(code())).step).toBe("done")
    })
  })

  describe("refresh", () => {
    it("refreshes before access_expires without any call failing, keeping the newest refresh token", async () => {
      const { client, clock, exchanges } = await setup()
      const first = await signInAlice(client)
      // Lead time: min(60 s, 3600 s / 5) before expiry.
      await clock.advance(3_540_000 - 1)
      expect(
        exchanges.filter((exchange) => exchange.path === "/session/token/refresh"),
      ).toHaveLength(0)
      await clock.advance(1)
      const refreshed = await untilSnapshot(
        client,
        (snapshot) =>
          snapshot.session !== undefined && snapshot.session !== first && !snapshot.isRefreshing,
      )
      const refreshes = exchanges.filter((exchange) => exchange.path === "/session/token/refresh")
      expect(refreshes).toHaveLength(1)
      expect(JSON.parse(refreshes[0]?.body ?? "")).toEqual({
        refresh_token: first.credentials.refreshToken,
      })
      expect(refreshed.session).toMatchObject({
        issuedAt: clock.now(),
        expiresAt: clock.now() + 3_600_000,
        user: first.user,
      })
      expect(refreshed.session?.credentials.refreshToken).not.toBe(first.credentials.refreshToken)
      expect(refreshed.session?.credentials.accessToken).not.toBe(first.credentials.accessToken)
      expect(exchanges.every((exchange) => exchange.code === 0)).toBe(true)

      const response = await client.fetch(`${api}/user/me`)
      expect(await response.json()).toMatchObject({ code: 0, data: { email: alice.email } })
    })

    it("refreshes once and retries when a protected call answers envelope 401 (HTTP 200)", async () => {
      let skewMs = 0
      const { client, exchanges } = await setup({ skewMs: () => skewMs })
      const session = await signInAlice(client)
      // The server's clock runs an hour ahead: it sees the access token as expired, the app does not.
      skewMs = 3_600_000
      const response = await client.fetch(`${api}/user/me`)
      expect(response.status).toBe(200)
      expect(await response.json()).toMatchObject({ code: 0, data: { email: alice.email } })
      const calls = exchanges.slice(-3)
      expect(calls.map((exchange) => [exchange.path, exchange.code])).toEqual([
        ["/user/me", 401],
        ["/session/token/refresh", 0],
        ["/user/me", 0],
      ])
      expect(calls[0]?.authorization).toBe(`Bearer ${session.credentials.accessToken}`)
      expect(calls[2]?.authorization).not.toBe(calls[0]?.authorization)
    })

    it("signs out locally when the server refuses the refresh token (40020)", async () => {
      const { client, clock, context, adapter } = await setup()
      const session = await signInAlice(client)
      // The chain is revoked behind the app's back (signed out from another copy of the session).
      await adapter.signOut(context, session, { everywhere: false })
      await clock.advance(3_540_000)
      const after = await untilSnapshot(client, (snapshot) => snapshot.status !== "signedIn")
      expect(after).toMatchObject({
        status: "signedOut",
        error: { code: "session_revoked", vendorCode: 40020 },
      })
    })

    it("treats an envelope 401 on refresh as the end of the session", async () => {
      const { adapter, context, client } = await setup({
        tamper: (request) =>
          request.url.endsWith("/refresh")
            ? envelope({ code: 401, msg: "Login required" })
            : undefined,
      })
      const session = await signInAlice(client)
      await expect(adapter.refresh?.(context, session)).rejects.toMatchObject({
        code: "session_revoked",
        vendorCode: 401,
      })
    })
  })

  describe("sign-out", () => {
    it("revokes the refresh chain: the old refresh token is refused afterwards", async () => {
      const { client, clock, exchanges, adapter, context } = await setup()
      const first = await signInAlice(client)
      await clock.advance(3_540_000)
      const current = await untilSnapshot(
        client,
        (snapshot) =>
          snapshot.session !== undefined && snapshot.session !== first && !snapshot.isRefreshing,
      )
      const result = await client.signOut()
      expect(result).toEqual({ followUpUrl: undefined })
      expect(client.getSnapshot().status).toBe("signedOut")
      const signOut = exchanges.find((exchange) => exchange.method === "DELETE")
      expect(signOut?.path).toBe("/session/token")
      expect(JSON.parse(signOut?.body ?? "")).toEqual({
        refresh_token: current.session?.credentials.refreshToken,
      })
      // Both the first and the newest refresh token of the chain are dead now.
      for (const stale of [first, current.session]) {
        if (!stale) throw new Error("No session")
        await expect(adapter.refresh?.(context, stale)).rejects.toMatchObject({
          code: "session_revoked",
          vendorCode: 40020,
        })
      }
    })

    it("returns the single sign-on page the server names", async () => {
      const { client } = await setup({ signOutUrl: "https://idp.example.com/logout?client=cloud" })
      await signInAlice(client)
      expect(await client.signOut()).toEqual({
        followUpUrl: "https://idp.example.com/logout?client=cloud",
      })
    })

    it("drops a follow-up address that is not a web page", async () => {
      const { client } = await setup({ signOutUrl: "javascript:alert(document.cookie)" })
      await signInAlice(client)
      expect(await client.signOut()).toEqual({ followUpUrl: undefined })
    })

    it("counts a sign-out of a session the server already ended (40020) as done", async () => {
      const { client, adapter, context, exchanges } = await setup()
      const session = await signInAlice(client)
      // Signed out from another copy of the session: the refresh chain is already revoked.
      await adapter.signOut(context, session, { everywhere: false })
      const result = await client.signOut()
      expect(result).toEqual({ followUpUrl: undefined })
      expect(exchanges.at(-1)).toMatchObject({ method: "DELETE", code: 40020 })
      expect(client.getSnapshot()).toMatchObject({ status: "signedOut", error: undefined })
    })

    it("still reports a sign-out the server could not take, and clears the local session", async () => {
      const { client } = await setup({
        tamper: (request) =>
          request.method === "DELETE" ? envelope({ code: 50002, msg: "Failed" }) : undefined,
      })
      await signInAlice(client)
      const result = await client.signOut()
      expect(result.error).toMatchObject({ code: "server", vendorCode: 50002 })
      expect(client.getSnapshot().status).toBe("signedOut")
    })

    it("does not offer signing out everywhere", async () => {
      const { client } = await setup()
      await signInAlice(client)
      await expect(client.signOut({ everywhere: true })).rejects.toMatchObject({
        code: "unsupported",
      })
    })
  })

  describe("restored sessions", () => {
    it("checks a stored session with whoami and takes the user from it", async () => {
      const storage = memoryStorage()
      const first = await setup({ storage })
      await signInAlice(first.client)
      const { client, exchanges } = await setup({ storage })
      expect(client.getSnapshot()).toMatchObject({
        status: "signedIn",
        session: { user: { email: alice.email, displayName: alice.displayName } },
      })
      expect(exchanges.map((exchange) => [exchange.path, exchange.code])).toEqual([["/user/me", 0]])
    })
  })

  describe("reading answers", () => {
    const { adapter } = { adapter: cloudreveAdapter({ baseUrl }) }

    it("classifies envelope 401 as expired, whatever the HTTP status says", async () => {
      expect(await adapter.classify(envelope({ code: 401, msg: "Login required" }))).toEqual({
        type: "expired",
      })
      expect(await adapter.classify(new Response("", { status: 401 }))).toEqual({ type: "expired" })
      expect(await adapter.classify(envelope({ code: 0, msg: "", data: {} }))).toEqual({
        type: "ok",
      })
      expect(await adapter.classify(envelope({ code: 40004, msg: "Not found" }))).toEqual({
        type: "ok",
      })
      expect(await adapter.classify(new Response("a file, not JSON"))).toEqual({ type: "ok" })
    })

    it("adds the access token as a bearer token", () => {
      const request = adapter.authorize(new Request(`${api}/file`), {
        user: { id: "x" },
        credentials: { accessToken: "access", refreshToken: "refresh" },
        issuedAt: 0,
        expiresAt: 1,
        isRefreshable: true,
      })
      expect(request.headers.get("authorization")).toBe("Bearer access")
    })

    it("accepts only well-formed stored credentials", () => {
      expect(adapter.parseCredentials({ accessToken: "a", refreshToken: "r" })).toEqual({
        accessToken: "a",
        refreshToken: "r",
      })
      expect(adapter.parseCredentials({ accessToken: "a" })).toBeUndefined()
      expect(adapter.parseCredentials("a")).toBeUndefined()
    })

    it("describes what Cloudreve can do", () => {
      expect(adapter.capabilities).toEqual({
        secondFactor: "challenge",
        refresh: "token",
        sso: "none",
        signOutEverywhere: false,
        loginToken: false,
      })
      expect(adapter.vendor).toBe("cloudreve")
      expect(new AuthError("server").message).not.toContain("cloudreve")
    })
  })
})
