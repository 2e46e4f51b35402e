import { alice, bob, generateTotp, sam, tess, uma, yuki } from "@latchkey/emulators"
import { englishMessages } from "@latchkey/react"
import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"
import {
  axeViolations,
  openSignIn,
  saveScreenshot,
  signOut,
  submitPassword,
  waitForSession,
} from "./demoPage"
import { setLifetimes } from "./demoServer"
import { serveDemo } from "./serveDemo"

const demo = serveDemo()
const vendor = "filescom"
const sessionsPath = "/api/rest/v1/sessions"

/** Every answer to `POST /sessions`, as `host status`, in order. */
function recordSignIns(page: Page) {
  const seen: string[] = []
  page.on("response", (response) => {
    const url = new URL(response.url())
    if (response.request().method() === "POST" && url.pathname.endsWith(sessionsPath))
      seen.push(`${url.hostname} ${response.status()}`)
  })
  return seen
}

async function openFilescom() {
  const page = await demo.browser.freshPage(demo.server.url)
  await openSignIn(page, demo.server.url, vendor)
  return page
}

const codeField = 'input[autocomplete="one-time-code"]'

/** The code a person's card in the demo accounts shows for their last text message. */
async function textMessageOf(page: Page, username: string): Promise<string> {
  const shown = page.locator(`[data-account="${username}"] [data-sms]:not([data-sms=""])`)
  await shown.waitFor({ timeout: 10_000 })
  return (await shown.getAttribute("data-sms")) ?? ""
}

