import { describe, expect, it } from "vitest"
import { createEmulatorClock } from "../clock"
import { alice, bob } from "../people"
import { createSeededRandomBytes } from "../randomBytes"
import { emulatorRegistry } from "../registry"
import { createMatrixEmulator, type MatrixEmulatorOptions } from "./matrixEmulator"
import { carol } from "./matrixPeople"

const base = "http://localhost:8008"
const v3 = `${base}/_matrix/client/v3`

function setup(options: MatrixEmulatorOptions = {}) {
  const clock = createEmulatorClock()
  const matrix = createMatrixEmulator({ clock, random: createSeededRandomBytes(9), ...options })
  const call = async (
    method: string,
    url: string,
    body?: unknown,
    accessToken?: string,
  ): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> => {
    const response = await matrix.handle(
      new Request(url, {
        method,
        headers: accessToken === undefined ? {} : { Authorization: `Bearer ${accessToken}` },
        body:
          body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      }),
    )
    const text = await response.text()
    return {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : {},
    }
  }
  const login = async (identifier: unknown, password: string, extra: object = {}) =>
    call("POST", `${v3}/login`, {
      type: "m.login.password",
      identifier,
      password,
      refresh_token: true,
      ...extra,
    })
  const tokens = async (extra: object = {}) => {
    const { body } = await login({ type: "m.id.user", user: "alice" }, alice.password, extra)
    return {
      access: String(body.access_token),
      refresh: String(body.refresh_token),
      device: String(body.device_id),
    }
  }
  const whoami = (accessToken: string) =>
    call("GET", `${v3}/account/whoami`, undefined, accessToken)
  const refresh = (refreshToken: string) =>
    call("POST", `${v3}/refresh`, { refresh_token: refreshToken })
  return { clock, matrix, call, login, tokens, whoami, refresh }
}

describe("Matrix emulator: discovery", () => {
  it("announces its base URL, spec versions and login flows", async () => {
    const { call } = setup({ publicBaseUrl: "https://matrix.example.org" })
    expect((await call("GET", `${base}/.well-known/matrix/client`)).body).toEqual({
      "m.homeserver": { base_url: "https://matrix.example.org" },
    })
    const versions = await call("GET", `${base}/_matrix/client/versions`)
    expect(versions.body.versions).toContain("v1.13")
    const flows = await call("GET", `${v3}/login`)
    expect(flows.body.flows).toEqual([
      { type: "m.login.password" },
      {
        type: "m.login.sso",
        identity_providers: [
          { id: "oidc-github", name: "GitHub", brand: "github" },
          {
            id: "oidc-gitlab",
            name: "GitLab",
            brand: "gitlab",
            icon: "mxc://localhost/idp-gitlab",
          },
        ],
      },
      { type: "m.login.token", get_login_token: true },
    ])
  })

  it("can go without .well-known, and is registered for the CLI on port 8008", async () => {
    const { call } = setup({ servesWellKnown: false })
    expect((await call("GET", `${base}/.well-known/matrix/client`)).status).toBe(404)
    expect(emulatorRegistry.find((entry) => entry.vendor === "matrix")?.port).toBe(8008)
  })
})

