import { describe, expect, it } from "vitest"
import { createFaultyFetch, faultCatalog, faultName } from "./faultyFetch"

/** A server that answers with a JSON body naming the request, and counts what it handled. */
function echoServer() {
  const handled: string[] = []
  return {
    handled,
    handle: async (request: Request) => {
      handled.push(new URL(request.url).pathname)
      return Response.json({ path: new URL(request.url).pathname, n: handled.length })
    },
  }
}

const request = (path = "/login", init: RequestInit = {}) =>
  new Request(`https://server.test${path}`, init)

describe("createFaultyFetch", () => {
  it("names every fault once", () => {
    const names = faultCatalog.map(faultName)
    expect(new Set(names).size).toBe(names.length)
    expect(names).toHaveLength(19)
  })

  it("answers normally until told, then only the requests a rule picks, as often as it says", async () => {
    const server = echoServer()
    const faulty = createFaultyFetch(server.handle)
    expect((await faulty.fetch(request())).status).toBe(200)
    faulty.inject(
      { type: "serverError", status: 503 },
      { when: (r) => r.url.endsWith("/refresh"), times: 1 },
    )
    expect((await faulty.fetch(request())).status).toBe(200)
    expect((await faulty.fetch(request("/refresh"))).status).toBe(503)
    expect((await faulty.fetch(request("/refresh"))).status).toBe(200)
    expect(faulty.log.map((exchange) => exchange.fault?.type)).toEqual([
      undefined,
      undefined,
      "serverError",
      undefined,
    ])
  })

  it("echoes the request's credentials in its HTML error page, as bait", async () => {
    const faulty = createFaultyFetch(echoServer().handle)
    faulty.inject({ type: "htmlPage", status: 502 })
    const response = await faulty.fetch(
      request("/login", {
        method: "POST",
        headers: { authorization: "Basic c2VjcmV0" },
        body: "password=hunter2",
      }),
    )
    expect(response.status).toBe(502)
    const page = await response.text()
    expect(page).toContain("Basic c2VjcmV0")
    expect(page).toContain("password=hunter2")
  })

  it("rate-limits with Retry-After in seconds, as a date from `now`, or without it", async () => {
    const faulty = createFaultyFetch(echoServer().handle, { now: () => Date.UTC(2026, 0, 1) })
    faulty.inject({ type: "rateLimited", retryAfter: "seconds" }, { times: 1 })
    faulty.inject({ type: "rateLimited", retryAfter: "date", seconds: 90 }, { times: 1 })
    faulty.inject({ type: "rateLimited", retryAfter: "none" }, { times: 1 })
    const headers = [] as (string | null)[]
    for (let index = 0; index < 3; index++)
      headers.push((await faulty.fetch(request())).headers.get("retry-after"))
    expect(headers).toEqual(["30", "Thu, 01 Jan 2026 00:01:30 GMT", null])
  })

  it("cuts the server's own answer in half, or stalls or breaks it there", async () => {
    const server = echoServer()
    const faulty = createFaultyFetch(server.handle)
    faulty.inject({ type: "truncatedJson" }, { times: 1 })
    const truncated = await (await faulty.fetch(request())).text()
    expect(() => JSON.parse(truncated)).toThrow()
    expect('{"path":"/login","n":1}'.startsWith(truncated)).toBe(true)

    faulty.inject({ type: "erroringBody" }, { times: 1 })
    await expect((await faulty.fetch(request())).text()).rejects.toThrow(TypeError)

    const controller = new AbortController()
    faulty.inject({ type: "stallMidBody" }, { times: 1 })
    const stalled = await faulty.fetch(request("/login", { signal: controller.signal }))
    const reader = stalled.body?.getReader()
    expect((await reader?.read())?.value?.byteLength).toBeGreaterThan(0)
    expect(faulty.held()).toBe(1)
    const next = reader?.read()
    controller.abort()
    await expect(next).rejects.toThrow()
    expect(faulty.held()).toBe(0)
    expect(server.handled).toHaveLength(3)
  })

  it("hangs before the headers until the request is aborted, without asking the server", async () => {
    const server = echoServer()
    const faulty = createFaultyFetch(server.handle)
    faulty.inject({ type: "hangBeforeHeaders" })
    const controller = new AbortController()
    const pending = faulty.fetch(request("/login", { signal: controller.signal }))
    expect(faulty.held()).toBe(1)
    controller.abort()
    await expect(pending).rejects.toThrow()
    expect(faulty.held()).toBe(0)
    expect(server.handled).toEqual([])
  })

  it("fails like fetch on a refused connection and on a redirect loop", async () => {
    const faulty = createFaultyFetch(echoServer().handle)
    faulty.inject({ type: "connectionFailure" }, { times: 1 })
    faulty.inject({ type: "redirectLoop" }, { times: 1 })
    await expect(faulty.fetch(request())).rejects.toThrow(TypeError)
    await expect(faulty.fetch(request())).rejects.toThrow(TypeError)
  })

  it("sends a duplicated request twice, and replays an earlier answer to the same request", async () => {
    const server = echoServer()
    const faulty = createFaultyFetch(server.handle)
    faulty.inject({ type: "duplicateRequest" }, { times: 1 })
    expect(await (await faulty.fetch(request())).json()).toEqual({ path: "/login", n: 2 })
    faulty.inject({ type: "replayedAnswer" }, { times: 2 })
    // Nothing earlier to replay for /me: no fault.
    expect(await (await faulty.fetch(request("/me"))).json()).toEqual({ path: "/me", n: 3 })
    expect(await (await faulty.fetch(request("/me"))).json()).toEqual({ path: "/me", n: 3 })
    expect(server.handled).toHaveLength(4)
  })

  it("makes a huge body only as it is read", async () => {
    const faulty = createFaultyFetch(echoServer().handle)
    faulty.inject({ type: "hugeBody", bytes: 300_000 })
    expect((await (await faulty.fetch(request())).text()).length).toBeGreaterThan(300_000)
  })
})