describe("Files.com", () => {
  it("signs Bob in with his app code after a wrong one: one password and two code requests", async () => {
    const page = await openFilescom()
    const signIns = recordSignIns(page)
    await submitPassword(page, { identifier: bob.username, password: bob.password })
    await page.waitForSelector('[data-latchkey="second-factor"]')
    expect(await page.getAttribute(codeField, "inputmode")).toBe("numeric")

    // Six digits submit themselves.
    await page.fill(codeField, "000000")
    await page.waitForSelector('.form-area [aria-invalid="true"]')
    expect(await page.textContent(".form-area .lk-error")).toBe(
      englishMessages.errors.invalid_second_factor,
    )
    await page.fill(codeField, generateTotp(bob.totpSecret ?? "", Date.now()))
    await waitForSession(page)
    expect(await page.textContent("#session-heading")).toBe(bob.username)
    expect(signIns).toEqual(["127.0.0.1 401", "127.0.0.1 401", "127.0.0.1 201"])
  })

  it("signs Sam in with the text message his card shows, the resend counting down", async () => {
    const page = await openFilescom()
    const signIns = recordSignIns(page)
    await submitPassword(page, { identifier: sam.username, password: sam.password })
    await page.waitForSelector('[data-latchkey="second-factor"] [data-kind="sms"]')
    const resend = page.getByRole("button", { name: /^Send a new code \(in \d+ s\)$/ })
    expect(await resend.isDisabled()).toBe(true)
    await saveScreenshot(page, "filescom-text-message")

    await page.fill(codeField, await textMessageOf(page, sam.username))
    await waitForSession(page)
    expect(signIns).toEqual(["127.0.0.1 401", "127.0.0.1 201"])
  })

  it("lets Tess choose the text message with the keyboard and signs her in with it", async () => {
    const page = await openFilescom()
    await submitPassword(page, { identifier: tess.username, password: tess.password })
    const methods = page.getByRole("group", { name: englishMessages.methodLegend })
    await methods.waitFor()
    const app = page.getByRole("radio", { name: englishMessages.methodName.totp })
    expect(await app.isChecked()).toBe(true)
    await app.focus()
    await page.keyboard.press("ArrowDown")
    await page.waitForSelector('[data-latchkey="second-factor"] [data-kind="sms"]')
    expect(
      await page.getByRole("radio", { name: englishMessages.methodName.sms }).isChecked(),
    ).toBe(true)

    await page.fill(codeField, await textMessageOf(page, tess.username))
    await waitForSession(page)
  })

  it("retries once on the region's host and keeps the session there, sign-out included", async () => {
    const page = await demo.browser.freshPage(demo.server.url)
    await page.getByRole("button", { name: "Use the region mismatch host" }).click()
    await openSignIn(page, demo.server.url, vendor)
    const signIns = recordSignIns(page)
    await submitPassword(page, { identifier: alice.username, password: alice.password })
    await waitForSession(page)
    expect(signIns).toEqual(["files.localhost 403", "eu.files.localhost 201"])
    const port = new URL(demo.server.url).port
    expect(await page.getAttribute("[data-session-host]", "data-session-host")).toBe(
      `eu.files.localhost:${port}`,
    )

    const answer = page.waitForResponse((response) => response.url().endsWith("/folders/"))
    await page.getByRole("button", { name: "Call the API" }).click()
    expect(new URL((await answer).url()).hostname).toBe("eu.files.localhost")
    expect((await answer).status()).toBe(200)
    await saveScreenshot(page, "filescom-region")

    const signedOut = page.waitForResponse((response) => response.request().method() === "DELETE")
    await signOut(page)
    expect(new URL((await signedOut).url()).hostname).toBe("eu.files.localhost")
    expect((await signedOut).status()).toBe(200)
  })

  it("asks Alice only for her password once her short session is almost over", async () => {
    await setLifetimes(demo.server, { accessTokenTtlMs: 5_000 })
    const page = await openFilescom()
    const signIns = recordSignIns(page)
    await submitPassword(page, { identifier: alice.username, password: alice.password })
    await waitForSession(page)
    expect(await page.getAttribute("[data-next]", "data-next")).toBe("reauth")

    // No refresh: a fifth of the lifetime before its end, the form asks for the password again.
    await page.waitForSelector('[data-latchkey="reauth"]', { timeout: 15_000 })
    expect(await page.getAttribute('[data-latchkey="reauth"] [data-user]', "data-user")).toBe(
      alice.username,
    )
    expect(await page.isVisible('input[autocomplete="username"]')).toBe(false)
    await submitPassword(page, { password: alice.password })
    await waitForSession(page)
    expect(signIns).toEqual(["127.0.0.1 201", "127.0.0.1 201"])
  })

  it("has no axe violations on the second steps and refusals, light and dark, phone and desktop", async () => {
    for (const theme of ["light", "dark"] as const) {
      const page = await openFilescom()
      await page.emulateMedia({ colorScheme: theme })
      const check = async (name: string) => {
        for (const [label, width] of [
          ["phone", 320],
          ["desktop", 1280],
        ] as const) {
          await page.setViewportSize({ width, height: 900 })
          expect(await axeViolations(page), `${name}, ${label}, ${theme}`).toEqual([])
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          )
          expect(overflow, `${name} scrolls sideways at ${label} width`).toBe(0)
          await saveScreenshot(page, `filescom-${name}-${label}-${theme}`)
        }
      }
      await submitPassword(page, { identifier: uma.username, password: uma.password })
      await page.waitForSelector(".form-area .lk-formError")
      expect(await page.textContent(".form-area .lk-formError")).toBe(
        englishMessages.secondFactorUnsupported("u2f"),
      )
      await check("unsupported")

      await submitPassword(page, { identifier: tess.username, password: tess.password })
      await page.waitForSelector('[data-latchkey="second-factor"]')
      await check("method-choice")

      await page.getByRole("button", { name: englishMessages.useAnotherAccount }).click()
      await page.waitForSelector('form[data-state="ready"]')
      await submitPassword(page, { identifier: yuki.username, password: yuki.password })
      await page.waitForSelector('[data-latchkey="second-factor"] [data-kind="yubikey"]')
      await check("yubikey")
      await page.getByRole("button", { name: englishMessages.useAnotherAccount }).click()
    }
  })
})
