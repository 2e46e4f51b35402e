import { describe, expect, it } from "vitest"
import { createAuthClient } from "./authClient"
import type { AuthStorage } from "./platform/platform"
import { ssoStateParameter } from "./ssoState"
import {
  createFakeServer,
  createManualClock,
  createTestPlatform,
  fakeAdapter,
  memoryStorage,
  untilSettled,
} from "./testing"

const page = "https://app.test/sign-in"

/** One app, and the tab it runs in (its session storage); another tab is another `tab`. */
function setup(options: { ssoCallbackUrl?: string } = {}) {
  const clock = createManualClock()
  const server = createFakeServer({ clock, secondFactor: "none" })
  const tab = (tabStorage: AuthStorage = memoryStorage()) => {
    const platform = createTestPlatform({ fetch: server.fetch, clock, url: page, tabStorage })
    const client = createAuthClient({
      adapter: fakeAdapter(),
      platform,
      ssoCallbackUrl: options.ssoCallbackUrl,
    })
    return { platform, client, tabStorage }
  }
  return { clock, server, tab }
}

/** Starts single sign-on and follows the browser through the identity provider; the address it lands on. */
async function roundTrip(
  context: ReturnType<typeof setup>,
  app: ReturnType<ReturnType<typeof setup>["tab"]>,
) {
  const flow = app.client.signIn()
  await untilSettled(flow)
  await flow.startSso("idp")
  const redirect = app.platform.visited.at(-1) ?? ""
  const answer = await context.server.fetch(new Request(redirect))
  return answer.headers.get("location") ?? ""
}

describe("single sign-on with a state parameter, against forgery and replay", () => {
  it("refuses a forged or missing state without spending the token, and cleans the address bar", async () => {
    const context = setup()
    const app = context.tab()
    const landing = new URL(await roundTrip(context, app))
    for (const state of ["forged", ""]) {
      const forged = new URL(landing)
      forged.searchParams.set(ssoStateParameter, state)
      app.platform.url = forged.href
      const refused = await untilSettled(app.client.completeSso())
      expect(refused).toMatchObject({ step: "unavailable", error: { code: "sso_state_mismatch" } })
      expect(app.platform.url).toBe(page)
    }
    expect(context.server.count("/login/token")).toBe(0)
  })

  it("refuses a callback replayed after it signed in, and one opened in another tab", async () => {
    const context = setup()
    const app = context.tab()
    const landing = await roundTrip(context, app)
    const otherTab = context.tab()
    expect(await untilSettled(otherTab.client.completeSso(landing))).toMatchObject({
      error: { code: "sso_state_mismatch" },
    })
    expect((await untilSettled(app.client.completeSso(landing))).step).toBe("done")
    const reloaded = context.tab(app.tabStorage)
    expect(await untilSettled(reloaded.client.completeSso(landing))).toMatchObject({
      error: { code: "sso_state_mismatch" },
    })
    expect(context.server.count("/login/token")).toBe(1)
  })

  it("refuses a callback that comes back after ten minutes", async () => {
    const context = setup()
    const app = context.tab()
    const landing = await roundTrip(context, app)
    await context.clock.advance(10 * 60_000 + 1)
    expect(await untilSettled(app.client.completeSso(landing))).toMatchObject({
      error: { code: "sso_state_mismatch" },
    })
    expect(context.server.count("/login/token")).toBe(0)
  })

  it("never sends the identity provider's token to a callback on another origin", async () => {
    const context = setup({ ssoCallbackUrl: "https://elsewhere.test/callback" })
    const app = context.tab()
    const flow = app.client.signIn()
    await untilSettled(flow)
    const refused = await flow.startSso("idp")
    expect(refused).toMatchObject({ step: "start", error: { code: "unsupported" } })
    expect(app.platform.visited).toEqual([])
    expect(app.tabStorage.get("latchkey:default:fake:sso")).toBeNull()
  })
})
