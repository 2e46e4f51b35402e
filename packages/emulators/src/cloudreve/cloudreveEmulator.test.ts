import { describe, expect, it } from "vitest"
import { createEmulatorClock } from "../clock"
import { toFetch } from "../mounts/toFetch"
import { alice, bob } from "../people"
import { createSeededRandomBytes } from "../randomBytes"
import { decodeJwt } from "../tokens"
import { generateTotp } from "../totp"
import {
  type CloudreveEmulatorOptions,
  cloudreveWidgetTestAnswer,
  createCloudreveEmulator,
} from "./cloudreveEmulator"

interface Envelope {
  code: number
  msg: string
  data?: unknown
  correlation_id?: string
}

interface TokenPair {
  access_token: string
  refresh_token: string
  access_expires: string
  refresh_expires: string
}

function setup(options: CloudreveEmulatorOptions = {}) {
  const clock = createEmulatorClock()
  const emulator = createCloudreveEmulator({
    clock,
    random: createSeededRandomBytes(7),
    ...options,
  })
  const fetch = toFetch(emulator)
  const send = async (method: string, path: string, body?: unknown, headers?: HeadersInit) => {
    const response = await fetch(`http://cloud.test/api/v4${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    })
    expect(response.status).toBe(200)
    return (await response.json()) as Envelope
  }
  const signIn = (body: unknown) => send("POST", "/session/token", body)
  const tokensOf = (envelope: Envelope) => {
    expect(envelope.code).toBe(0)
    return (envelope.data as { token: TokenPair }).token
  }
  const me = (accessToken: string) =>
    send("GET", "/user/me", undefined, { Authorization: `Bearer ${accessToken}` })
  const refresh = (refreshToken: string) =>
    send("POST", "/session/token/refresh", { refresh_token: refreshToken })
  return { clock, emulator, send, signIn, tokensOf, me, refresh }
}

const alicePassword = { email: alice.email, password: alice.password }
const bobPassword = { email: bob.email, password: bob.password }

describe("createCloudreveEmulator", () => {
  it("signs Alice in with HTTP 200, an envelope, her user and RFC 3339 expiries", async () => {
    const { signIn, clock } = setup()
    const answer = await signIn(alicePassword)
    expect(answer).toMatchObject({ code: 0, msg: "" })
    expect(answer.correlation_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/)
    const data = answer.data as { user: Record<string, unknown>; token: TokenPair }
    expect(data.user).toMatchObject({
      email: alice.email,
      nickname: alice.displayName,
      status: "active",
    })
    expect(Date.parse(data.token.access_expires)).toBe(clock.now() + 3_600_000)
    expect(Date.parse(data.token.refresh_expires)).toBe(clock.now() + 14 * 86_400_000)
    expect(data.token.access_expires).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
    expect(decodeJwt(data.token.access_token)?.token_type).toBe("access")
  })

  it("answers a wrong password and an unknown e-mail the same way, 40080", async () => {
    const { signIn } = setup()
    const wrong = await signIn({ email: alice.email, password: "not her password" })
    const unknown = await signIn({ email: "nobody@example.com", password: alice.password })
    expect(wrong).toMatchObject({ code: 40080, msg: "Incorrect password or email address" })
    expect(unknown).toMatchObject({ code: wrong.code, msg: wrong.msg })
    expect(wrong.data).toBeUndefined()
  })

  it("refuses blocked Carol (40017) and inactive Dave (40018), only with their right password", async () => {
    const { signIn } = setup()
    expect(
      (await signIn({ email: "carol@example.com", password: "blocked but correct" })).code,
    ).toBe(40017)
    expect((await signIn({ email: "dave@example.com", password: "not activated yet" })).code).toBe(
      40018,
    )
    expect((await signIn({ email: "carol@example.com", password: "guessing" })).code).toBe(40080)
  })

  it("validates parameters with Cloudreve's messages and survives hostile bodies", async () => {
    const { signIn, send } = setup()
    const cases: [unknown, string][] = [
      [{ email: "not-an-email", password: alice.password }, "Email format error"],
      [{ password: alice.password }, "Email cannot be empty"],
      [{ email: alice.email, password: "abc" }, "Password too short"],
      [{ email: alice.email, password: "x".repeat(129) }, "Password too long"],
      [{ email: alice.email }, "Password cannot be empty"],
      [{ email: 42, password: alice.password }, "JSON type mismatch"],
      ["{not json", "Parameter error"],
      ["[1,2]", "Parameter error"],
      ["null", "Parameter error"],
      ["", "Parameter error"],
    ]
    for (const [body, msg] of cases) expect(await signIn(body)).toMatchObject({ code: 40001, msg })
    expect(await send("POST", "/session/token/2fa", "\u0000")).toMatchObject({ code: 40001 })
    expect(await send("DELETE", "/session/token", "{")).toMatchObject({ code: 40001 })
    expect(await send("GET", "/nowhere")).toMatchObject({ code: 404 })
    expect(await send("PUT", "/session/token", {})).toMatchObject({ code: 405 })
  })

  describe("two-factor sign-in", () => {
    it("answers 203 with a bare 2FA session id, then signs Bob in with a real TOTP code", async () => {
      const { signIn, send, clock, tokensOf } = setup()
      const first = await signIn(bobPassword)
      expect(first.code).toBe(203)
      expect(typeof first.data).toBe("string")
      const second = await send("POST", "/session/token/2fa", {
        otp: generateTotp(bob.totpSecret ?? "", clock.now()),
        session_id: first.data,
      })
      expect(tokensOf(second).access_token).not.toBe("")
      expect((second.data as { user: { email: string } }).user.email).toBe(bob.email)
    })

    it("keeps the 2FA session after a wrong code, with no attempt limit, and ends it on success", async () => {
      const { signIn, send, clock } = setup()
      const sessionId = (await signIn(bobPassword)).data
      for (let attempt = 0; attempt < 10; attempt++) {
        expect(
          await send("POST", "/session/token/2fa", { otp: "000000", session_id: sessionId }),
        ).toMatchObject({ code: 40022 })
      }
      const otp = generateTotp(bob.totpSecret ?? "", clock.now())
      expect((await send("POST", "/session/token/2fa", { otp, session_id: sessionId })).code).toBe(
        0,
      )
      expect((await send("POST", "/session/token/2fa", { otp, session_id: sessionId })).code).toBe(
        404,
      )
    })

    it("forgets the 2FA session after 600 seconds", async () => {
      const { signIn, send, clock } = setup()
      const sessionId = (await signIn(bobPassword)).data
      clock.advance(599_999)
      const otp = () => generateTotp(bob.totpSecret ?? "", clock.now())
      expect(
        (await send("POST", "/session/token/2fa", { otp: "999999", session_id: sessionId })).code,
      ).toBe(40022)
      clock.advance(1)
      expect(
        await send("POST", "/session/token/2fa", { otp: otp(), session_id: sessionId }),
      ).toMatchObject({
        code: 404,
      })
    })

    it("validates the second step's parameters", async () => {
      const { send } = setup()
      expect(await send("POST", "/session/token/2fa", { session_id: "x" })).toMatchObject({
        code: 40001,
        msg: "OTP cannot be empty",
      })
      expect(
        await send("POST", "/session/token/2fa", { otp: "123456", session_id: "nope" }),
      ).toMatchObject({
        code: 404,
      })
    })
  })

  describe("tokens", () => {
    it("answers whoami with the access token, and 401 Login required without one or after it expires", async () => {
      const { signIn, tokensOf, me, send, clock } = setup({ accessTokenTtlMs: 60_000 })
      const { access_token } = tokensOf(await signIn(alicePassword))
      expect(await me(access_token)).toMatchObject({ code: 0, data: { email: alice.email } })
      expect(await send("GET", "/user/me")).toMatchObject({ code: 401, msg: "Login required" })
      expect(await me(`${access_token}x`)).toMatchObject({ code: 401 })
      clock.advance(60_000)
      expect(await me(access_token)).toMatchObject({ code: 401, msg: "Login required" })
    })

    it("refreshes into a new pair while older refresh tokens of the chain keep working", async () => {
      const { signIn, tokensOf, refresh, me, clock } = setup()
      const first = tokensOf(await signIn(alicePassword))
      clock.advance(1_000)
      const second = (await refresh(first.refresh_token)).data as TokenPair
      expect(second.refresh_token).not.toBe(first.refresh_token)
      expect(Date.parse(second.access_expires)).toBe(clock.now() + 3_600_000)
      expect((await me(second.access_token)).code).toBe(0)
      expect((await refresh(first.refresh_token)).code).toBe(0)
      expect((await refresh(second.access_token)).code).toBe(40020)
    })

    it("refuses an expired refresh token with 40020", async () => {
      const { signIn, tokensOf, refresh, clock } = setup({ refreshTokenTtlMs: 120_000 })
      const { refresh_token } = tokensOf(await signIn(alicePassword))
      clock.advance(120_000)
      expect(await refresh(refresh_token)).toMatchObject({ code: 40020 })
    })

    it("revokes the whole chain on sign-out, leaving other sign-ins and issued access tokens alone", async () => {
      const { signIn, tokensOf, refresh, send, me } = setup()
      const first = tokensOf(await signIn(alicePassword))
      const second = (await refresh(first.refresh_token)).data as TokenPair
      const elsewhere = tokensOf(await signIn(alicePassword))
      expect(
        await send("DELETE", "/session/token", { refresh_token: second.refresh_token }),
      ).toMatchObject({
        code: 0,
        data: "",
      })
      expect((await refresh(first.refresh_token)).code).toBe(40020)
      expect((await refresh(second.refresh_token)).code).toBe(40020)
      expect(
        (await send("DELETE", "/session/token", { refresh_token: first.refresh_token })).code,
      ).toBe(40020)
      expect((await refresh(elsewhere.refresh_token)).code).toBe(0)
      expect((await me(second.access_token)).code).toBe(0)
    })

    it("answers sign-out with the configured single sign-on page", async () => {
      const { signIn, tokensOf, send } = setup({ signOutUrl: "https://idp.example.com/logout" })
      const { refresh_token } = tokensOf(await signIn(alicePassword))
      expect((await send("DELETE", "/session/token", { refresh_token })).data).toBe(
        "https://idp.example.com/logout",
      )
    })
  })

  describe("captcha", () => {
    it("is off by default", async () => {
      const { send, signIn } = setup()
      expect((await send("GET", "/site/config/login")).data).toMatchObject({ login_captcha: false })
      expect((await signIn(alicePassword)).code).toBe(0)
    })

    it("asks for an image captcha whose ticket works once, right or wrong", async () => {
      const { send, signIn, emulator } = setup({ loginCaptcha: true })
      expect((await send("GET", "/site/config/login")).data).toMatchObject({
        login_captcha: true,
        captcha_type: "normal",
      })
      const fresh = async () => {
        const { image, ticket } = (await send("GET", "/site/captcha")).data as {
          image: string
          ticket: string
        }
        expect(image).toMatch(/^data:image\/svg\+xml;base64,/)
        return { ticket, answer: emulator.captchaAnswer(ticket) ?? "" }
      }
      expect(await signIn(alicePassword)).toMatchObject({ code: 40026, msg: "CAPTCHA not match." })

      const first = await fresh()
      expect(first.answer).toMatch(/^\d{5}$/)
      const wrong = first.answer === "00000" ? "11111" : "00000"
      expect((await signIn({ ...alicePassword, ticket: first.ticket, captcha: wrong })).code).toBe(
        40026,
      )
      expect(
        (await signIn({ ...alicePassword, ticket: first.ticket, captcha: first.answer })).code,
      ).toBe(40026)

      const second = await fresh()
      expect(
        (await signIn({ ...alicePassword, ticket: second.ticket, captcha: second.answer })).code,
      ).toBe(0)
      expect(
        (await signIn({ ...alicePassword, ticket: second.ticket, captcha: second.answer })).code,
      ).toBe(40026)
    })

    it("checks the captcha before the parameters, as Cloudreve's middleware does", async () => {
      const { signIn } = setup({ loginCaptcha: true })
      expect((await signIn({ email: "bad" })).code).toBe(40026)
    })

    it("reads each widget's answer from the field its kind uses", async () => {
      const pass = cloudreveWidgetTestAnswer
      const kinds = [
        ["recaptcha", { captcha: pass }, { ticket: pass }],
        ["turnstile", { ticket: pass }, { captcha: pass }],
        ["cap", { ticket: pass }, { captcha: pass }],
        ["tcaptcha", { ticket: pass, captcha: "randstr" }, { ticket: pass }],
      ] as const
      for (const [captchaType, right, wrong] of kinds) {
        const { signIn, send } = setup({ loginCaptcha: true, captchaType })
        expect((await send("GET", "/site/config/login")).data).toMatchObject({
          captcha_type: captchaType,
        })
        expect((await signIn({ ...alicePassword, ...wrong })).code).toBe(40026)
        expect((await signIn({ ...alicePassword, ...right })).code).toBe(0)
      }
    })
  })

  it("tells whether an account exists and can use a password", async () => {
    const { send } = setup()
    expect(
      await send("GET", `/session/prepare?email=${encodeURIComponent(alice.email)}`),
    ).toMatchObject({
      code: 0,
      data: { webauthn_enabled: false, password_enabled: true },
    })
    expect((await send("GET", "/session/prepare?email=nobody%40example.com")).code).toBe(404)
    expect(await send("GET", "/session/prepare?email=nope")).toMatchObject({
      code: 40001,
      msg: "Email format error",
    })
  })

  it("logs requests without secrets in the path", async () => {
    const { send, emulator } = setup()
    await send("GET", `/session/prepare?email=${encodeURIComponent(alice.email)}`)
    expect(emulator.log.entries().at(-1)).toMatchObject({ method: "GET", status: 200 })
  })
})
