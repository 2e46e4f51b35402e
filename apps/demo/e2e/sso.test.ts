import { describe, expect, it } from "vitest"
import { openSignIn, recordRequests, saveScreenshot, waitForSession } from "./demoPage"
import { serveDemo } from "./serveDemo"

const demo = serveDemo()

describe("Matrix single sign-on", () => {
  it("goes to the identity provider and back, completes once and cleans the address bar", async () => {
    const page = await demo.browser.freshPage(demo.server.url)
    const requests = recordRequests(page, "matrix")
    await openSignIn(page, demo.server.url, "matrix")
    await page.getByRole("button", { name: /GitHub/ }).click()

    // The emulator's stand-in identity provider asks who signs in.
    await page.waitForSelector("text=Sign in with GitHub")
    expect(new URL(page.url()).pathname).toBe("/emulators/matrix/_emulator/sso/oidc-github")
    await page.getByRole("button", { name: /Alice Liddell/ }).click()

    await waitForSession(page)
    expect(page.url()).toBe(`${demo.server.url}/matrix`)
    expect(await page.textContent("[data-user-id]")).toContain("@alice:localhost")
    // The login token is exchanged exactly once (StrictMode renders the callback twice).
    expect(requests.count("POST", "/_matrix/client/v3/login")).toBe(1)
    // It survives a reload: the session was stored, the callback not repeated.
    await page.reload()
    await waitForSession(page)
    expect(requests.count("POST", "/_matrix/client/v3/login")).toBe(1)
  })

  it("refuses a forged callback: a visible error, nobody signed in, the token gone from the address bar", async () => {
    const page = await demo.browser.freshPage(demo.server.url)
    const requests = recordRequests(page, "matrix")
    await page.goto(`${demo.server.url}/matrix/callback?loginToken=forged&latchkey_state=forged`)
    await page.waitForSelector('[data-latchkey="sso-callback"][data-state="error"]')
    expect(await page.textContent('[data-latchkey="sso-callback"]')).toMatch(/not started here/)
    expect(page.url()).not.toContain("loginToken")
    expect(requests.count("POST", "/_matrix/client/v3/login")).toBe(0)
    await saveScreenshot(page, "matrix-sso-forged")

    await page.getByRole("button", { name: "Try again" }).click()
    await page.waitForSelector('form[data-state="ready"]')
    expect(await page.isVisible('[data-session="signed-in"]')).toBe(false)
  })
})
