import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { beforeEach, describe, expect, it } from "vitest"
import { createEmulatorClock } from "../clock"
import { isJsonObject as isObject, type Json, openApiSchemas } from "../openApiSchemas"
import { alice } from "../people"
import { createMatrixEmulator, type MatrixEmulator } from "./matrixEmulator"

const base = "http://localhost:8008"

const schemas = openApiSchemas(join(dirname(fileURLToPath(import.meta.url)), "spec"), {
  formats: {
    uri: (value: string) => URL.canParse(value),
    "mx-user-id": true,
    "mx-server-name": true,
  },
})
const { responseSchema, definitionSchema } = schemas

async function expectConforms(response: Response, schema: Json) {
  const body: unknown = await response.json()
  const validate = schemas.compile(schema)
  const isValid = validate(body)
  expect(validate.errors ?? [], JSON.stringify(body)).toEqual([])
  expect(isValid).toBe(true)
  return body
}

async function expectResponse(
  response: Response,
  file: string,
  path: string,
  method: string,
  status: number,
) {
  expect(response.status).toBe(status)
  expect(response.headers.get("content-type")).toContain("application/json")
  return expectConforms(response, responseSchema(file, path, method, status))
}

const post = (path: string, body: unknown, accessToken?: string) =>
  new Request(`${base}${path}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      ...(accessToken === undefined ? {} : { Authorization: `Bearer ${accessToken}` }),
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  })
const get = (path: string, accessToken?: string) =>
  new Request(`${base}${path}`, {
    headers: accessToken === undefined ? {} : { Authorization: `Bearer ${accessToken}` },
  })

const password = {
  type: "m.login.password",
  identifier: { type: "m.id.user", user: "alice" },
  password: alice.password,
  refresh_token: true,
}

describe("Matrix emulator answers as the v1.13 OpenAPI files describe", () => {
  let matrix: MatrixEmulator
  const signIn = async () => {
    const response = await matrix.handle(post("/_matrix/client/v3/login", password))
    const body: unknown = await response.json()
    if (!isObject(body) || typeof body.access_token !== "string") throw new Error("sign-in failed")
    return {
      accessToken: body.access_token,
      refreshToken: typeof body.refresh_token === "string" ? body.refresh_token : "",
    }
  }

  beforeEach(() => {
    matrix = createMatrixEmulator({
      clock: createEmulatorClock(),
      rateLimit: { limit: 2, windowMs: 60_000 },
    })
  })

  it("the schemas catch an off-schema answer", () => {
    const validate = schemas.compile(responseSchema("login.yaml", "/login", "post", 200))
    expect(validate({ user_id: "alice", access_token: "t" })).toBe(false)
  })

  it("GET /.well-known/matrix/client", async () => {
    const response = await matrix.handle(get("/.well-known/matrix/client"))
    await expectResponse(response, "wellknown.yaml", "/matrix/client", "get", 200)
  })

  it("GET /login, with the SSO flow matching the m.login.sso flow schema", async () => {
    const body = await expectResponse(
      await matrix.handle(get("/_matrix/client/v3/login")),
      "login.yaml",
      "/login",
      "get",
      200,
    )
    const flows = isObject(body) && Array.isArray(body.flows) ? body.flows : []
    const sso = flows.find((flow) => isObject(flow) && flow.type === "m.login.sso")
    const validate = schemas.compile(definitionSchema("definitions/sso_login_flow.yaml"))
    expect(validate(sso), JSON.stringify(validate.errors)).toBe(true)
  })

  it("POST /login: 200, 400, 403 and 429", async () => {
    await expectResponse(
      await matrix.handle(post("/_matrix/client/v3/login", password)),
      "login.yaml",
      "/login",
      "post",
      200,
    )
    await expectResponse(
      await matrix.handle(post("/_matrix/client/v3/login", { type: "m.login.bogus" })),
      "login.yaml",
      "/login",
      "post",
      400,
    )
    await expectResponse(
      await matrix.handle(post("/_matrix/client/v3/login", { ...password, password: "wrong" })),
      "login.yaml",
      "/login",
      "post",
      403,
    )
    await expectResponse(
      await matrix.handle(post("/_matrix/client/v3/login", password)),
      "login.yaml",
      "/login",
      "post",
      429,
    )
  })

  it("POST /refresh: 200 and 401", async () => {
    const { refreshToken } = await signIn()
    await expectResponse(
      await matrix.handle(post("/_matrix/client/v3/refresh", { refresh_token: refreshToken })),
      "refresh.yaml",
      "/refresh",
      "post",
      200,
    )
    await expectResponse(
      await matrix.handle(post("/_matrix/client/v3/refresh", { refresh_token: "nope" })),
      "refresh.yaml",
      "/refresh",
      "post",
      401,
    )
  })

  it("GET /account/whoami: 200 and 401", async () => {
    const { accessToken } = await signIn()
    await expectResponse(
      await matrix.handle(get("/_matrix/client/v3/account/whoami", accessToken)),
      "whoami.yaml",
      "/account/whoami",
      "get",
      200,
    )
    await expectResponse(
      await matrix.handle(get("/_matrix/client/v3/account/whoami", "nope")),
      "whoami.yaml",
      "/account/whoami",
      "get",
      401,
    )
  })

  it("GET /capabilities", async () => {
    const { accessToken } = await signIn()
    await expectResponse(
      await matrix.handle(get("/_matrix/client/v3/capabilities", accessToken)),
      "capabilities.yaml",
      "/capabilities",
      "get",
      200,
    )
  })

  it("POST /login/get_token: the 401 UIA challenge, a re-prompt, and 200", async () => {
    const { accessToken } = await signIn()
    const challenge = await expectResponse(
      await matrix.handle(post("/_matrix/client/v1/login/get_token", {}, accessToken)),
      "login_token.yaml",
      "/login/get_token",
      "post",
      401,
    )
    const session =
      isObject(challenge) && typeof challenge.session === "string" ? challenge.session : ""
    const auth = {
      type: "m.login.password",
      identifier: { type: "m.id.user", user: alice.matrixUserId },
      session,
    }
    await expectResponse(
      await matrix.handle(
        post(
          "/_matrix/client/v1/login/get_token",
          { auth: { ...auth, password: "x" } },
          accessToken,
        ),
      ),
      "login_token.yaml",
      "/login/get_token",
      "post",
      401,
    )
    await expectResponse(
      await matrix.handle(
        post(
          "/_matrix/client/v1/login/get_token",
          { auth: { ...auth, password: alice.password } },
          accessToken,
        ),
      ),
      "login_token.yaml",
      "/login/get_token",
      "post",
      200,
    )
  })

  it("POST /logout and /logout/all", async () => {
    const first = await signIn()
    await expectResponse(
      await matrix.handle(post("/_matrix/client/v3/logout", {}, first.accessToken)),
      "logout.yaml",
      "/logout",
      "post",
      200,
    )
    const second = await signIn()
    await expectResponse(
      await matrix.handle(post("/_matrix/client/v3/logout/all", {}, second.accessToken)),
      "logout.yaml",
      "/logout/all",
      "post",
      200,
    )
  })

  it("a locked account: 401 on /refresh and /account/whoami, and a Matrix error on /login, whose file lists no 401", async () => {
    const { accessToken, refreshToken } = await signIn()
    matrix.lock(alice.matrixUserId)
    const refused = await expectResponse(
      await matrix.handle(post("/_matrix/client/v3/refresh", { refresh_token: refreshToken })),
      "refresh.yaml",
      "/refresh",
      "post",
      401,
    )
    const locked = { errcode: "M_USER_LOCKED", soft_logout: true }
    expect(refused).toMatchObject(locked)
    await expectResponse(
      await matrix.handle(get("/_matrix/client/v3/account/whoami", accessToken)),
      "whoami.yaml",
      "/account/whoami",
      "get",
      401,
    )
    const login = await matrix.handle(post("/_matrix/client/v3/login", password))
    expect(login.status).toBe(401)
    expect(
      await expectConforms(login, definitionSchema("definitions/errors/error.yaml")),
    ).toMatchObject(locked)
  })

  it("errors outside the operations are still Matrix errors", async () => {
    const error = definitionSchema("definitions/errors/error.yaml")
    await expectConforms(await matrix.handle(get("/_matrix/client/v3/nowhere")), error)
    await expectConforms(await matrix.handle(post("/_matrix/client/v3/login", "{nope")), error)
  })
})
