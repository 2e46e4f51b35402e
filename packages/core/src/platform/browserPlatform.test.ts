import { describe, expect, it } from "vitest"
import { browserPlatform, webStorage } from "./browserPlatform"

describe("browserPlatform outside a browser", () => {
  it("can be created and degrades instead of throwing", () => {
    const platform = browserPlatform()
    expect(platform.currentUrl()).toBeUndefined()
    expect(platform.tabStorage).toBeUndefined()
    const unsubscribe = platform.onWake(() => {})
    expect(unsubscribe).toBeTypeOf("function")
    unsubscribe()
    expect(platform.randomBytes(16)).toHaveLength(16)
  })

  it("opens no cross-tab channel without a window, so a server render's process can exit", () => {
    // Node has the global; a channel opened on it would hold the event loop open.
    expect(typeof BroadcastChannel).toBe("function")
    expect(browserPlatform().broadcast).toBeUndefined()
  })

  it("reads web storage only when used, so a missing one fails inside the engine's fallback", () => {
    const storage = webStorage("local")
    expect(() => storage.get("key")).toThrow()
  })
})
