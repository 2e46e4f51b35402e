import { generateTotp } from "@latchkey/emulators"
import { englishMessages } from "@latchkey/react"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { launchBrowser, type TestBrowser } from "./browser"
import {
  openSignIn,
  recordRequests,
  saveScreenshot,
  signOut,
  submitPassword,
  waitForSession,
} from "./demoPage"
import { buildDemo, type DemoServer, setLifetimes, startPreview } from "./demoServer"
import { vendorCases } from "./vendorCases"

let server: DemoServer
let browser: TestBrowser

beforeAll(async () => {
  await buildDemo()
  server = await startPreview()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

// Fresh emulators (and their rate limits) for every test.
beforeEach(() => setLifetimes(server, { accessTokenTtlMs: null }))

describe.each(vendorCases)("$vendor", (vendorCase) => {
  const { vendor, paths } = vendorCase

  it("signs in with a password in the protocol's minimum of requests, calls the API and signs out", async () => {
    const page = await browser.freshPage(server.url)
    const requests = recordRequests(page, vendor)
    await openSignIn(page, server.url, vendor)
    await submitPassword(page, {
      identifier: vendorCase.identifier,
      password: vendorCase.person.password,
    })
    await waitForSession(page)
    expect(await page.textContent("#session-heading")).toBe(vendorCase.shownName)
    // Discovery and one sign-in request: nothing else.
    expect(requests.all()).toEqual([`GET ${paths.discovery}`, `POST ${paths.signIn}`])

    const answer = page.waitForResponse((response) => response.url().endsWith(paths.whoami))
    await page.getByRole("button", { name: "Call the API" }).click()
    expect((await answer).status()).toBe(200)
    await page.waitForSelector('[data-status="200"]')
    await saveScreenshot(page, `${vendor}-signed-in`)

    await signOut(page)
    expect(await page.isVisible('[data-session="signed-in"]')).toBe(false)
    // A reload finds nobody signed in.
    await page.reload()
    await page.waitForSelector('form[data-state="ready"]')
    expect(await page.isVisible('[data-session="signed-in"]')).toBe(false)
  })

  it("refuses a wrong password on the form, then signs in with the right one", async () => {
    const page = await browser.freshPage(server.url)
    await openSignIn(page, server.url, vendor)
    await submitPassword(page, { identifier: vendorCase.identifier, password: "not the password" })
    await page.waitForSelector('.form-area [aria-invalid="true"], .form-area .lk-formError')
    const error = await page.textContent(".form-area .lk-error, .form-area .lk-formError")
    expect(error).toBe(englishMessages.errors.invalid_credentials)
    expect(await page.isVisible('[data-session="signed-in"]')).toBe(false)

    await submitPassword(page, { password: vendorCase.person.password })
    await waitForSession(page)
  })

  it("fills the form from the demo accounts' list", async () => {
    const page = await browser.freshPage(server.url)
    await openSignIn(page, server.url, vendor)
    await page
      .getByRole("button", { name: `Fill in ${vendorCase.person.displayName}`, exact: true })
      .click()
    expect(await page.inputValue('input[autocomplete="username"]')).toBe(vendorCase.identifier)
    // Focus lands on the form's submit button: Enter signs in.
    await page.keyboard.press("Enter")
    await waitForSession(page)
  })
})

const withSecondFactor = vendorCases.flatMap((vendorCase) =>
  vendorCase.secondFactor ? [{ ...vendorCase, secondFactor: vendorCase.secondFactor }] : [],
)

describe.each(withSecondFactor)("$vendor", ({ vendor, paths, secondFactor }) => {
  it("asks for a TOTP code after the password and signs in with a real one", async () => {
    const page = await browser.freshPage(server.url)
    const requests = recordRequests(page, vendor)
    await openSignIn(page, server.url, vendor)
    await submitPassword(page, secondFactor)
    await page.waitForSelector('[data-latchkey="second-factor"]')
    await saveScreenshot(page, `${vendor}-second-factor`)

    // A complete code submits itself.
    await page.fill('input[autocomplete="one-time-code"]', "000000")
    await page.waitForSelector('.form-area [aria-invalid="true"]')
    expect(await page.isVisible('[data-latchkey="second-factor"]')).toBe(true)

    await page.fill(
      'input[autocomplete="one-time-code"]',
      generateTotp(secondFactor.secret, Date.now()),
    )
    await waitForSession(page)
    expect(requests.all()).toEqual([
      `GET ${paths.discovery}`,
      `POST ${paths.signIn}`,
      `POST ${paths.signIn}/2fa`,
      `POST ${paths.signIn}/2fa`,
    ])
  })
})
