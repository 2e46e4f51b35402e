import { describe, expect, it } from "vitest"
import { createEmulatorClock } from "../clock"
import { alice, bob } from "../people"
import { createSeededRandomBytes } from "../randomBytes"
import { remoteAddressHeader } from "../remoteAddress"
import { decodeJwt } from "../tokens"
import { generateTotp } from "../totp"
import { erin, sftpgoAdmin, sftpgoTotpAdmin, zoe } from "./sftpgoAccounts"
import { createSftpgoEmulator, type SftpgoEmulatorOptions } from "./sftpgoEmulator"

const base = "http://localhost:8080/api/v2"

/** Basic credentials as a client must send them: UTF-8 bytes, then base64. */
const basic = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`, "utf8").toString("base64")}`

function setup(options: SftpgoEmulatorOptions = {}) {
  const clock = createEmulatorClock()
  const sftpgo = createSftpgoEmulator({
    clock,
    random: createSeededRandomBytes(7),
    rateLimit: false,
    defender: false,
    ...options,
  })
  const call = (
    path: string,
    headers: Record<string, string> = {},
    { from, method }: { from?: string; method?: string } = {},
  ) =>
    sftpgo.handle(
      new Request(`${base}${path}`, {
        method,
        headers: { ...headers, ...(from === undefined ? {} : { [remoteAddressHeader]: from }) },
      }),
    )
  const token = async (
    path: "/token" | "/user/token",
    person: { username: string; password: string },
    extra: Record<string, string> = {},
    from?: string,
  ) => call(path, { Authorization: basic(person.username, person.password), ...extra }, { from })
  const accessToken = async (response: Response) => {
    const body: unknown = await response.json()
    if (typeof body !== "object" || body === null || !("access_token" in body)) {
      throw new Error(`no token: ${JSON.stringify(body)}`)
    }
    return String(body.access_token)
  }
  const bearer = (value: string) => ({ Authorization: `Bearer ${value}` })
  return { clock, sftpgo, call, token, accessToken, bearer }
}

const invalidCredentials = { error: "invalid credentials", message: "Unauthorized" }

