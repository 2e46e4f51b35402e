import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { createEmulatorClock } from "../clock"
import { openApiSchemas } from "../openApiSchemas"
import { alice, bob } from "../people"
import { remoteAddressHeader } from "../remoteAddress"
import { generateTotp } from "../totp"
import { erin, sftpgoAdmin, sftpgoTotpAdmin, zoe } from "./sftpgoAccounts"
import { createSftpgoEmulator } from "./sftpgoEmulator"

const file = "sftpgo-openapi.yaml"
const base = "http://localhost:8080/api/v2"

/** RFC 3339 `date-time`, as OpenAPI's format means it. */
const isDateTime = (value: string) =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(value) &&
  Number.isFinite(Date.parse(value))

// Closed objects: an answer with a field the official schema does not name fails too.
const schemas = openApiSchemas(join(dirname(fileURLToPath(import.meta.url)), "spec"), {
  formats: { "date-time": isDateTime, email: (value: string) => /^[^@\s]+@[^@\s]+$/.test(value) },
  closed: true,
})

/** The documented statuses of each operation (the rest fall under `default`). */
const documented = [200, 401, 403, 500]

interface Answer {
  readonly path: string
  readonly response: Response
}

/** Every answer the emulator gives, on every path and outcome it has, recorded for checking. */
async function tour(): Promise<Answer[]> {
  const clock = createEmulatorClock()
  const sftpgo = createSftpgoEmulator({
    clock,
    rateLimit: { limit: 20, windowMs: 60_000 },
    defender: { threshold: 30, observationMs: 600_000, banMs: 60_000 },
    postConnectHook: (address) => address !== "203.0.113.9",
  })
  const answers: Answer[] = []
  const call = async (path: string, headers: Record<string, string> = {}, from?: string) => {
    const request = new Request(`${base}${path}`, {
      headers: { ...headers, ...(from === undefined ? {} : { [remoteAddressHeader]: from }) },
    })
    const response = await sftpgo.handle(request)
    answers.push({ path, response: response.clone() })
    return response
  }
  const basic = (person: { username: string; password: string }, code?: string) => ({
    Authorization: `Basic ${Buffer.from(`${person.username}:${person.password}`).toString("base64")}`,
    ...(code === undefined ? {} : { "X-SFTPGO-OTP": code }),
  })
  const bearer = async (response: Response) => ({
    Authorization: `Bearer ${(await response.json()).access_token}`,
  })
  const code = (secret = "") => generateTotp(secret, clock.now())

  const admin = await bearer(await call("/token", basic(sftpgoAdmin)))
  await call("/token", basic(sftpgoTotpAdmin, code(sftpgoTotpAdmin.totpSecret)))
  await call("/token")
  await call("/token", basic(sftpgoTotpAdmin))
  const user = await bearer(await call("/user/token", basic(alice)))
  await call("/user/token", basic(zoe))
  await call("/user/token", basic(bob, code(bob.totpSecret)))
  await call("/user/token")
  await call("/user/token", basic({ ...alice, password: " " }))
  await call("/user/token", basic({ ...alice, password: "wrong" }))
  await call("/user/token", basic(erin))
  await call("/user/token", basic(alice), "203.0.113.9")
  for (const path of ["/admin/profile", "/user/profile"]) {
    await call(path, admin)
    await call(path, user)
    await call(path)
    await call(path, admin, "198.51.100.1")
  }
  await call("/nowhere")
  await call("/logout", admin)
  await call("/logout", admin)
  await call("/user/logout", user)
  await call("/user/logout", user)
  await call("/user/logout", admin)
  const late = await bearer(await call("/user/token", basic(alice)))
  clock.advance(21 * 60_000)
  await call("/user/profile", late)
  // 20 refusals, then the rate limiter; a minute later 10 more refusals ban the address.
  for (let attempt = 0; attempt < 25; attempt++) await call("/user/token", basic(bob))
  clock.advance(60_000)
  for (let attempt = 0; attempt < 15; attempt++) await call("/user/token", basic(bob))
  await call("/user/profile", user)
  return answers
}

describe("SFTPGo emulator answers as the official OpenAPI file describes", () => {
  it("the schemas catch an off-schema answer", () => {
    const token = schemas.compile(schemas.responseSchema(file, "/user/token", "get", 200))
    expect(token({ access_token: "t", expires_at: "in 20 minutes" })).toBe(false)
    expect(token({ access_token: "t", expires_at: "2025-01-01T00:20:00Z", user: "alice" })).toBe(
      false,
    )
    const apiResponse = schemas.compile(schemas.responseSchema(file, "/user/token", "get", 401))
    expect(apiResponse({ message: 401 })).toBe(false)
  })

  it("every answer of a tour through both realms, logout, expiry, rate limit and ban", async () => {
    const answers = await tour()
    const statuses = new Set(answers.map(({ response }) => response.status))
    expect([...statuses].sort()).toEqual([200, 401, 403, 404, 429])
    for (const { path, response } of answers) {
      const what = `${response.status} ${path}`
      expect(response.headers.get("content-type"), what).toBe("application/json")
      const isOperation = path !== "/nowhere"
      if (isOperation && !documented.includes(response.status)) {
        // Only the rate limiter answers outside the documented statuses, and `default` covers it.
        expect(response.status, what).toBe(429)
        expect(response.headers.get("Retry-After"), what).toMatch(/^\d+$/)
        expect(response.headers.get("X-Retry-In"), what).toMatch(/^[\d.]+(h|m|s|ms)/)
      }
      // A path without an operation is answered like any operation's `default`: an ApiResponse.
      const operation = isOperation ? path : "/token"
      const validate = schemas.compile(
        schemas.responseSchema(file, operation, "get", response.status),
      )
      const body: unknown = await response.json()
      expect(validate(body), `${what} ${JSON.stringify(body)}`).toBe(true)
      const isChallenge = response.status === 401 && path.endsWith("/token")
      expect(response.headers.get("WWW-Authenticate"), what).toBe(
        isChallenge ? 'Basic realm="SFTPGo"' : null,
      )
    }
  })
})
