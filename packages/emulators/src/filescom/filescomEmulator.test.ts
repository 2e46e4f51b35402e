import { describe, expect, it } from "vitest"
import { createEmulatorClock } from "../clock"
import { toFetch } from "../mounts/toFetch"
import { alice, bob } from "../people"
import { createSeededRandomBytes } from "../randomBytes"
import { generateTotp } from "../totp"
import { lou, mona, nina, otto, sam, tess, uma, yuki, yukiYubikeyOtps } from "./filescomAccounts"
import { createFilescomEmulator, type FilescomEmulatorOptions } from "./filescomEmulator"

const site = "https://acme.files.test"
const api = `${site}/api/rest/v1`

interface FilescomErrorBody {
  type: string
  title: string
  error: string
  "http-code": number
  instance: string
  data?: {
    partial_session_id?: string
    two_factor_authentication_methods?: string[]
    host?: string
    u2f_sign_requests?: unknown[]
  }
}

function setup(options: FilescomEmulatorOptions = {}) {
  const clock = createEmulatorClock()
  const emulator = createFilescomEmulator({ clock, random: createSeededRandomBytes(9), ...options })
  const fetch = toFetch(emulator)
  const signIn = (fields: Record<string, string>, base = api, headers: HeadersInit = {}) =>
    fetch(`${base}/sessions`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body: JSON.stringify(fields),
    })
  const sessionId = async (response: Response) => {
    expect(response.status).toBe(201)
    const body = (await response.json()) as { id: string }
    return body.id
  }
  const folders = (id: string) => fetch(`${api}/folders/`, { headers: { "X-FilesAPI-Auth": id } })
  return { clock, emulator, fetch, signIn, sessionId, folders }
}

async function errorOf(response: Response): Promise<FilescomErrorBody> {
  expect(response.headers.get("Content-Type")).toBe("application/json")
  return (await response.json()) as FilescomErrorBody
}

