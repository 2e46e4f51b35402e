import { getResponse } from "msw"
import { describe, expect, it } from "vitest"
import { createEmulator } from "../emulator"
import { jsonResponse } from "../jsonResponse"
import { createRouter } from "../router"
import { mswHandlers } from "./mswHandlers"

function testEmulator() {
  const router = createRouter({ basePath: "/_matrix/client/v3" })
    .post("/logout", async ({ request, url }) =>
      jsonResponse({ path: url.pathname, body: await request.json() }),
    )
    .get("/login", () => jsonResponse({ flows: [{ type: "m.login.password" }] }))
  return createEmulator({ vendor: "matrix", router })
}

describe("mswHandlers", () => {
  it("answers requests under the base URL with the emulator, prefix stripped, body intact", async () => {
    const emulator = testEmulator()
    const handlers = mswHandlers(emulator, "http://localhost:6006/emulators/matrix/")
    const response = await getResponse(
      handlers,
      new Request("http://localhost:6006/emulators/matrix/_matrix/client/v3/logout", {
        method: "POST",
        body: JSON.stringify({ all: true }),
      }),
    )
    expect(await response?.json()).toEqual({
      path: "/_matrix/client/v3/logout",
      body: { all: true },
    })
    expect(emulator.log.entries()).toMatchObject([{ method: "POST", status: 200 }])
  })

  it("answers the emulator's own 404 under the base URL and leaves other URLs alone", async () => {
    const handlers = mswHandlers(testEmulator(), "http://localhost:8008")
    const unknown = await getResponse(handlers, new Request("http://localhost:8008/nothing"))
    expect(unknown?.status).toBe(404)
    const login = await getResponse(
      handlers,
      new Request("http://localhost:8008/_matrix/client/v3/login"),
    )
    expect(login?.status).toBe(200)
    const elsewhere = await getResponse(handlers, new Request("http://localhost:9999/nothing"))
    expect(elsewhere).toBeUndefined()
  })
})
