import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"
import {
  axeViolations,
  openSignIn,
  saveScreenshot,
  shownExpiry,
  submitPassword,
  waitForSession,
} from "./demoPage"
import { setLifetimes } from "./demoServer"
import { serveDemo } from "./serveDemo"

const demo = serveDemo()

const refreshPath = "/_matrix/client/v3/refresh"

/** The devtools panel under the vendor's screen. */
const panel = (page: Page) => page.getByRole("region", { name: "Latchkey devtools" })

/** The value the panel shows beside a term ("Status", "Access token", …). */
const fact = (page: Page, term: string) =>
  panel(page).locator("dt", { hasText: term }).locator("xpath=following-sibling::dd[1]")

/** Timeline lines of refresh requests that the server answered 200. */
const refreshEntries = (page: Page) =>
  panel(page).locator("li", { hasText: refreshPath }).filter({ hasText: " 200 " })

async function signInAlice(page: Page) {
  await openSignIn(page, demo.server.url, "matrix")
  await submitPassword(page, {
    identifier: "@alice:localhost",
    password: "correct horse battery staple",
  })
  await waitForSession(page)
}

describe("the devtools in the demo", () => {
  it("show the session live and a refresh happening, by itself and when the token is expired from the panel", async () => {
    await setLifetimes(demo.server, { accessTokenTtlMs: 6_000 })
    const page = await demo.browser.freshPage(demo.server.url)
    await signInAlice(page)
    await panel(page).scrollIntoViewIfNeeded()
    await expect.poll(() => fact(page, "Status").textContent()).toBe("signedIn")
    expect(await fact(page, "User").textContent()).toBe("@alice:localhost")
    expect(await fact(page, "This tab").textContent()).toBe("leads renewals")
    expect(await fact(page, "Access token").textContent()).toMatch(/^expires in 0:0\d$/)
    expect(await fact(page, "Next renewal").textContent()).toMatch(/^refresh in 0:0\d$/)
    expect(await panel(page).locator("li", { hasText: "POST" }).last().textContent()).toMatch(
      /POST\/emulators\/matrix\/_matrix\/client\/v3\/login 200 \d+ ms$/,
    )

    // The renewal falls due a fifth of the lifetime before expiry: the timeline shows it, the countdown restarts.
    const firstExpiry = await shownExpiry(page)
    await refreshEntries(page).first().waitFor({ timeout: 15_000 })
    await page.waitForFunction(
      (before) =>
        Number(document.querySelector("[data-expires-at]")?.getAttribute("data-expires-at")) >
        before,
      firstExpiry,
    )
    await saveScreenshot(page, "devtools-refreshed")
  })

  it("expires the access token from the panel, and the client renews it at once", async () => {
    // A minute's tokens: within the test, a refresh can only come from the development actions.
    await setLifetimes(demo.server, { accessTokenTtlMs: 60_000 })
    const page = await demo.browser.freshPage(demo.server.url)
    await signInAlice(page)
    await expect
      .poll(() => fact(page, "Access token").textContent())
      .toMatch(/^expires in (1:00|0:5\d)$/)
    await panel(page).getByRole("button", { name: "Refresh now" }).click()
    await expect.poll(() => refreshEntries(page).count()).toBe(1)
    await expect
      .poll(() => fact(page, "Access token").textContent())
      .toMatch(/^expires in (1:00|0:5\d)$/)

    const action = panel(page).getByRole("button", { name: "Expire access token" })
    expect(await action.getAttribute("aria-describedby")).not.toBeNull()
    await action.click()
    await expect.poll(() => refreshEntries(page).count()).toBe(2)
    await expect.poll(() => fact(page, "Status").textContent()).toBe("signedIn")
    expect(await fact(page, "Error").textContent()).toBe("none")

    // Nothing the client holds as a credential is on screen.
    const stored = await page.evaluate(() =>
      Object.keys(window.localStorage)
        .filter((key) => key.startsWith("latchkey:"))
        .map((key) => window.localStorage.getItem(key) ?? ""),
    )
    const tokens = stored.flatMap((value) => value.match(/sy[rt]_[\w-]+/g) ?? [])
    expect(tokens.length).toBeGreaterThan(0)
    const shown = await panel(page).innerHTML()
    for (const token of tokens) expect(shown).not.toContain(token)
  })

  it("lists every vendor opened so far, this tab's first, and shows the one chosen", async () => {
    const page = await demo.browser.freshPage(demo.server.url)
    await signInAlice(page)
    // Through the header's tab, as a person would: the page stays, and so does the Matrix client.
    await page.getByRole("link", { name: "Cloudreve" }).click()
    await page.waitForSelector('form[data-state="ready"]')
    const picker = panel(page).getByRole("combobox", { name: "Client" })
    expect(await picker.locator("option").allTextContents()).toEqual(
      expect.arrayContaining(["Cloudreve", "Matrix"]),
    )
    expect(await picker.locator("option").first().textContent()).toBe("Cloudreve")
    expect(await fact(page, "Status").textContent()).toBe("signedOut")
    await picker.selectOption({ label: "Matrix" })
    expect(await fact(page, "Status").textContent()).toBe("signedIn")
    expect(await fact(page, "User").textContent()).toBe("@alice:localhost")

    for (const theme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: theme })
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 900 })
        expect(await axeViolations(page), `${theme} at ${width} px`).toEqual([])
      }
    }
    await saveScreenshot(page, "devtools-two-vendors-phone-dark")
  })
})
