// The vendor emulator from the README, as proof that the base makes an emulator "just its protocol".

import { describe, expect, it } from "vitest"
import {
  alice,
  bearerToken,
  bob,
  createEmulator,
  createEmulatorClock,
  createRateLimiter,
  createRouter,
  createTotpVerifier,
  type Emulator,
  type EmulatorOptions,
  generateTotp,
  jsonResponse,
  randomToken,
  readJsonBody,
  resolveEmulatorOptions,
  toFetch,
} from "./index"

function createExampleEmulator(options: EmulatorOptions = {}): Emulator {
  const resolved = resolveEmulatorOptions(options, { accessTokenTtlMs: 20 * 60 * 1000 })
  const { clock, people, random } = resolved
  const limiter = createRateLimiter(resolved.rateLimit, clock)
  const totp = createTotpVerifier({ clock })
  const sessions = new Map<string, { username: string; expiresAt: number }>()
  const error = (status: number, message: string) => jsonResponse({ error: message }, { status })

  const router = createRouter({ basePath: "/api" })
    .post("/login", async ({ request }) => {
      const body = await readJsonBody(request)
      if (body.type !== "ok" || typeof body.value !== "object" || body.value === null)
        throw error(400, "Bad JSON")
      const { username, password, otp } = body.value as Record<string, unknown>
      const verdict = limiter.hit(`login:${String(username)}`)
      if (verdict.type === "limited") return error(429, "Slow down")
      const person = people.find((p) => p.username === username && p.password === password)
      if (person === undefined) return error(401, "Invalid credentials")
      if (
        person.totpSecret &&
        totp.verify(person.username, person.totpSecret, String(otp ?? "")) !== "accepted"
      ) {
        return error(401, "Code required")
      }
      const token = randomToken({ random })
      sessions.set(token, {
        username: person.username,
        expiresAt: clock.now() + resolved.accessTokenTtlMs,
      })
      return jsonResponse({ token })
    })
    .get("/me", ({ request }) => {
      const session = sessions.get(bearerToken(request) ?? "")
      if (session === undefined || session.expiresAt <= clock.now())
        return error(401, "Unauthorized")
      return jsonResponse({ username: session.username })
    })

  return createEmulator({
    vendor: "example",
    router,
    ...resolved,
    notFound: () => error(404, "Not found"),
    internalError: () => error(500, "Internal error"),
  })
}

const login = (fetchEmulator: typeof fetch, body: unknown) =>
  fetchEmulator("/api/login", { method: "POST", body: JSON.stringify(body) })

describe("a vendor emulator built on the base", () => {
  it("signs bob in with his code, once, and expires his token on the clock", async () => {
    const clock = createEmulatorClock()
    const fetchEmulator = toFetch(createExampleEmulator({ clock }))
    const code = generateTotp(bob.totpSecret ?? "", clock.now())
    const credentials = { username: "bob", password: bob.password }

    expect((await login(fetchEmulator, credentials)).status).toBe(401)
    const signedIn = await login(fetchEmulator, { ...credentials, otp: code })
    const { token } = (await signedIn.json()) as { token: string }
    expect((await login(fetchEmulator, { ...credentials, otp: code })).status).toBe(401)

    const me = () => fetchEmulator("/api/me", { headers: { Authorization: `Bearer ${token}` } })
    expect(await (await me()).json()).toEqual({ username: "bob" })
    clock.advance(20 * 60 * 1000)
    expect((await me()).status).toBe(401)
  })

  it("rate-limits sign-in attempts and answers bad JSON and bugs in its own shape", async () => {
    const clock = createEmulatorClock()
    const emulator = createExampleEmulator({ clock, rateLimit: { limit: 2, windowMs: 60_000 } })
    const fetchEmulator = toFetch(emulator)
    await login(fetchEmulator, { username: "alice", password: "wrong" })
    await login(fetchEmulator, { username: "alice", password: "wrong" })
    expect(
      (await login(fetchEmulator, { username: "alice", password: alice.password })).status,
    ).toBe(429)
    clock.advance(60_000)
    expect(
      (await login(fetchEmulator, { username: "alice", password: alice.password })).status,
    ).toBe(200)

    const bad = await fetchEmulator("/api/login", { method: "POST", body: "{" })
    expect(await bad.json()).toEqual({ error: "Bad JSON" })
    expect(await (await fetchEmulator("/nowhere")).json()).toEqual({ error: "Not found" })
    expect(emulator.log.entries().map((entry) => entry.status)).toEqual([
      401, 401, 429, 200, 400, 404,
    ])
  })
})