describe("SFTPGo emulator: token requests", () => {
  it("issues a user token: a JWT for the user realm bound to the address, expiring in 20 minutes", async () => {
    const { token, clock } = setup()
    const response = await token("/user/token", alice)
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(Object.keys(body).sort()).toEqual(["access_token", "expires_at"])
    expect(body.expires_at).toBe(
      new Date(clock.now() + 20 * 60_000).toISOString().replace(".000", ""),
    )
    expect(decodeJwt(body.access_token)).toMatchObject({
      aud: ["APIUser", "127.0.0.1"],
      username: "alice",
      exp: (clock.now() + 20 * 60_000) / 1000,
    })
  })

  it("takes the credentials as UTF-8: accents, a check mark, a colon, Chinese and an emoji", async () => {
    const { token } = setup()
    expect(zoe.password).toMatch(/[^\x20-\x7e]/)
    expect((await token("/user/token", zoe)).status).toBe(200)
    const latin1 = `Basic ${Buffer.from(`zoe:${zoe.password}`, "latin1").toString("base64")}`
    const refused = await setup().call("/user/token", { Authorization: latin1 })
    expect(refused.status).toBe(401)
  })

  it("asks for Basic credentials when none came, without an error field", async () => {
    const { call } = setup()
    for (const path of ["/token", "/user/token"]) {
      const response = await call(path)
      expect(response.status).toBe(401)
      expect(response.headers.get("WWW-Authenticate")).toBe('Basic realm="SFTPGo"')
      expect(await response.json()).toEqual({ message: "Unauthorized" })
    }
  })

  it("answers a wrong password, a missing code and a wrong code alike", async () => {
    const { token, clock } = setup()
    const wrongCode = String((Number(generateTotp(bob.totpSecret ?? "", clock.now())) + 1) % 1e6)
    const answers = [
      await token("/user/token", { ...alice, password: "nope" }),
      await token("/user/token", bob),
      await token("/user/token", bob, { "X-SFTPGO-OTP": wrongCode.padStart(6, "0") }),
      await token("/user/token", { username: "nobody", password: "x" }),
    ]
    for (const response of answers) {
      expect(response.status).toBe(401)
      expect(response.headers.get("WWW-Authenticate")).toBe('Basic realm="SFTPGo"')
      expect(await response.json()).toEqual(invalidCredentials)
    }
  })

  it("signs bob in with his code in X-SFTPGO-OTP, once per code", async () => {
    const { token, clock } = setup()
    const code = generateTotp(bob.totpSecret ?? "", clock.now())
    expect((await token("/user/token", bob, { "X-SFTPGO-OTP": code })).status).toBe(200)
    expect((await token("/user/token", bob, { "X-SFTPGO-OTP": code })).status).toBe(401)
    clock.advance(30_000)
    const next = generateTotp(bob.totpSecret ?? "", clock.now())
    expect((await token("/user/token", bob, { "X-SFTPGO-OTP": next })).status).toBe(200)
  })

  it("keeps admins and users apart, and asks the TOTP admin for a code", async () => {
    const { token, clock } = setup()
    const admin = await token("/token", sftpgoAdmin)
    expect(decodeJwt((await admin.json()).access_token)?.aud).toEqual(["API", "127.0.0.1"])
    expect((await token("/user/token", sftpgoAdmin)).status).toBe(401)
    expect((await token("/token", alice)).status).toBe(401)
    expect((await token("/token", sftpgoTotpAdmin)).status).toBe(401)
    const code = generateTotp(sftpgoTotpAdmin.totpSecret ?? "", clock.now())
    expect((await token("/token", sftpgoTotpAdmin, { "X-SFTPGO-OTP": code })).status).toBe(200)
  })

  it("refuses Erin (HTTP denied by a filter) only after her password, and anyone the post-connect hook refuses", async () => {
    const { token } = setup({ postConnectHook: (address) => address !== "203.0.113.9" })
    expect(await (await token("/user/token", { ...erin, password: "wrong" })).json()).toEqual(
      invalidCredentials,
    )
    const refused = await token("/user/token", erin)
    expect(refused.status).toBe(403)
    expect(await refused.json()).toEqual({
      error: 'protocol HTTP is not allowed for user "erin"',
      message: "Forbidden",
    })
    const hooked = await token("/user/token", alice, {}, "203.0.113.9")
    expect(hooked.status).toBe(403)
    expect(await hooked.json()).toEqual({ error: "permission denied", message: "Forbidden" })
  })

  it("issues tokens of the configured lifetime", async () => {
    const { token, clock } = setup({ accessTokenTtlMs: 90_000 })
    const body = await (await token("/user/token", alice)).json()
    expect(Date.parse(body.expires_at)).toBe(clock.now() + 90_000)
  })
})

describe("SFTPGo emulator: using tokens", () => {
  it("answers the realm's profile, refuses the other realm's token, and says why", async () => {
    const { token, call, accessToken, bearer } = setup()
    const user = await accessToken(await token("/user/token", alice))
    const admin = await accessToken(await token("/token", sftpgoAdmin))
    const profile = await call("/user/profile", bearer(user))
    expect(await profile.json()).toEqual({ email: alice.email, allow_api_key_auth: false })
    for (const [path, wrong] of [
      ["/user/profile", admin],
      ["/user/logout", admin],
      ["/admin/profile", user],
      ["/logout", user],
    ] as const) {
      const refused = await call(path, bearer(wrong))
      expect(refused.status).toBe(401)
      expect(refused.headers.get("WWW-Authenticate")).toBeNull()
      expect(await refused.json()).toEqual({ message: "Your token audience is not valid" })
    }
  })

  it("invalidates a token on logout", async () => {
    const { token, call, accessToken, bearer } = setup()
    const user = await accessToken(await token("/user/token", alice))
    const logout = await call("/user/logout", bearer(user))
    expect(await logout.json()).toEqual({ message: "Your token has been invalidated" })
    for (const path of ["/user/profile", "/user/logout"]) {
      const refused = await call(path, bearer(user))
      expect(refused.status).toBe(401)
      expect(await refused.json()).toEqual({ message: "Your token is no longer valid" })
    }
  })

  it("binds a token to the address it was issued to, unless told not to", async () => {
    const bound = setup()
    const token = await bound.accessToken(
      await bound.token("/user/token", alice, {}, "198.51.100.7"),
    )
    expect(
      (await bound.call("/user/profile", bound.bearer(token), { from: "198.51.100.7" })).status,
    ).toBe(200)
    const moved = await bound.call("/user/profile", bound.bearer(token), { from: "198.51.100.8" })
    expect(moved.status).toBe(401)
    expect(await moved.json()).toEqual({ message: "Your token is not valid" })

    const unbound = setup({ bindsTokensToAddress: false })
    const roaming = await unbound.accessToken(await unbound.token("/user/token", alice))
    expect(
      (await unbound.call("/user/profile", unbound.bearer(roaming), { from: "10.0.0.1" })).status,
    ).toBe(200)
  })

  it("refuses an expired token after SFTPGo's 30-second leeway, and a missing one", async () => {
    const { token, call, accessToken, bearer, clock } = setup()
    const user = await accessToken(await token("/user/token", alice))
    clock.advance(20 * 60_000 + 29_000)
    expect((await call("/user/profile", bearer(user))).status).toBe(200)
    clock.advance(1_000)
    const expired = await call("/user/profile", bearer(user))
    expect(expired.status).toBe(401)
    expect(await expired.json()).toEqual({ error: "no token found", message: "Unauthorized" })
    expect(await (await call("/user/profile")).json()).toEqual({
      error: "no token found",
      message: "Unauthorized",
    })
  })
})