describe("createFilescomEmulator", () => {
  it("signs Alice in with JSON: 201, a 40-character session id, and a session that opens her folder", async () => {
    const { signIn, sessionId, folders } = setup()
    const response = await signIn({ username: alice.username, password: alice.password })
    expect(response.headers.get("Content-Type")).toBe("application/json")
    const id = await sessionId(response)
    expect(id).toMatch(/^[0-9a-f]{40}$/)
    const listing = await folders(id)
    expect(listing.status).toBe(200)
    expect(await listing.json()).toEqual([expect.objectContaining({ path: "welcome.txt" })])
  })

  it("reads the same sign-in sent as multipart/form-data and as a URL-encoded form", async () => {
    const { fetch, sessionId } = setup()
    const form = new FormData()
    form.set("username", alice.username)
    form.set("password", alice.password)
    const multipart = new Request(`${api}/sessions`, { method: "POST", body: form })
    expect(multipart.headers.get("Content-Type")).toMatch(/^multipart\/form-data; boundary=/)
    expect(await sessionId(await fetch(multipart))).toMatch(/^[0-9a-f]{40}$/)
    const encoded = new URLSearchParams({ username: alice.username, password: alice.password })
    expect(
      await sessionId(await fetch(`${api}/sessions`, { method: "POST", body: encoded })),
    ).toMatch(/^[0-9a-f]{40}$/)
  })

  it("answers a wrong password in Files.com's error shape with the catalog's 401", async () => {
    const { signIn } = setup()
    const response = await signIn({ username: alice.username, password: "not hers" })
    expect(response.status).toBe(401)
    const body = await errorOf(response)
    expect(body).toMatchObject({
      type: "not-authenticated/invalid-username-or-password",
      title: "Invalid Username Or Password",
      error: "Invalid username or password",
      "http-code": 401,
    })
    expect(body.instance).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    expect(JSON.stringify(body)).not.toContain("not hers")
  })

  it("asks Bob for his TOTP code with a partial session, then accepts it with the password once", async () => {
    const { signIn, clock, sessionId } = setup()
    const first = await signIn({ username: bob.username, password: bob.password })
    expect(first.status).toBe(401)
    const body = await errorOf(first)
    expect(body.type).toBe("not-authenticated/two-factor-authentication-error")
    expect(body.error).toMatch(/^2FA Authentication error: /)
    expect(body.data?.two_factor_authentication_methods).toEqual(["totp"])
    expect(body.data?.partial_session_id).toMatch(/^[0-9a-f]{40}$/)
    const otp = generateTotp(bob.totpSecret ?? "", clock.now())
    const fields = { username: bob.username, password: bob.password, otp }
    expect(await sessionId(await signIn(fields))).toMatch(/^[0-9a-f]{40}$/)
    // The same code again is a replay: asked for a code again.
    const replay = await errorOf(await signIn(fields))
    expect(replay.type).toBe("not-authenticated/two-factor-authentication-error")
  })

  it("texts Sam a code at the first attempt, shows it on the control route, and takes it once", async () => {
    const { signIn, emulator, fetch, sessionId, clock } = setup()
    expect(emulator.smsCode(sam.username)).toBeUndefined()
    const first = await errorOf(await signIn({ username: sam.username, password: sam.password }))
    expect(first.data?.two_factor_authentication_methods).toEqual(["sms"])
    const code = emulator.smsCode(sam.username) ?? ""
    expect(code).toMatch(/^\d{6}$/)
    const control = await fetch(`${site}/_emulator/sms/${sam.username}`)
    expect(await control.json()).toEqual({
      username: sam.username,
      code,
      sent_at: new Date(clock.now()).toISOString(),
    })
    const wrong = code === "000000" ? "111111" : "000000"
    const refused = await signIn({ username: sam.username, password: sam.password, otp: wrong })
    expect((await errorOf(refused)).type).toBe("not-authenticated/two-factor-authentication-error")
    expect(emulator.smsCode(sam.username)).toBe(code)
    const fields = { username: sam.username, password: sam.password, otp: code }
    expect(await sessionId(await signIn(fields))).toMatch(/^[0-9a-f]{40}$/)
    expect(emulator.smsCode(sam.username)).toBeUndefined()
  })

  it("keeps the last text message for 30 s, then sends a new code; codes die after 10 minutes", async () => {
    const { signIn, emulator, clock } = setup()
    const again = () => signIn({ username: sam.username, password: sam.password })
    await again()
    const first = emulator.smsCode(sam.username)
    clock.advance(29_000)
    await again()
    expect(emulator.smsCode(sam.username)).toBe(first)
    clock.advance(1_000)
    await again()
    const second = emulator.smsCode(sam.username)
    expect(second).toMatch(/^\d{6}$/)
    expect(second).not.toBe(first)
    clock.advance(10 * 60_000)
    expect(emulator.smsCode(sam.username)).toBeUndefined()
  })

  it("continues Yuki's partial session with a YubiKey string and no password, each string once", async () => {
    const { signIn, sessionId } = setup()
    const first = await errorOf(await signIn({ username: yuki.username, password: yuki.password }))
    expect(first.data?.two_factor_authentication_methods).toEqual(["yubi"])
    const partial = first.data?.partial_session_id ?? ""
    const otp = yukiYubikeyOtps[0] ?? ""
    const wrong = await signIn({
      username: yuki.username,
      otp: "cccccc",
      partial_session_id: partial,
    })
    expect(wrong.status).toBe(401)
    expect((await errorOf(wrong)).type).toBe("not-authenticated/one-time-password-incorrect")
    const fields = { username: yuki.username, otp, partial_session_id: partial }
    expect(await sessionId(await signIn(fields))).toMatch(/^[0-9a-f]{40}$/)
    // The partial session is used up, and so is the string.
    expect((await signIn(fields)).status).toBe(401)
    const next = await errorOf(await signIn({ username: yuki.username, password: yuki.password }))
    const reused = await signIn({
      username: yuki.username,
      otp,
      partial_session_id: next.data?.partial_session_id ?? "",
    })
    expect((await errorOf(reused)).type).toBe("not-authenticated/one-time-password-incorrect")
  })

  it("lists Tess's methods in order and takes either an app code or the text message's code", async () => {
    const { signIn, emulator, clock, sessionId } = setup()
    const first = await errorOf(await signIn({ username: tess.username, password: tess.password }))
    expect(first.data?.two_factor_authentication_methods).toEqual(["totp", "sms"])
    const sms = emulator.smsCode(tess.username) ?? ""
    const byText = { username: tess.username, password: tess.password, otp: sms }
    expect(await sessionId(await signIn(byText))).toMatch(/^[0-9a-f]{40}$/)
    const otp = generateTotp(tess.totpSecret ?? "", clock.now())
    const byApp = { username: tess.username, password: tess.password, otp }
    expect(await sessionId(await signIn(byApp))).toMatch(/^[0-9a-f]{40}$/)
  })

  it("offers Uma only U2F, with a sign request", async () => {
    const { signIn } = setup()
    const body = await errorOf(await signIn({ username: uma.username, password: uma.password }))
    expect(body.data?.two_factor_authentication_methods).toEqual(["u2f"])
    expect(body.data?.u2f_sign_requests).toHaveLength(1)
  })

  it.each([
    [lou, 401, "not-authenticated/locked-out"],
    [mona, 403, "not-authorized/password-change-required"],
    [nina, 403, "not-authorized/two-factor-authentication-required"],
    [otto, 401, "not-authenticated/two-factor-authentication-setup-expired"],
  ] as const)(
    "answers $username's account state with the catalog's status",
    async (person, status, type) => {
      const { signIn } = setup()
      const response = await signIn({ username: person.username, password: person.password })
      expect(response.status).toBe(status)
      expect(await errorOf(response)).toMatchObject({ type, "http-code": status })
    },
  )

  it("locks Lou out whatever the password, and tells Mona only after the right one", async () => {
    const { signIn } = setup()
    const lockedOut = await signIn({ username: lou.username, password: "anything" })
    expect((await errorOf(lockedOut)).type).toBe("not-authenticated/locked-out")
    const wrong = await signIn({ username: mona.username, password: "anything" })
    expect((await errorOf(wrong)).type).toBe("not-authenticated/invalid-username-or-password")
  })

  it("rate-limits a user name after five failures a minute with 429 and Retry-After", async () => {
    const { signIn, clock, sessionId } = setup()
    for (let attempt = 0; attempt < 5; attempt++) {
      clock.advance(1_000)
      expect((await signIn({ username: alice.username, password: "guess" })).status).toBe(401)
    }
    const limited = await signIn({ username: alice.username, password: alice.password })
    expect(limited.status).toBe(429)
    expect(limited.headers.get("Retry-After")).toBe("56")
    expect(await errorOf(limited)).toMatchObject({ type: "rate-limited/too-many-login-attempts" })
    // Other people are not held back.
    const other = await signIn({ username: sam.username, password: sam.password })
    expect((await errorOf(other)).type).toBe("not-authenticated/two-factor-authentication-error")
    clock.advance(56_000)
    expect(
      await sessionId(await signIn({ username: alice.username, password: alice.password })),
    ).toMatch(/^[0-9a-f]{40}$/)
  })
})