describe("Matrix emulator: password login", () => {
  it("knows every identifier type the spec lists", async () => {
    const { login, call } = setup()
    const signedInAs = async (identifier: unknown, password = alice.password) =>
      (await login(identifier, password)).body.user_id
    expect(await signedInAs({ type: "m.id.user", user: "alice" })).toBe("@alice:localhost")
    expect(await signedInAs({ type: "m.id.user", user: "@Alice:localhost" })).toBe(
      "@alice:localhost",
    )
    expect(
      await signedInAs(
        { type: "m.id.thirdparty", medium: "email", address: "BOB@example.com" },
        bob.password,
      ),
    ).toBe("@bob:localhost")
    expect(
      await signedInAs({ type: "m.id.thirdparty", medium: "msisdn", address: "447700900001" }),
    ).toBe("@alice:localhost")
    expect(await signedInAs({ type: "m.id.phone", country: "GB", phone: "07700 900001" })).toBe(
      "@alice:localhost",
    )
    const legacy = await call("POST", `${v3}/login`, {
      type: "m.login.password",
      user: "alice",
      password: alice.password,
    })
    expect(legacy.body.user_id).toBe("@alice:localhost")

    for (const identifier of [
      { type: "m.id.user", user: "@alice:elsewhere.org" },
      { type: "m.id.user", user: "nobody" },
      { type: "m.id.thirdparty", medium: "email", address: "nobody@example.com" },
      { type: "m.id.phone", country: "US", phone: "2025550123" },
    ]) {
      expect(await login(identifier, alice.password)).toMatchObject({
        status: 403,
        body: { errcode: "M_FORBIDDEN" },
      })
    }
    expect(await login({ type: "m.id.phone", country: "ZZ", phone: "1" }, "x")).toMatchObject({
      status: 400,
      body: { errcode: "M_INVALID_PARAM" },
    })
    expect(await login({ type: "m.id.carrier-pigeon" }, "x")).toMatchObject({
      status: 400,
      body: { errcode: "M_UNKNOWN" },
    })
  })

  it("refuses wrong passwords and the deactivated account", async () => {
    const { login } = setup()
    expect(await login({ type: "m.id.user", user: "alice" }, "guess")).toMatchObject({
      status: 403,
      body: { errcode: "M_FORBIDDEN" },
    })
    expect(await login({ type: "m.id.user", user: carol.username }, carol.password)).toMatchObject({
      status: 403,
      body: { errcode: "M_USER_DEACTIVATED" },
    })
  })

  it("gives refresh tokens only to clients that ask, and token lifetimes as configured", async () => {
    const { login } = setup({ accessTokenTtlMs: 60_000 })
    const asking = await login({ type: "m.id.user", user: "alice" }, alice.password)
    expect(asking.body).toMatchObject({ expires_in_ms: 60_000, refresh_token: expect.any(String) })
    const plain = await login({ type: "m.id.user", user: "alice" }, alice.password, {
      refresh_token: false,
    })
    expect(plain.body.refresh_token).toBeUndefined()
    expect(plain.body.expires_in_ms).toBeUndefined()

    const forever = setup({ accessTokenTtlMs: null })
    const body = (await forever.login({ type: "m.id.user", user: "alice" }, alice.password)).body
    expect(body.expires_in_ms).toBeUndefined()
    expect(() => createMatrixEmulator({ accessTokenTtlMs: -1 })).toThrow(RangeError)
  })

  it("replaces the tokens of a device named by device_id", async () => {
    const { tokens, whoami, matrix } = setup()
    const first = await tokens({ initial_device_display_name: "Phone" })
    const again = await tokens({ device_id: first.device })
    expect(again.device).toBe(first.device)
    expect((await whoami(first.access)).body).toMatchObject({
      errcode: "M_UNKNOWN_TOKEN",
      soft_logout: false,
    })
    expect((await whoami(again.access)).body).toEqual({
      user_id: "@alice:localhost",
      device_id: first.device,
      is_guest: false,
    })
    expect(matrix.devices(alice.matrixUserId)).toEqual([
      { userId: "@alice:localhost", deviceId: first.device, displayName: "Phone" },
    ])
  })

  it("rate-limits login attempts with Retry-After and retry_after_ms", async () => {
    const { login, clock } = setup({ rateLimit: { limit: 2, windowMs: 10_000 } })
    await login({ type: "m.id.user", user: "alice" }, "a")
    await clock.advance(2_500)
    await login({ type: "m.id.user", user: "alice" }, "b")
    const limited = await login({ type: "m.id.user", user: "alice" }, alice.password)
    expect(limited.status).toBe(429)
    expect(limited.body).toMatchObject({ errcode: "M_LIMIT_EXCEEDED", retry_after_ms: 7_500 })
    expect(limited.headers.get("Retry-After")).toBe("8")
    expect((await login({ type: "m.id.user", user: "bob" }, bob.password)).status).toBe(200)
    await clock.advance(7_500)
    expect((await login({ type: "m.id.user", user: "alice" }, alice.password)).status).toBe(200)
  })
})