describe("SFTPGo emulator: rate limiter and defender", () => {
  it("allows 10 token requests a minute per address, then 429 with Retry-After and X-Retry-In", async () => {
    const { token, clock } = setup({ rateLimit: undefined })
    for (let attempt = 0; attempt < 10; attempt++) {
      expect((await token("/user/token", alice)).status).toBe(200)
      clock.advance(1_000)
    }
    const limited = await token("/user/token", alice)
    expect(limited.status).toBe(429)
    expect(limited.headers.get("Retry-After")).toBe("50")
    expect(limited.headers.get("X-Retry-In")).toBe("50.499999999s")
    expect(await limited.json()).toEqual({
      error: "rate limit exceed, wait time to respect rate 50s, max wait time allowed 10s",
      message: "Too Many Requests",
    })
    expect((await token("/user/token", alice, {}, "192.0.2.1")).status).toBe(200)
    clock.advance(50_000)
    expect((await token("/user/token", alice)).status).toBe(200)
  })

  it("bans an address after 15 failed logins in 10 minutes, for 30 minutes, everywhere", async () => {
    const { token, call, accessToken, bearer, clock, sftpgo } = setup({ defender: undefined })
    const user = await accessToken(await token("/user/token", alice))
    for (let attempt = 0; attempt < 14; attempt++) {
      expect((await token("/user/token", { ...alice, password: "guess" })).status).toBe(401)
      clock.advance(40_000)
    }
    expect((await token("/user/token", alice)).status).toBe(200)
    expect((await token("/token", { ...sftpgoAdmin, password: "guess" })).status).toBe(401)
    for (const answer of [
      await token("/user/token", alice),
      await call("/user/profile", bearer(user)),
    ]) {
      expect(answer.status).toBe(403)
      expect(await answer.json()).toEqual({ error: "your IP address is blocked", message: "" })
    }
    expect(sftpgo.defender.isBanned("127.0.0.1")).toBe(true)
    expect((await token("/user/token", alice, {}, "192.0.2.1")).status).toBe(200)
    clock.advance(30 * 60_000)
    expect((await token("/user/token", alice)).status).toBe(200)
  })

  it("forgets failures older than the observation window", async () => {
    const { token, clock } = setup({ defender: undefined })
    for (let attempt = 0; attempt < 30; attempt++) {
      await token("/user/token", { ...alice, password: "guess" })
      clock.advance(60_000)
    }
    expect((await token("/user/token", alice)).status).toBe(200)
  })
})

describe("SFTPGo emulator: other paths", () => {
  it("answers unknown paths and methods as ApiResponses", async () => {
    const { call } = setup()
    const missing = await call("/nowhere")
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ message: "Not Found" })
    const wrongMethod = await call("/user/token", {}, { method: "POST" })
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.headers.get("Allow")).toContain("GET")
    expect(await wrongMethod.json()).toEqual({ message: "Method Not Allowed" })
  })
})
