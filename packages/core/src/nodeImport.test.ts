import { describe, expect, it } from "vitest"

describe("@latchkey/core in Node", () => {
  it("imports and creates a client without a DOM", async () => {
    expect(typeof globalThis.window).toBe("undefined")
    expect(typeof globalThis.document).toBe("undefined")
    const core = await import("./index")
    const { fakeAdapter } = await import("./testing")
    const client = core.createAuthClient({ adapter: fakeAdapter() })
    expect(client.getSnapshot().status).toBe("initializing")
    expect((await client.ready()).status).toBe("signedOut")
    client.dispose()
  })
})
