import { describe, expect, it } from "vitest"
import { createAuthClient } from "./authClient"
import { createTestPlatform, fakeAdapter } from "./testing"

describe("createAuthClient's check of an adapter", () => {
  it("accepts adapters whose capabilities match their methods", () => {
    const platform = createTestPlatform()
    expect(() => createAuthClient({ adapter: fakeAdapter(), platform }).dispose()).not.toThrow()
    expect(() =>
      createAuthClient({ adapter: fakeAdapter({ canRefresh: false }), platform }).dispose(),
    ).not.toThrow()
  })

  it.each([
    ["refresh", { refresh: "reauth" }],
    ["sso", { sso: "none" }],
    ["loginToken", { loginToken: true }],
  ] as const)("names a %s capability that disagrees with the methods", (name, change) => {
    const base = fakeAdapter()
    const adapter = { ...base, capabilities: { ...base.capabilities, ...change } }
    expect(() => createAuthClient({ adapter, platform: createTestPlatform() })).toThrow(
      new TypeError(`fake adapter: capabilities ${name} disagree with its methods`),
    )
  })
})
