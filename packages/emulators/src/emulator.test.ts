import { describe, expect, it } from "vitest"
import { createEmulatorClock } from "./clock"
import { createEmulator } from "./emulator"
import { jsonResponse } from "./jsonResponse"
import { createRouter } from "./router"

function testEmulator(overrides: Partial<Parameters<typeof createEmulator>[0]> = {}) {
  const router = createRouter({ basePath: "/api" })
    .get("/hello/:name", ({ params }) => jsonResponse({ hello: params.name }))
    .get("/boom", () => {
      throw new Error("store corrupted")
    })
    .get("/early", () => {
      throw jsonResponse({ code: 40001, msg: "Parameter error" })
    })
    .post("/hello/:name", () => new Response(null, { status: 204 }))
  return createEmulator({ vendor: "test", router, clock: createEmulatorClock(1_000), ...overrides })
}

const request = (path: string, init?: RequestInit) =>
  new Request(`http://emulator.test${path}`, init)

describe("createEmulator", () => {
  it("answers a matched route", async () => {
    const response = await testEmulator().handle(request("/api/hello/alice"))
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ hello: "alice" })
  })

  it("turns a thrown error into a 500 instead of rejecting", async () => {
    const response = await testEmulator().handle(request("/api/boom"))
    expect(response.status).toBe(500)
    expect(await response.json()).toEqual({ error: "Emulator failure: store corrupted" })
  })

  it("lets the vendor shape the 500, and survives a hook that throws too", async () => {
    const shaped = testEmulator({
      internalError: () => jsonResponse({ code: 50000, msg: "Internal error" }),
    })
    const response = await shaped.handle(request("/api/boom"))
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ code: 50000, msg: "Internal error" })

    const broken = testEmulator({
      internalError: () => {
        throw new Error("hook bug")
      },
    })
    expect((await broken.handle(request("/api/boom"))).status).toBe(500)
  })

  it("answers with a Response a handler throws", async () => {
    const response = await testEmulator().handle(request("/api/early"))
    expect(await response.json()).toEqual({ code: 40001, msg: "Parameter error" })
  })

  it("answers unknown routes with the vendor's 404", async () => {
    const plain = await testEmulator().handle(request("/api/nowhere"))
    expect(plain.status).toBe(404)
    const shaped = testEmulator({
      notFound: () => jsonResponse({ errcode: "M_UNRECOGNIZED" }, { status: 404 }),
    })
    expect(await (await shaped.handle(request("/api/nowhere"))).json()).toEqual({
      errcode: "M_UNRECOGNIZED",
    })
  })

  it("answers a wrong method with 405 and an Allow header, and OPTIONS with 204", async () => {
    const emulator = testEmulator({
      methodNotAllowed: () => jsonResponse({ errcode: "M_UNRECOGNIZED" }, { status: 405 }),
    })
    const wrong = await emulator.handle(request("/api/hello/bob", { method: "DELETE" }))
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get("Allow")).toBe("GET, HEAD, POST, OPTIONS")
    expect(await wrong.json()).toEqual({ errcode: "M_UNRECOGNIZED" })
    const options = await emulator.handle(request("/api/hello/bob", { method: "OPTIONS" }))
    expect(options.status).toBe(204)
    expect(options.headers.get("Allow")).toBe("GET, HEAD, POST, OPTIONS")
  })

  it("answers HEAD without a body", async () => {
    const response = await testEmulator().handle(request("/api/hello/bob", { method: "HEAD" }))
    expect(response.status).toBe(200)
    expect(response.headers.get("Content-Type")).toBe("application/json")
    expect(await response.text()).toBe("")
  })

  it("logs every request with its status, the emulator's time and no query secrets", async () => {
    const emulator = testEmulator()
    await emulator.handle(request("/api/hello/bob?loginToken=s3cret&lang=en"))
    await emulator.handle(request("/api/boom"))
    expect(emulator.log.entries()).toMatchObject([
      {
        method: "GET",
        path: "/api/hello/bob?loginToken=[redacted]&lang=en",
        status: 200,
        time: 1_000,
      },
      { method: "GET", path: "/api/boom", status: 500, time: 1_000 },
    ])
    expect(JSON.stringify(emulator.log.entries())).not.toContain("s3cret")
  })

  it("keeps as many log entries as the options ask", async () => {
    const emulator = testEmulator({ requestLogCapacity: 1 })
    await emulator.handle(request("/api/hello/alice"))
    await emulator.handle(request("/api/hello/bob"))
    expect(emulator.log.entries().map((entry) => entry.path)).toEqual(["/api/hello/bob"])
  })
})