describe("Matrix emulator: tokens over time", () => {
  it("soft-logs-out an expired access token, and refreshes it", async () => {
    const { tokens, whoami, refresh, clock } = setup({ accessTokenTtlMs: 60_000 })
    const { access, refresh: refreshToken } = await tokens()
    await clock.advance(60_000)
    expect(await whoami(access)).toMatchObject({
      status: 401,
      body: { errcode: "M_UNKNOWN_TOKEN", soft_logout: true },
    })
    const renewed = await refresh(refreshToken)
    expect(renewed.body).toMatchObject({ expires_in_ms: 60_000 })
    expect((await whoami(String(renewed.body.access_token))).status).toBe(200)
  })

  it("keeps the old refresh token valid until the new access or refresh token is used", async () => {
    const { tokens, whoami, refresh } = setup()
    const { refresh: r1 } = await tokens()
    const second = (await refresh(r1)).body
    // Lost answer: the client retries with the old token, which still works.
    const third = (await refresh(r1)).body
    expect(third.access_token).not.toBe(second.access_token)
    // Only the newest successor lives.
    expect((await refresh(String(second.refresh_token))).status).toBe(401)
    expect((await whoami(String(third.access_token))).status).toBe(200)
    // The new access token was used: the old refresh token is gone.
    expect(await refresh(r1)).toMatchObject({
      status: 401,
      body: { errcode: "M_UNKNOWN_TOKEN", soft_logout: false },
    })
    const fourth = await refresh(String(third.refresh_token))
    expect(fourth.status).toBe(200)
    expect((await refresh(String(third.refresh_token))).status).toBe(200)
    expect((await refresh(r1)).status).toBe(401)
  })

  it("retires the old refresh token when the new refresh token is used", async () => {
    const { tokens, refresh } = setup()
    const { refresh: r1 } = await tokens()
    const r2 = String((await refresh(r1)).body.refresh_token)
    expect((await refresh(r2)).status).toBe(200)
    expect((await refresh(r1)).status).toBe(401)
  })

  it("soft-logs-out expired refresh tokens and on command, keeping the device", async () => {
    const { tokens, refresh, whoami, matrix, clock } = setup({ refreshTokenTtlMs: 600_000 })
    const first = await tokens()
    await clock.advance(600_000)
    expect((await refresh(first.refresh)).body).toMatchObject({ soft_logout: true })

    const second = await tokens()
    matrix.softLogout(alice.matrixUserId)
    expect((await whoami(second.access)).body).toMatchObject({ soft_logout: true })
    expect((await refresh(second.refresh)).body).toMatchObject({ soft_logout: true })
    expect(matrix.devices(alice.matrixUserId).map((device) => device.deviceId)).toContain(
      second.device,
    )
  })

  it("locks an account: every call but logout answers 401 M_USER_LOCKED, and the tokens work again once unlocked", async () => {
    const { tokens, whoami, refresh, login, call, matrix } = setup()
    const phone = await tokens()
    const laptop = await tokens()
    matrix.lock(alice.matrixUserId)
    const lockedAnswer = { status: 401, body: { errcode: "M_USER_LOCKED", soft_logout: true } }
    expect(await whoami(phone.access)).toMatchObject(lockedAnswer)
    expect(await call("GET", `${v3}/capabilities`, undefined, phone.access)).toMatchObject(
      lockedAnswer,
    )
    expect(await refresh(phone.refresh)).toMatchObject(lockedAnswer)
    expect(await login({ type: "m.id.user", user: "alice" }, alice.password)).toMatchObject(
      lockedAnswer,
    )
    // A wrong password says nothing about the account.
    expect((await login({ type: "m.id.user", user: "alice" }, "guess")).status).toBe(403)
    expect((await login({ type: "m.id.user", user: "bob" }, bob.password)).status).toBe(200)
    expect(matrix.devices(alice.matrixUserId)).toHaveLength(2)

    matrix.unlock(alice.matrixUserId)
    expect((await whoami(phone.access)).status).toBe(200)
    expect((await refresh(phone.refresh)).status).toBe(200)

    matrix.lock(alice.matrixUserId)
    expect((await call("POST", `${v3}/logout`, {}, laptop.access)).status).toBe(200)
    expect(matrix.devices(alice.matrixUserId).map((device) => device.deviceId)).toEqual([
      phone.device,
    ])
    expect((await call("POST", `${v3}/logout/all`, {}, phone.access)).status).toBe(200)
    expect(matrix.devices(alice.matrixUserId)).toEqual([])
  })

  it("accepts the deprecated access_token query parameter and says when no token came", async () => {
    const { tokens, call } = setup()
    const { access } = await tokens()
    const query = await call(
      "GET",
      `${v3}/account/whoami?access_token=${encodeURIComponent(access)}`,
    )
    expect(query.status).toBe(200)
    expect(await call("GET", `${v3}/account/whoami`)).toMatchObject({
      status: 401,
      body: { errcode: "M_MISSING_TOKEN" },
    })
  })

  it("logs out one device or all of them", async () => {
    const { tokens, call, whoami, matrix } = setup()
    const phone = await tokens()
    const laptop = await tokens()
    expect((await call("POST", `${v3}/logout`, {}, phone.access)).status).toBe(200)
    expect((await whoami(phone.access)).status).toBe(401)
    expect(matrix.devices(alice.matrixUserId)).toHaveLength(1)
    expect((await call("POST", `${v3}/logout/all`, undefined, laptop.access)).status).toBe(200)
    expect((await whoami(laptop.access)).status).toBe(401)
    expect(matrix.devices(alice.matrixUserId)).toEqual([])
  })
})

