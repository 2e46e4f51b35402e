import { bob, generateTotp, sftpgoAdmin } from "@latchkey/emulators"
import { englishMessages } from "@latchkey/react"
import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"
import {
  axeViolations,
  openSignIn,
  recordRequests,
  saveScreenshot,
  shownExpiry,
  submitPassword,
  waitForSession,
} from "./demoPage"
import { setLifetimes } from "./demoServer"
import { serveDemo } from "./serveDemo"

const demo = serveDemo()

const bobSecret = bob.totpSecret ?? ""
const tokenRequest = "GET /api/v2/user/token"

/** Bob's code now; `stepsAhead` 1 is the next 30-second step's, which the server also takes (clock drift). */
const bobsCode = (stepsAhead = 0) => generateTotp(bobSecret, Date.now() + stepsAhead * 30_000)

/** The `autocomplete` of the focused element, to say which field has the focus. */
const focusedField = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute("autocomplete") ?? null)

/** The field error texts the sign-in form shows. */
const fieldErrors = (page: Page) => page.locator(".form-area .lk-error").allTextContents()

describe("SFTPGo", () => {
  it("refuses Bob's password alone with the ambiguous error, then signs him in with one more request with his code", async () => {
    const page = await demo.browser.freshPage(demo.server.url)
    const requests = recordRequests(page, "sftpgo")
    await openSignIn(page, demo.server.url, "sftpgo")
    await submitPassword(page, { identifier: bob.username, password: bob.password })

    // SFTPGo answers a missing code like a wrong password: the form says it may be either, once, and waits in the
    // empty code field.
    await page.waitForSelector(
      '.form-area input[autocomplete="one-time-code"][aria-invalid="true"]',
    )
    expect(await fieldErrors(page)).toEqual([englishMessages.passwordWrongOrCodeNeeded])
    expect(await focusedField(page)).toBe("one-time-code")
    expect(await axeViolations(page), "ambiguous error").toEqual([])
    await saveScreenshot(page, "sftpgo-ambiguous")

    await page.keyboard.type(bobsCode())
    await page.keyboard.press("Enter")
    await waitForSession(page)
    expect(requests.all()).toEqual([tokenRequest, tokenRequest])

    const answer = page.waitForResponse((response) => response.url().endsWith("/user/profile"))
    await page.getByRole("button", { name: "Call the API" }).click()
    expect((await answer).status()).toBe(200)
    await page.waitForSelector('[data-status="200"]')
    expect(await page.getAttribute("[data-next]", "data-next")).toBe("reauth")
    expect(await axeViolations(page), "session").toEqual([])
  })

  it("says the password or the code is wrong after a wrong code, with the focus on the password", async () => {
    const page = await demo.browser.freshPage(demo.server.url)
    await openSignIn(page, demo.server.url, "sftpgo")
    await page.fill('input[autocomplete="one-time-code"]', "000000")
    await submitPassword(page, { identifier: bob.username, password: bob.password })
    await page.waitForSelector(
      '.form-area input[autocomplete="one-time-code"][aria-invalid="true"]',
    )
    expect(await fieldErrors(page)).toEqual([englishMessages.passwordOrCodeWrong])
    expect(await focusedField(page)).toBe("current-password")
  })

  it("asks Bob for his password and a new code before the token expires, with no failed request", async () => {
    await setLifetimes(demo.server, { accessTokenTtlMs: 10_000 })
    const page = await demo.browser.freshPage(demo.server.url)
    const requests = recordRequests(page, "sftpgo")
    await openSignIn(page, demo.server.url, "sftpgo")
    await page.fill('input[autocomplete="one-time-code"]', bobsCode())
    await submitPassword(page, { identifier: bob.username, password: bob.password })
    await waitForSession(page)
    const expiresAt = await shownExpiry(page)

    await page.waitForSelector('[data-latchkey="reauth"]', { timeout: 20_000 })
    expect(Date.now()).toBeLessThan(expiresAt)
    expect(await page.getAttribute('[data-latchkey="reauth"] [data-user]', "data-user")).toBe(
      bob.username,
    )
    expect(await page.textContent('[data-latchkey="reauth"] [data-user]')).toBe(
      englishMessages.reauthAs(bob.username, true),
    )
    expect(await page.isVisible('input[autocomplete="username"]')).toBe(false)
    expect(await page.isVisible('input[autocomplete="one-time-code"]')).toBe(true)
    // Nothing failed on the way: the client asked before the token ran out.
    expect(requests.all()).toEqual([tokenRequest])
    expect(await axeViolations(page), "re-authentication").toEqual([])
    await saveScreenshot(page, "sftpgo-reauth")

    // A code works once: the next step's code, which the server already takes.
    await page.fill('input[autocomplete="one-time-code"]', bobsCode(1))
    await submitPassword(page, { password: bob.password })
    await waitForSession(page)
    expect(await shownExpiry(page)).toBeGreaterThan(expiresAt)
    expect(requests.all()).toEqual([tokenRequest, tokenRequest])
  })

  it("switches between the user and admin realms, each with its own accounts and session", async () => {
    const page = await demo.browser.freshPage(demo.server.url)
    const requests = recordRequests(page, "sftpgo")
    await page.emulateMedia({ colorScheme: "dark" })
    await openSignIn(page, demo.server.url, "sftpgo")
    expect(await page.isVisible('[data-account="alice"]')).toBe(true)
    expect(await page.isVisible('[data-account="admin"]')).toBe(false)

    await page.getByRole("radio", { name: "Admins" }).check()
    await page.waitForSelector('[data-variant="admin"]')
    await page.waitForSelector('form[data-state="ready"]')
    expect(await page.isVisible('[data-account="alice"]')).toBe(false)
    expect(await page.isVisible('[data-account="secadmin"]')).toBe(true)
    await submitPassword(page, { identifier: sftpgoAdmin.username, password: sftpgoAdmin.password })
    await waitForSession(page)
    await page.getByRole("button", { name: "Call the API" }).click()
    await page.waitForSelector('[data-status="200"]')
    expect(requests.all()).toEqual(["GET /api/v2/token", "GET /api/v2/admin/profile"])
    expect(await axeViolations(page), "admin session, dark").toEqual([])

    // On a phone the page still fits, the switch included.
    await page.setViewportSize({ width: 320, height: 800 })
    expect(
      await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      ),
    ).toBe(0)
    await saveScreenshot(page, "sftpgo-admin-phone-dark")
    await page.setViewportSize({ width: 1280, height: 900 })

    // The user realm has a session of its own: nobody is signed in there.
    await page.getByRole("radio", { name: "Users" }).check()
    await page.waitForSelector('[data-variant="user"]')
    await page.waitForSelector('form[data-state="ready"]')
    expect(await page.isVisible('[data-account="alice"]')).toBe(true)

    // Back to the admins, after a reload: the realm and the admin's session are remembered.
    await page.getByRole("radio", { name: "Admins" }).check()
    await page.reload()
    await waitForSession(page)
    expect(await page.textContent("#session-heading")).toBe(sftpgoAdmin.username)
    expect(await page.isChecked('input[type="radio"][value="admin"]')).toBe(true)
  })
})
