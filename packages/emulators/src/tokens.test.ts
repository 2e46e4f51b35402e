import { describe, expect, it } from "vitest"
import { createEmulatorClock } from "./clock"
import { createSeededRandomBytes } from "./randomBytes"
import { createJwtIssuer, decodeJwt, randomToken } from "./tokens"

describe("randomToken", () => {
  it("is URL-safe, prefixed and reproducible from a seed", () => {
    const token = randomToken({ prefix: "syt_", random: createSeededRandomBytes(7) })
    expect(token).toMatch(/^syt_[A-Za-z0-9_-]{43}$/)
    expect(randomToken({ prefix: "syt_", random: createSeededRandomBytes(7) })).toBe(token)
    expect(randomToken()).not.toBe(randomToken())
  })
})

describe("createJwtIssuer", () => {
  it("issues a JWT that decodes with sub, iat, exp and extra claims", async () => {
    const clock = createEmulatorClock(Date.UTC(2025, 0, 1))
    const jwt = createJwtIssuer({ clock })
    const issued = await jwt.issue("42", 3_600_000, { aud: "user" })
    const [header] = issued.token.split(".")
    expect(JSON.parse(atob(header ?? ""))).toEqual({ alg: "HS256", typ: "JWT" })
    expect(decodeJwt(issued.token)).toMatchObject({
      sub: "42",
      aud: "user",
      iat: Date.UTC(2025, 0, 1) / 1000,
      exp: Date.UTC(2025, 0, 1, 1) / 1000,
    })
    expect(issued.expiresAtMs).toBe(Date.UTC(2025, 0, 1, 1))
  })

  it("gives two tokens for the same subject in the same second different values", async () => {
    const jwt = createJwtIssuer({ clock: createEmulatorClock() })
    const first = await jwt.issue("42", 1_000)
    const second = await jwt.issue("42", 1_000)
    expect(first.token).not.toBe(second.token)
  })

  it("verifies its own unexpired tokens only", async () => {
    const clock = createEmulatorClock()
    const jwt = createJwtIssuer({ clock })
    const { token } = await jwt.issue("42", 60_000)
    expect((await jwt.verify(token))?.sub).toBe("42")

    const other = createJwtIssuer({ clock })
    expect(await other.verify(token)).toBeUndefined()
    const [header, , signature] = token.split(".")
    const payload = btoa(JSON.stringify({ ...decodeJwt(token), sub: "1" }))
    const forged = `${header}.${payload.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}.${signature}`
    expect(decodeJwt(forged)?.sub).toBe("1")
    expect(await jwt.verify(forged)).toBeUndefined()

    clock.advance(60_000)
    expect(await jwt.verify(token)).toBeUndefined()
  })

  it("decodes nothing that is not a JWT", () => {
    expect(decodeJwt("opaque")).toBeUndefined()
    expect(decodeJwt("a.b.c")).toBeUndefined()
  })
})
