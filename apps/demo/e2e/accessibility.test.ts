import { generateTotp } from "@latchkey/emulators"
import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"
import {
  axeViolations,
  openSignIn,
  saveScreenshot,
  sessionPanel,
  submitPassword,
  waitForSession,
} from "./demoPage"
import { setLifetimes } from "./demoServer"
import { serveDemo } from "./serveDemo"
import { vendorCases } from "./vendorCases"

const demo = serveDemo()

const widths = { desktop: 1280, phone: 320 } as const
const themes = ["light", "dark"] as const

/** How far the page is wider than the window (0: no horizontal scroll), and the first elements sticking out. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth
    const wide = [...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().right > width + 0.5)
      .slice(0, 3)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`)
    return { by: document.documentElement.scrollWidth - width, wide }
  })

/** The `autocomplete`, id or text of the focused element, to say where the focus is. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement
    return element === document.body || element === null
      ? "body"
      : (element.getAttribute("autocomplete") ?? element.textContent?.trim() ?? element.id)
  })

/** Scans the screen with axe at both widths, checks it fits without scrolling sideways, and saves a screenshot. */
async function checkScreen(page: Page, name: string, theme: (typeof themes)[number]) {
  for (const [label, width] of Object.entries(widths)) {
    await page.setViewportSize({ width, height: 900 })
    expect(await axeViolations(page), `${name} at ${label} width, ${theme}`).toEqual([])
    expect(await overflow(page), `${name} at ${label} width, ${theme}`).toEqual({ by: 0, wide: [] })
    await saveScreenshot(page, `${name}-${label}-${theme}`)
  }
  await page.setViewportSize({ width: widths.desktop, height: 900 })
}

describe.each(themes)("%s theme", (theme) => {
  const open = async () => {
    const page = await demo.browser.freshPage(demo.server.url)
    await page.emulateMedia({ colorScheme: theme })
    return page
  }

  describe.each(vendorCases)("$vendor", (vendorCase) => {
    it("has no axe violations on the sign-in, error, second-factor and session screens", async () => {
      const page = await open()
      await openSignIn(page, demo.server.url, vendorCase.vendor)
      await checkScreen(page, `${vendorCase.vendor}-sign-in`, theme)

      await submitPassword(page, { identifier: vendorCase.identifier, password: "wrong password" })
      await page.waitForSelector('.form-area [aria-invalid="true"], .form-area .lk-formError')
      expect(await axeViolations(page), "error").toEqual([])

      const secondFactor = vendorCase.secondFactor
      if (secondFactor) {
        await submitPassword(page, secondFactor)
        await page.waitForSelector('[data-latchkey="second-factor"]')
        await checkScreen(page, `${vendorCase.vendor}-second-factor`, theme)
        await page.fill(
          'input[autocomplete="one-time-code"]',
          generateTotp(secondFactor.secret, Date.now()),
        )
      } else {
        await submitPassword(page, { password: vendorCase.person.password })
      }
      await waitForSession(page)
      await page.getByRole("button", { name: "Call the API" }).click()
      await page.waitForSelector('[data-status="200"]')
      await checkScreen(page, `${vendorCase.vendor}-session`, theme)
    })
  })

  it("has no axe violations on Matrix's login-token panel, the SSO error and the settings", async () => {
    const page = await open()
    await openSignIn(page, demo.server.url, "matrix")
    await submitPassword(page, {
      identifier: "@alice:localhost",
      password: "correct horse battery staple",
    })
    await waitForSession(page)
    await page.getByRole("button", { name: "Create a login token" }).click()
    expect(await focused(page)).toBe("current-password")
    await page.getByLabel("Your password").fill("not my password")
    await page.getByRole("button", { name: "Create token", exact: true }).click()
    await page.waitForSelector("text=The password is wrong.")
    expect(await focused(page)).toBe("current-password")
    await page.getByLabel("Your password").fill("correct horse battery staple")
    await page.getByRole("button", { name: "Create token", exact: true }).click()
    await page.waitForSelector("[data-login-token]")
    expect(await page.textContent("[data-expires-in]")).toMatch(/^[12]:\d\d$/)
    expect(await focused(page)).toBe("Copy token")
    await checkScreen(page, "matrix-login-token", theme)
    await sessionPanel(page).getByRole("button", { name: "Sign out", exact: true }).click()
    await page.waitForSelector('form[data-state="ready"]')
    expect(await focused(page)).toBe("Sign in")

    await page.goto(`${demo.server.url}/matrix/callback?loginToken=forged`)
    await page.waitForSelector('[data-latchkey="sso-callback"][data-state="error"]')
    await checkScreen(page, "matrix-sso-error", theme)

    await page.goto(
      `${demo.server.url}/emulators/matrix/_emulator/sso/oidc-github?redirectUrl=${encodeURIComponent(`${demo.server.url}/matrix/callback`)}`,
    )
    await checkScreen(page, "matrix-identity-provider", theme)

    await page.goto(`${demo.server.url}/no-such-page`)
    await page.waitForSelector("text=Page not found")
    await checkScreen(page, "not-found", theme)

    await page.goto(`${demo.server.url}/settings`)
    await page.waitForSelector('input[type="checkbox"]')
    await checkScreen(page, "settings", theme)
    // Apply is disabled once applied: the status line that says what happened keeps the focus.
    await page.locator('input[type="checkbox"]').check()
    await page.getByRole("button", { name: "Apply and restart emulators" }).press("Enter")
    await page.waitForSelector("text=The emulators restarted with the new settings.")
    expect(
      await page.evaluate(() => document.activeElement?.hasAttribute("data-lifetimes-status")),
    ).toBe(true)
  })

  it.each(["polario", "filescom", "sftpgo"])(
    "fits %s's sign-in screen in 320 px with no axe violations",
    async (vendor) => {
      const page = await open()
      await openSignIn(page, demo.server.url, vendor)
      await checkScreen(page, `${vendor}-sign-in`, theme)
    },
  )
})

it("re-authentication screen has no axe violations", async () => {
  await setLifetimes(demo.server, { accessTokenTtlMs: 5_000, issuesRefreshTokens: false })
  const page = await demo.browser.freshPage(demo.server.url)
  await openSignIn(page, demo.server.url, "matrix")
  await submitPassword(page, {
    identifier: "@alice:localhost",
    password: "correct horse battery staple",
  })
  await waitForSession(page)
  await page.waitForSelector('[data-latchkey="reauth"]', { timeout: 15_000 })
  expect(await axeViolations(page)).toEqual([])
  await saveScreenshot(page, "matrix-reauth")
})

it("follows the theme toggle and keeps it across reloads", async () => {
  const page = await demo.browser.freshPage(demo.server.url)
  await page.emulateMedia({ colorScheme: "light" })
  await openSignIn(page, demo.server.url, "matrix")
  await page.getByRole("radio", { name: "Dark" }).check()
  expect(await page.getAttribute("html", "data-theme")).toBe("dark")
  await page.reload()
  await page.waitForSelector('form[data-state="ready"]')
  expect(await page.getAttribute("html", "data-theme")).toBe("dark")
  await page.getByRole("radio", { name: "Auto" }).check()
  expect(await page.getAttribute("html", "data-theme")).toBeNull()
})