describe("createFilescomEmulator sessions", () => {
  it("ends a session after its lifetime: calls then answer 401 invalid-session", async () => {
    const { signIn, sessionId, folders, clock } = setup({ accessTokenTtlMs: 60_000 })
    const id = await sessionId(await signIn({ username: alice.username, password: alice.password }))
    clock.advance(59_999)
    expect((await folders(id)).status).toBe(200)
    clock.advance(1)
    const expired = await folders(id)
    expect(expired.status).toBe(401)
    expect(await errorOf(expired)).toMatchObject({ type: "not-authenticated/invalid-session" })
  })

  it("lasts six hours by default", async () => {
    const { signIn, sessionId, folders, clock } = setup()
    const id = await sessionId(await signIn({ username: alice.username, password: alice.password }))
    clock.advance(6 * 60 * 60 * 1000 - 1)
    expect((await folders(id)).status).toBe(200)
    clock.advance(1)
    expect((await folders(id)).status).toBe(401)
  })

  it("signs out with DELETE /sessions: 200, an empty body of length 0, and the session is gone", async () => {
    const { fetch, signIn, sessionId, folders } = setup()
    const id = await sessionId(await signIn({ username: alice.username, password: alice.password }))
    const signOut = await fetch(`${api}/sessions`, {
      method: "DELETE",
      headers: { "X-FilesAPI-Auth": id },
    })
    expect(signOut.status).toBe(200)
    expect(signOut.headers.get("Content-Length")).toBe("0")
    expect(await signOut.text()).toBe("")
    expect((await folders(id)).status).toBe(401)
    const again = await fetch(`${api}/sessions`, {
      method: "DELETE",
      headers: { "X-FilesAPI-Auth": id },
    })
    expect(await errorOf(again)).toMatchObject({ type: "not-authenticated/invalid-session" })
    const without = await fetch(`${api}/folders/`)
    expect(await errorOf(without)).toMatchObject({
      type: "not-authenticated/authentication-required",
    })
  })

  it("refuses to create a session with an API key", async () => {
    const { signIn } = setup()
    const fields = { username: alice.username, password: alice.password }
    const response = await signIn(fields, api, { "X-FilesAPI-Key": "some-key" })
    expect(await errorOf(response)).toMatchObject({
      type: "not-authenticated/api-key-sessions-not-supported",
      "http-code": 401,
    })
  })

  it("answers the site host with a region mismatch naming the region host, port kept, on every call", async () => {
    const { signIn, sessionId, fetch } = setup()
    const fields = { username: alice.username, password: alice.password }
    const wrong = await signIn(fields, "http://files.localhost:8091/api/rest/v1")
    expect(wrong.status).toBe(403)
    expect(await errorOf(wrong)).toMatchObject({
      type: "not-authenticated/lockout-region-mismatch",
      title: "Lockout Region Mismatch",
      data: { host: "eu.files.localhost:8091" },
    })
    const id = await sessionId(await signIn(fields, "http://eu.files.localhost:8091/api/rest/v1"))
    const listing = await fetch("https://files.localhost/api/rest/v1/folders/", {
      headers: { "X-FilesAPI-Auth": id },
    })
    expect(await errorOf(listing)).toMatchObject({ data: { host: "eu.files.localhost" } })
  })

  it("limits concurrent sessions when told to, and demands a captcha when told to", async () => {
    const limited = setup({ concurrentSessionLimit: 1 })
    const fields = { username: alice.username, password: alice.password }
    await limited.sessionId(await limited.signIn(fields))
    const second = await limited.signIn(fields)
    expect(second.status).toBe(429)
    expect(await errorOf(second)).toMatchObject({ type: "rate-limited/too-many-concurrent-logins" })
    const captcha = setup({ requiresRecaptcha: true })
    const refused = await captcha.signIn(fields)
    expect(refused.status).toBe(403)
    expect(await errorOf(refused)).toMatchObject({ type: "not-authorized/recaptcha-failed" })
  })

  it("answers bad bodies, unknown paths and wrong methods in Files.com's shape", async () => {
    const { fetch } = setup()
    const notJson = await fetch(`${api}/sessions`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{not json",
    })
    expect(notJson.status).toBe(422)
    expect(await errorOf(notJson)).toMatchObject({ type: "bad-request/invalid-body" })
    const xml = await fetch(`${api}/sessions`, {
      method: "POST",
      headers: { "Content-Type": "application/xml" },
      body: "<username>alice</username>",
    })
    expect(await errorOf(xml)).toMatchObject({ type: "bad-request/unsupported-media-type" })
    const missing = await fetch(`${api}/nothing-here`)
    expect(missing.status).toBe(404)
    expect(await errorOf(missing)).toMatchObject({ type: "not-found", title: "Not Found" })
    const wrongMethod = await fetch(`${api}/sessions`, { method: "PUT" })
    expect(wrongMethod.status).toBe(422)
    expect(wrongMethod.headers.get("Allow")).toContain("POST")
    expect(await errorOf(wrongMethod)).toMatchObject({ type: "bad-request/method-not-allowed" })
  })

  it("names its API path and logs requests without bodies", async () => {
    const { emulator, signIn } = setup()
    expect(emulator.basePath).toBe("/api/rest/v1")
    await signIn({ username: alice.username, password: alice.password })
    expect(emulator.log.entries().map((entry) => [entry.method, entry.path, entry.status])).toEqual(
      [["POST", "/api/rest/v1/sessions", 201]],
    )
    expect(JSON.stringify(emulator.log.entries())).not.toContain(alice.password)
  })
})
