import { afterEach, describe, expect, it } from "vitest"
import { createEmulator } from "../emulator"
import { jsonResponse } from "../jsonResponse"
import { readJsonBody } from "../readJsonBody"
import { remoteAddress, remoteAddressHeader } from "../remoteAddress"
import { createRouter } from "../router"
import { type ServedEmulators, serve } from "./serve"

function echoEmulator(vendor: string) {
  const router = createRouter()
    .get("/whoami", ({ request }) =>
      jsonResponse({ vendor, auth: request.headers.get("Authorization") }),
    )
    .delete("/session/token", async ({ request }) => {
      const body = await readJsonBody(request)
      return jsonResponse({
        method: request.method,
        body: body.type === "ok" ? body.value : body.type,
      })
    })
    .post("/cookies", () => {
      const headers = new Headers({ Location: "/next" })
      headers.append("Set-Cookie", "a=1; Path=/")
      headers.append("Set-Cookie", "b=2; Path=/; HttpOnly")
      return new Response(null, { status: 201, headers })
    })
    .get("/big", () => {
      let sent = 0
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent === 64) return controller.close()
          controller.enqueue(new Uint8Array(64 * 1024).fill(sent++))
        },
      })
      return new Response(body)
    })
    .get("/address", ({ request }) => jsonResponse({ address: remoteAddress(request) }))
    .get("/boom", () => {
      throw new Error("bug")
    })
  return createEmulator({ vendor, router })
}

const running: ServedEmulators[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()))
})

async function start(...args: Parameters<typeof serve>) {
  const server = await serve(...args)
  running.push(server)
  return server
}

describe("serve", () => {
  it("answers over real loopback HTTP, headers included", async () => {
    const { url } = await start(echoEmulator("one"))
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const response = await fetch(`${url}/whoami`, { headers: { Authorization: "Bearer t" } })
    expect(await response.json()).toEqual({ vendor: "one", auth: "Bearer t" })
  })

  it("tells the emulator the client's socket address, whatever address header the client sends", async () => {
    const { url } = await start(echoEmulator("one"))
    const response = await fetch(`${url}/address`, {
      headers: { [remoteAddressHeader]: "10.9.8.7" },
    })
    expect(await response.json()).toEqual({ address: "127.0.0.1" })
  })

  it("streams a DELETE's JSON body to the emulator", async () => {
    const { url } = await start(echoEmulator("one"))
    const response = await fetch(`${url}/session/token`, {
      method: "DELETE",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ refresh_token: "r1" }),
    })
    expect(await response.json()).toEqual({ method: "DELETE", body: { refresh_token: "r1" } })
  })

  it("sends every Set-Cookie header separately", async () => {
    const { url } = await start(echoEmulator("one"))
    const response = await fetch(`${url}/cookies`, { method: "POST", redirect: "manual" })
    expect(response.status).toBe(201)
    expect(response.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/; HttpOnly"])
    expect(response.headers.get("Location")).toBe("/next")
  })

  it("answers a CORS preflight for allowed origins only", async () => {
    const { url } = await start(echoEmulator("one"), { corsOrigins: ["http://localhost:5173"] })
    const preflight = (origin: string) =>
      fetch(`${url}/session/token`, {
        method: "OPTIONS",
        headers: {
          Origin: origin,
          "Access-Control-Request-Method": "DELETE",
          "Access-Control-Request-Headers": "authorization,x-filesapi-auth",
        },
      })
    const allowed = await preflight("http://localhost:5173")
    expect(allowed.status).toBe(204)
    expect(allowed.headers.get("Access-Control-Allow-Origin")).toBe("http://localhost:5173")
    expect(allowed.headers.get("Access-Control-Allow-Methods")).toContain("DELETE")
    expect(allowed.headers.get("Access-Control-Allow-Headers")).toContain("X-FilesAPI-Auth")

    const refused = await preflight("http://evil.test")
    expect(refused.status).toBe(403)
    expect(refused.headers.get("Access-Control-Allow-Origin")).toBeNull()
  })

  it("lets an allowed origin read the vendor headers of an actual response", async () => {
    const { url } = await start(echoEmulator("one"), { corsOrigins: ["http://localhost:5173"] })
    const response = await fetch(`${url}/whoami`, { headers: { Origin: "http://localhost:5173" } })
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("http://localhost:5173")
    expect(response.headers.get("Access-Control-Expose-Headers")).toContain("Retry-After")
    const other = await fetch(`${url}/whoami`, { headers: { Origin: "http://evil.test" } })
    expect(other.headers.get("Access-Control-Allow-Origin")).toBeNull()
  })

  it("serves several emulators by path prefix and 404s outside them", async () => {
    const { url } = await start({ "/one": echoEmulator("one"), "/two/": echoEmulator("two") })
    expect(await (await fetch(`${url}/two/whoami`)).json()).toMatchObject({ vendor: "two" })
    expect(await (await fetch(`${url}/one/whoami`)).json()).toMatchObject({ vendor: "one" })
    expect((await fetch(`${url}/three/whoami`)).status).toBe(404)
    expect((await fetch(`${url}/onewhoami`)).status).toBe(404)
  })

  it("streams a large response body whole", async () => {
    const { url } = await start(echoEmulator("one"))
    const bytes = new Uint8Array(await (await fetch(`${url}/big`)).arrayBuffer())
    expect(bytes.length).toBe(64 * 64 * 1024)
    expect(bytes[64 * 1024 * 63]).toBe(63)
  })

  it("answers an emulator bug with a 500 and keeps serving", async () => {
    const { url } = await start(echoEmulator("one"))
    expect((await fetch(`${url}/boom`)).status).toBe(500)
    expect((await fetch(`${url}/whoami`)).status).toBe(200)
  })

  it("stops listening on close", async () => {
    const server = await serve(echoEmulator("one"))
    await fetch(`${server.url}/whoami`)
    await server.close()
    await expect(fetch(`${server.url}/whoami`)).rejects.toThrow()
  })
})
