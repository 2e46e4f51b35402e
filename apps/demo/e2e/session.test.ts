import { describe, expect, it } from "vitest"
import {
  openSignIn,
  recordRequests,
  shownExpiry,
  signOut,
  submitPassword,
  waitForSession,
} from "./demoPage"
import { setLifetimes } from "./demoServer"
import { serveDemo } from "./serveDemo"
import { vendorCases } from "./vendorCases"

const demo = serveDemo()

/** Short enough to watch a refresh in a few seconds: it is due a fifth of the lifetime before expiry. */
const shortLifetimeMs = 5_000

describe.each(vendorCases)("$vendor", (vendorCase) => {
  const { vendor, paths } = vendorCase
  const signInAlice = async (origin: string) => {
    const page = await demo.browser.freshPage(origin)
    await openSignIn(page, origin, vendor)
    await submitPassword(page, {
      identifier: vendorCase.identifier,
      password: vendorCase.person.password,
    })
    await waitForSession(page)
    return page
  }

  it("refreshes the access token on its own before it expires, and stays signed in", async () => {
    await setLifetimes(demo.server, { accessTokenTtlMs: shortLifetimeMs })
    const page = await signInAlice(demo.server.url)
    const firstExpiry = await shownExpiry(page)

    const refreshed = await page.waitForResponse(
      (response) => response.url().endsWith(paths.refresh),
      { timeout: 15_000 },
    )
    expect(refreshed.status()).toBe(200)
    await page.waitForFunction(
      (before) =>
        Number(document.querySelector("[data-expires-at]")?.getAttribute("data-expires-at")) >
        before,
      firstExpiry,
    )
    expect(await page.isVisible('[data-session="signed-in"]')).toBe(true)
    // The new token works.
    const answer = page.waitForResponse((response) => response.url().endsWith(paths.whoami))
    await page.getByRole("button", { name: "Call the API" }).click()
    expect((await answer).status()).toBe(200)
  })

  it("keeps two tabs in step: one refresh request for both, and a sign-out in one signs the other out", async () => {
    await setLifetimes(demo.server, { accessTokenTtlMs: shortLifetimeMs })
    const first = await signInAlice(demo.server.url)
    // Each refresh request carries the refresh token it renews: two tabs refreshing one generation would send it twice.
    const refreshBodies: string[] = []
    demo.browser.context.on("request", (request) => {
      if (request.method() === "POST" && request.url().endsWith(paths.refresh))
        refreshBodies.push(request.postData() ?? "")
    })
    const second = await demo.browser.context.newPage()
    await second.goto(`${demo.server.url}/${vendor}`)
    await waitForSession(second)
    const firstExpiry = await shownExpiry(first)

    // Both tabs' timers fall due together; one refresh reaches the server and both tabs take its token.
    const newer = (before: number) =>
      Number(document.querySelector("[data-expires-at]")?.getAttribute("data-expires-at")) > before
    await first.waitForFunction(newer, firstExpiry, { timeout: 15_000 })
    await second.waitForFunction(newer, firstExpiry, { timeout: 15_000 })
    expect(await shownExpiry(second)).toBe(await shownExpiry(first))
    // On a slow machine more than one 4-second cycle may pass; each generation is still renewed once for both tabs.
    expect(refreshBodies.length).toBeGreaterThanOrEqual(1)
    expect(new Set(refreshBodies).size).toBe(refreshBodies.length)

    await signOut(first)
    await second.waitForSelector('form[data-state="ready"]')
    expect(await second.isVisible('[data-session="signed-in"]')).toBe(false)
    await second.close()
  })
})

describe("Matrix without refresh tokens", () => {
  it("asks the known user only for the password before the token expires, on the same device", async () => {
    await setLifetimes(demo.server, {
      accessTokenTtlMs: shortLifetimeMs,
      issuesRefreshTokens: false,
    })
    const page = await demo.browser.freshPage(demo.server.url)
    const requests = recordRequests(page, "matrix")
    await openSignIn(page, demo.server.url, "matrix")
    await submitPassword(page, {
      identifier: "@alice:localhost",
      password: "correct horse battery staple",
    })
    await waitForSession(page)
    expect(await page.getAttribute("[data-next]", "data-next")).toBe("reauth")

    const whoami = async () => {
      const answer = page.waitForResponse((response) =>
        response.url().endsWith("/_matrix/client/v3/account/whoami"),
      )
      await page.getByRole("button", { name: "Call the API" }).click()
      const body: unknown = await (await answer).json()
      return body as { user_id: string; device_id: string }
    }
    const before = await whoami()

    await page.waitForSelector('[data-latchkey="reauth"]', { timeout: 15_000 })
    expect(await page.getAttribute('[data-latchkey="reauth"] [data-user]', "data-user")).toBe(
      "@alice:localhost",
    )
    expect(await page.isVisible('input[autocomplete="username"]')).toBe(false)
    expect(requests.count("POST", "/_matrix/client/v3/refresh")).toBe(0)

    await submitPassword(page, { password: "correct horse battery staple" })
    await waitForSession(page)
    const after = await whoami()
    expect(after).toEqual(before)
  })
})