describe("Matrix emulator: single sign-on", () => {
  const callback = "http://app.test/done?latchkey_state=abc"

  it("offers a way back from the stand-in identity provider: the page the browser came from, else the app's root", async () => {
    const { matrix } = setup()
    const page = `http://hs.test/_emulator/sso/oidc-github?redirectUrl=${encodeURIComponent(callback)}`
    const fromApp = await matrix.handle(
      new Request(page, { headers: { Referer: "http://app.test/matrix" } }),
    )
    expect(await fromApp.text()).toContain(
      '<a class="back" href="http://app.test/matrix">Cancel and go back</a>',
    )
    const direct = await (await matrix.handle(new Request(page))).text()
    expect(direct).toContain('<a class="back" href="http://app.test/">Cancel and go back</a>')
  })

  it("redirects to the stand-in identity provider, which sends the browser back with a single-use token", async () => {
    const { matrix, call, clock } = setup()
    const start = `${v3}/login/sso/redirect/oidc-gitlab?redirectUrl=${encodeURIComponent(callback)}`
    const redirect = await matrix.handle(new Request(start))
    expect(redirect.status).toBe(302)
    const page = new URL(redirect.headers.get("location") ?? "", start)
    expect(page.pathname).toBe("/_emulator/sso/oidc-gitlab")
    const html = await (await matrix.handle(new Request(page))).text()
    expect(html).toContain("Alice Liddell")
    expect(html).not.toContain("Carol")

    const chosen = await matrix.handle(
      new Request(page, {
        method: "POST",
        body: new URLSearchParams({ user: "bob", redirectUrl: callback }),
      }),
    )
    const landing = new URL(chosen.headers.get("location") ?? "")
    expect(landing.searchParams.get("latchkey_state")).toBe("abc")
    const token = landing.searchParams.get("loginToken")
    const login = await call("POST", `${v3}/login`, { type: "m.login.token", token })
    expect(login.body.user_id).toBe("@bob:localhost")
    expect((await call("POST", `${v3}/login`, { type: "m.login.token", token })).status).toBe(403)

    const late = await matrix.handle(
      new Request(page, {
        method: "POST",
        body: new URLSearchParams({ user: "alice", redirectUrl: callback }),
      }),
    )
    const lateToken = new URL(late.headers.get("location") ?? "").searchParams.get("loginToken")
    await clock.advance(5_000)
    expect(
      (await call("POST", `${v3}/login`, { type: "m.login.token", token: lateToken })).body,
    ).toMatchObject({
      errcode: "M_FORBIDDEN",
    })
  })

  it("answers a missing redirectUrl, an unknown provider and the generic redirect", async () => {
    const { matrix, call } = setup()
    expect((await call("GET", `${v3}/login/sso/redirect`)).body).toMatchObject({
      errcode: "M_MISSING_PARAM",
    })
    expect(
      (
        await call(
          "GET",
          `${v3}/login/sso/redirect/nope?redirectUrl=${encodeURIComponent(callback)}`,
        )
      ).status,
    ).toBe(404)
    const generic = `${v3}/login/sso/redirect?redirectUrl=${encodeURIComponent(callback)}`
    const response = await matrix.handle(new Request(generic))
    expect(new URL(response.headers.get("location") ?? "", generic).pathname).toBe(
      "/_emulator/sso/oidc-github",
    )
    expect(
      (await call("GET", `${v3}/login/sso/redirect?redirectUrl=javascript:alert(1)`)).status,
    ).toBe(400)
  })
})

