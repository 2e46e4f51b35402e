import { describe, expect, it } from "vitest"
import { createEmulator } from "../emulator"
import { jsonResponse } from "../jsonResponse"
import { createRouter } from "../router"
import { toFetch } from "./toFetch"

describe("toFetch", () => {
  it("answers fetch calls in memory, with strings, URLs, Requests and relative paths", async () => {
    const router = createRouter().post("/echo", async ({ request, url }) =>
      jsonResponse({ host: url.host, body: await request.text() }),
    )
    const fetchEmulator = toFetch(createEmulator({ vendor: "test", router }))
    const init = { method: "POST", body: "hi" }
    expect(await (await fetchEmulator("http://a.test/echo", init)).json()).toEqual({
      host: "a.test",
      body: "hi",
    })
    expect(await (await fetchEmulator(new URL("http://b.test/echo"), init)).json()).toMatchObject({
      host: "b.test",
    })
    expect(await (await fetchEmulator(new Request("http://c.test/echo", init))).json()).toEqual({
      host: "c.test",
      body: "hi",
    })
    expect(await (await fetchEmulator("/echo", init)).json()).toMatchObject({
      host: "emulator.localhost",
    })
  })
})
