import { createHash, createHmac, pbkdf2Sync } from "node:crypto"
import { describe, expect, it } from "vitest"
import { createEmulatorClock } from "../clock"
import { toFetch } from "../mounts/toFetch"
import { alice, bob } from "../people"
import { createSeededRandomBytes } from "../randomBytes"
import { decodeJwt } from "../tokens"
import { createPolarioEmulator, type PolarioEmulatorOptions } from "./polarioEmulator"
import { polarioDisabledPerson, polarioLockedPerson, polarioUnicodePerson } from "./polarioPeople"

const api = "http://polario.test/api"
const device = { os: "Linux", osVersion: "6.1", browser: "Firefox 128", deviceName: "Test" }

function setup(options: PolarioEmulatorOptions = {}) {
  const clock = createEmulatorClock()
  const emulator = createPolarioEmulator({ clock, random: createSeededRandomBytes(5), ...options })
  const fetch = toFetch(emulator)
  const call = (path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${api}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "Content-Type": "application/json", Platform: "Web", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  return { clock, emulator, fetch, call }
}

/**
 * A SCRAM-SHA-256 client written with Node's crypto for these tests (the emulators cannot use the core's): it
 * computes the proof the way RFC 5802 says and the signature the server must answer with.
 */
function nodeScram(email: string, password: string, clientNonce = "dGVzdCBjbGllbnQgbm9uY2Ux") {
  const bare = `n=${email.replaceAll("=", "=3D").replaceAll(",", "=2C")},r=${clientNonce}`
  return {
    clientNonce,
    final(first: { nonce: string; salt: string; iterationCount: number }, typed = password) {
      const salted = pbkdf2Sync(
        typed,
        Buffer.from(first.salt, "base64"),
        first.iterationCount,
        32,
        "sha256",
      )
      const clientKey = createHmac("sha256", salted).update("Client Key").digest()
      const storedKey = createHash("sha256").update(clientKey).digest()
      const serverKey = createHmac("sha256", salted).update("Server Key").digest()
      const authMessage = `${bare},r=${first.nonce},s=${first.salt},i=${first.iterationCount},c=biws,r=${first.nonce}`
      const signature = createHmac("sha256", storedKey).update(authMessage).digest()
      const proof = Buffer.from(clientKey.map((byte, index) => byte ^ (signature[index] ?? 0)))
      return {
        proof: proof.toString("base64"),
        signature: createHmac("sha256", serverKey).update(authMessage).digest("base64"),
      }
    },
  }
}

interface ServerFirst {
  nonce: string
  salt: string
  iterationCount: number
  expires: number
}

async function first(
  call: ReturnType<typeof setup>["call"],
  email: string,
  clientNonce: string,
): Promise<ServerFirst> {
  const response = await call("/auth/auth", { email, nonce: clientNonce })
  expect(response.status).toBe(200)
  return (await response.json()) as ServerFirst
}

async function signIn(
  context: ReturnType<typeof setup>,
  email: string,
  password: string,
  clientNonce?: string,
) {
  const scram = nodeScram(email, password, clientNonce)
  const serverFirst = await first(context.call, email, scram.clientNonce)
  const { proof, signature } = scram.final(serverFirst)
  const response = await context.call("/auth/login", {
    email,
    nonce: serverFirst.nonce,
    proof,
    ...device,
  })
  return { response, expectedSignature: signature, serverFirst, proof }
}

describe("createPolarioEmulator: SCRAM sign-in", () => {
  it("signs Alice in: a nonce that extends hers, a signature that proves the server, a JWT in the Session header", async () => {
    const context = setup()
    const { response, expectedSignature, serverFirst } = await signIn(
      context,
      alice.email,
      alice.password,
    )
    expect(serverFirst.nonce.startsWith("dGVzdCBjbGllbnQgbm9uY2Ux")).toBe(true)
    expect(serverFirst.nonce.length).toBeGreaterThan(30)
    expect(serverFirst.iterationCount).toBe(4096)
    expect(serverFirst.expires).toBe(context.clock.now() + 120_000)
    expect(response.status).toBe(200)
    const body = (await response.json()) as Record<string, string>
    expect(body.signature).toBe(expectedSignature)
    expect(body.refreshToken).toBeTruthy()
    expect(response.headers.get("Access-Control-Expose-Headers")).toBe("Session")
    const claims = decodeJwt(response.headers.get("Session") ?? "")
    expect(claims).toMatchObject({ email: alice.email, deviceId: body.deviceId })
    expect((claims?.exp ?? 0) * 1000).toBe(context.clock.now() + 15 * 60_000)
    expect(context.emulator.devices(alice.email)).toEqual([
      expect.objectContaining({ deviceId: body.deviceId, ...device }),
    ])
  })

  it("answers 401 for a wrong password, and the nonce cannot be tried again", async () => {
    const context = setup()
    const scram = nodeScram(bob.email, bob.password)
    const serverFirst = await first(context.call, bob.email, scram.clientNonce)
    const wrong = scram.final(serverFirst, "hunter3 hunter3")
    const login = { email: bob.email, nonce: serverFirst.nonce, ...device }
    const refused = await context.call("/auth/login", { ...login, proof: wrong.proof })
    expect(refused.status).toBe(401)
    expect(await refused.json()).toEqual({ error: "Invalid email or password" })
    const right = scram.final(serverFirst)
    const again = await context.call("/auth/login", { ...login, proof: right.proof })
    expect(again.status).toBe(400)
    expect(await again.json()).toEqual({ error: "Nonce already used" })
  })

  it("refuses a replayed login and a replayed first message", async () => {
    const context = setup()
    const { response, serverFirst, proof } = await signIn(context, alice.email, alice.password)
    expect(response.status).toBe(200)
    const replay = await context.call("/auth/login", {
      email: alice.email,
      nonce: serverFirst.nonce,
      proof,
      ...device,
    })
    expect(replay.status).toBe(400)
    const reusedFirst = await context.call("/auth/auth", {
      email: alice.email,
      nonce: "dGVzdCBjbGllbnQgbm9uY2Ux",
    })
    expect(reusedFirst.status).toBe(400)
  })

  it("expires an unfinished first message", async () => {
    const context = setup({ handshakeTtlMs: 60_000 })
    const scram = nodeScram(alice.email, alice.password)
    const serverFirst = await first(context.call, alice.email, scram.clientNonce)
    context.clock.advance(60_000)
    const late = await context.call("/auth/login", {
      email: alice.email,
      nonce: serverFirst.nonce,
      proof: scram.final(serverFirst).proof,
      ...device,
    })
    expect(late.status).toBe(400)
    expect(await late.json()).toEqual({ error: "Nonce expired" })
  })

  it("wants the same Platform header on both calls, and valid device fields", async () => {
    const context = setup()
    const scram = nodeScram(alice.email, alice.password)
    expect(
      (
        await context.call(
          "/auth/auth",
          { email: alice.email, nonce: scram.clientNonce },
          { Platform: "" },
        )
      ).status,
    ).toBe(400)
    const serverFirst = await first(context.call, alice.email, scram.clientNonce)
    const login = {
      email: alice.email,
      nonce: serverFirst.nonce,
      proof: scram.final(serverFirst).proof,
    }
    const badOs = await context.call("/auth/login", { ...login, ...device, os: "BeOS" })
    expect(badOs.status).toBe(400)
    const second = nodeScram(alice.email, alice.password, "c2Vjb25kIGNsaWVudCBub25jZQ==")
    const again = await first(context.call, alice.email, second.clientNonce)
    const otherPlatform = await context.call(
      "/auth/login",
      { email: alice.email, nonce: again.nonce, proof: second.final(again).proof, ...device },
      { Platform: "Android" },
    )
    expect(otherPlatform.status).toBe(400)
    expect(await otherPlatform.json()).toEqual({ error: "Platform does not match" })
  })

  it("does not tell which addresses have accounts: an unknown one gets a stable salt and a 401", async () => {
    const context = setup()
    const once = await first(context.call, "nobody@example.com", "bm9ib2R5IG5vbmNlIG9uZQ==")
    const twice = await first(context.call, "nobody@example.com", "bm9ib2R5IG5vbmNlIHR3bw==")
    expect(once.salt).toBe(twice.salt)
    expect(once.iterationCount).toBe(4096)
    const { response } = await signIn(
      context,
      "nobody@example.com",
      "guess",
      "bm9ib2R5IG5vbmNlIDM=",
    )
    expect(response.status).toBe(401)
  })

  it("tells a locked or disabled account only after the right password", async () => {
    const context = setup()
    const locked = await signIn(context, polarioLockedPerson.email, polarioLockedPerson.password)
    expect(locked.response.status).toBe(403)
    expect(await locked.response.json()).toEqual({ error: "Account locked" })
    const disabled = await signIn(
      context,
      polarioDisabledPerson.email,
      polarioDisabledPerson.password,
      "ZGlzYWJsZWQgbm9uY2U=",
    )
    expect(await disabled.response.json()).toEqual({ error: "Account disabled" })
    const guess = await signIn(
      context,
      polarioLockedPerson.email,
      "guess",
      "Z3Vlc3Mgbm9uY2UgaGVyZQ==",
    )
    expect(guess.response.status).toBe(401)
  })

  it("stores Erin's password SASLprepped: her prepared password signs in", async () => {
    const context = setup()
    expect(polarioUnicodePerson.password).not.toBe("erin passphrase")
    const { response } = await signIn(context, polarioUnicodePerson.email, "erin passphrase")
    expect(response.status).toBe(200)
  })

  it("uses the configured iteration count", async () => {
    const context = setup({ iterations: 10_000 })
    const { response, serverFirst } = await signIn(context, alice.email, alice.password)
    expect(serverFirst.iterationCount).toBe(10_000)
    expect(response.status).toBe(200)
  })

  it("leaves the JWT out of sign-in answers when told to", async () => {
    const context = setup({ sendsSessionOnLogin: false })
    const { response } = await signIn(context, alice.email, alice.password)
    expect(response.status).toBe(200)
    expect(response.headers.get("Session")).toBeNull()
  })
})

describe("createPolarioEmulator: sessions", () => {
  async function signedIn(options: PolarioEmulatorOptions = {}) {
    const context = setup(options)
    const { response } = await signIn(context, alice.email, alice.password)
    const body = (await response.json()) as { refreshToken: string; deviceId: string }
    return { ...context, ...body, jwt: response.headers.get("Session") ?? "" }
  }

  it("renews the JWT for a refresh token, in the Session header", async () => {
    const context = await signedIn()
    context.clock.advance(60_000)
    const renewed = await context.call("/auth/session", { refreshToken: context.refreshToken })
    expect(renewed.status).toBe(200)
    expect(await renewed.json()).toEqual({ deviceId: context.deviceId })
    const jwt = renewed.headers.get("Session") ?? ""
    expect(jwt).not.toBe(context.jwt)
    expect((decodeJwt(jwt)?.exp ?? 0) * 1000).toBe(context.clock.now() + 15 * 60_000)
    expect(renewed.headers.get("Access-Control-Expose-Headers")).toBe("Session")
  })

  it("answers 416 for an unknown, expired or signed-out refresh token", async () => {
    const unknown = await signedIn()
    expect((await unknown.call("/auth/session", { refreshToken: "nope" })).status).toBe(416)

    const expired = await signedIn({ refreshTokenTtlMs: 60_000 })
    expired.clock.advance(60_000)
    const late = await expired.call("/auth/session", { refreshToken: expired.refreshToken })
    expect(late.status).toBe(416)
    expect(await late.json()).toEqual({ error: "Refresh token invalid" })

    const out = await signedIn()
    const logout = await out.call("/auth/logout", undefined, { Session: out.jwt })
    expect(logout.status).toBe(200)
    expect(await logout.json()).toEqual({ status: "ok" })
    expect(out.emulator.devices(alice.email)).toEqual([])
    expect((await out.call("/auth/session", { refreshToken: out.refreshToken })).status).toBe(416)
  })

  it("tells who a live JWT belongs to on its own whoami route, and 401 once it has expired", async () => {
    const context = await signedIn()
    const whoami = await context.call("/_emulator/whoami", undefined, { Session: context.jwt })
    expect(whoami.status).toBe(200)
    expect(await whoami.json()).toEqual({
      id: "1001",
      email: alice.email,
      name: alice.displayName,
      device: { deviceId: context.deviceId, ...device },
    })
    expect((await context.call("/_emulator/whoami")).status).toBe(401)
    context.clock.advance(15 * 60_000)
    const late = await context.call("/_emulator/whoami", undefined, { Session: context.jwt })
    expect(late.status).toBe(401)
    expect(await late.json()).toEqual({ error: "Unauthorized" })
  })

  it("answers 401 to a sign-out without a live JWT", async () => {
    const context = await signedIn()
    expect((await context.call("/auth/logout")).status).toBe(401)
    context.clock.advance(15 * 60_000)
    expect((await context.call("/auth/logout", undefined, { Session: context.jwt })).status).toBe(
      401,
    )
  })
})

describe("createPolarioEmulator: SAML2 single sign-on", () => {
  async function roundTrip(context: ReturnType<typeof setup>, person = alice.email) {
    const start = await context.fetch(`${api}/auth/Saml2/example-idp?origin=Web`, {
      headers: { Referer: "http://app.test/polario" },
    })
    expect(start.status).toBe(302)
    const idp = new URL(start.headers.get("Location") ?? "", `${api}/auth/Saml2/example-idp`)
    expect(idp.pathname).toBe("/api/_emulator/idp/example-idp")
    const page = await (await context.fetch(idp)).text()
    const chosen = await context.fetch(idp, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        RelayState: idp.searchParams.get("RelayState") ?? "",
        user: person,
      }),
    })
    return { page, chosen, idp }
  }

  it("lists its provider", async () => {
    const { call } = setup()
    const response = await call("/auth/default/sso-provider")
    expect(await response.json()).toEqual([
      { id: "example-idp", title: "Example Corp", icon: null, type: "Saml2" },
    ])
  })

  it("sends the browser through a styled identity provider page back to the app with a single-use code", async () => {
    const context = setup()
    const { page, chosen } = await roundTrip(context)
    expect(page).toContain("prefers-color-scheme: dark")
    expect(page).toContain('<a class="back" href="http://app.test/polario">Cancel and go back</a>')
    expect(page).toContain(alice.email)
    expect(chosen.status).toBe(302)
    const landing = new URL(chosen.headers.get("Location") ?? "")
    expect(landing.origin + landing.pathname).toBe("http://app.test/polario/callback")
    const code = landing.searchParams.get("code") ?? ""
    const exchanged = await context.call("/auth/sso-code", { code, ...device })
    expect(exchanged.status).toBe(200)
    expect(await exchanged.json()).toMatchObject({
      signature: "",
      refreshToken: expect.any(String),
    })
    expect(decodeJwt(exchanged.headers.get("Session") ?? "")?.email).toBe(alice.email)
    const reused = await context.call("/auth/sso-code", { code, ...device })
    expect(reused.status).toBe(401)
  })

  it("refuses a code after its lifetime, a relay state used twice, and a locked account", async () => {
    const context = setup({ ssoReturnUrl: "https://elsewhere.test/back" })
    const { chosen, idp } = await roundTrip(context)
    const landing = new URL(chosen.headers.get("Location") ?? "")
    expect(landing.origin).toBe("https://elsewhere.test")
    context.clock.advance(120_000)
    const late = await context.call("/auth/sso-code", {
      code: landing.searchParams.get("code"),
      ...device,
    })
    expect(late.status).toBe(401)
    expect((await context.fetch(idp)).status).toBe(400)

    const locked = await roundTrip(context, polarioLockedPerson.email)
    const code = new URL(locked.chosen.headers.get("Location") ?? "").searchParams.get("code")
    const refused = await context.call("/auth/sso-code", { code, ...device })
    expect(refused.status).toBe(403)
  })
})

describe("createPolarioEmulator: the vendor's error shape everywhere", () => {
  it("answers unknown paths, wrong methods and bad bodies with { error }", async () => {
    const { call, fetch } = setup()
    const missing = await call("/nothing")
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ error: "Not found" })
    expect((await fetch(`${api}/auth/auth`)).status).toBe(405)
    const notJson = await fetch(`${api}/auth/auth`, {
      method: "POST",
      headers: { Platform: "Web" },
      body: "{",
    })
    expect(notJson.status).toBe(400)
    expect(await notJson.json()).toEqual({ error: "Request body must be a JSON object" })
  })
})