describe("Matrix emulator: login tokens", () => {
  it("asks for the password through user-interactive auth, every time", async () => {
    const { tokens, call } = setup()
    const { access } = await tokens()
    const getToken = (body: unknown) =>
      call("POST", `${base}/_matrix/client/v1/login/get_token`, body, access)
    const challenge = await getToken({})
    expect(challenge).toMatchObject({
      status: 401,
      body: { flows: [{ stages: ["m.login.password"] }], params: {} },
    })
    const session = String(challenge.body.session)
    const auth = {
      type: "m.login.password",
      identifier: { type: "m.id.user", user: "alice" },
      session,
    }
    expect(await getToken({ auth: { ...auth, password: "guess" } })).toMatchObject({
      status: 401,
      body: { errcode: "M_FORBIDDEN", completed: [], session },
    })
    expect(
      await getToken({
        auth: { ...auth, identifier: { type: "m.id.user", user: "bob" }, password: bob.password },
      }),
    ).toMatchObject({
      status: 401,
      body: { errcode: "M_FORBIDDEN" },
    })
    expect((await getToken({ auth: { ...auth, type: "m.login.dummy" } })).body).toMatchObject({
      errcode: "M_UNRECOGNIZED",
    })
    const issued = await getToken({ auth: { ...auth, password: alice.password } })
    expect(issued).toMatchObject({ status: 200, body: { expires_in_ms: 120_000 } })
    // The session is used up: the next token needs the password again.
    expect((await getToken({ auth: { ...auth, password: alice.password } })).status).toBe(401)
    const capabilities = await call("GET", `${v3}/capabilities`, undefined, access)
    expect(capabilities.body).toMatchObject({
      capabilities: { "m.get_login_token": { enabled: true } },
    })
  })
})

describe("Matrix emulator: bad input", () => {
  it("answers malformed requests with Matrix errors, never a crash", async () => {
    const { call, matrix } = setup()
    expect((await call("POST", `${v3}/login`, "{not json")).body).toMatchObject({
      errcode: "M_NOT_JSON",
    })
    expect((await call("POST", `${v3}/login`, "")).body).toMatchObject({ errcode: "M_NOT_JSON" })
    expect((await call("POST", `${v3}/login`, [1, 2])).body).toMatchObject({
      errcode: "M_BAD_JSON",
    })
    expect((await call("POST", `${v3}/login`, {})).body).toMatchObject({
      errcode: "M_MISSING_PARAM",
    })
    expect(
      (await call("POST", `${v3}/login`, { type: "m.login.password", user: "alice", password: 42 }))
        .body,
    ).toMatchObject({ errcode: "M_BAD_JSON" })
    expect((await call("POST", `${v3}/login`, { type: "m.login.bogus" })).body).toMatchObject({
      errcode: "M_UNKNOWN",
    })
    expect((await call("POST", `${v3}/refresh`, { refresh_token: 7 })).status).toBe(400)
    expect(await call("GET", `${v3}/nowhere`)).toMatchObject({
      status: 404,
      body: { errcode: "M_UNRECOGNIZED" },
    })
    const wrongMethod = await call("GET", `${v3}/logout`)
    expect(wrongMethod).toMatchObject({ status: 405, body: { errcode: "M_UNRECOGNIZED" } })
    expect(wrongMethod.headers.get("Allow")).toContain("POST")

    const junk: unknown[] = [
      null,
      0,
      "x",
      true,
      { type: null },
      { type: "m.login.password", identifier: [] },
      { type: "m.login.password", identifier: { type: 5 } },
      { type: "m.login.token", token: {} },
      { type: "m.login.password", identifier: { type: "m.id.phone", country: 1 } },
    ]
    for (const body of junk) {
      for (const path of ["/login", "/refresh", "/logout"]) {
        const response = await matrix.handle(
          new Request(`${v3}${path}`, { method: "POST", body: JSON.stringify(body) }),
        )
        expect(response.status, `${path} ${JSON.stringify(body)}`).toBeLessThan(500)
        expect(((await response.json()) as { errcode?: unknown }).errcode).toEqual(
          expect.any(String),
        )
      }
    }
  })
})
