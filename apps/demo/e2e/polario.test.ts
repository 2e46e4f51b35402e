import { englishMessages } from "@latchkey/react"
import type { Page, Request } from "playwright-core"
import { describe, expect, it } from "vitest"
import {
  axeViolations,
  openSignIn,
  recordRequests,
  saveScreenshot,
  sessionPanel,
  shownExpiry,
  signOut,
  submitPassword,
  waitForSession,
} from "./demoPage"
import { setLifetimes } from "./demoServer"
import { serveDemo } from "./serveDemo"

/*
 * Polario apart from `vendorCases.ts`: its password sign-in is SCRAM's two requests after discovery, where the
 * shared tests expect one, and its single sign-on is guarded by a marker in the tab instead of a state parameter.
 */

const demo = serveDemo()

const alice = { identifier: "alice@example.com", password: "correct horse battery staple" }
const api = "/api"

/** The JSON body and the `Platform` header of every SCRAM request the page sent. */
function recordScramBodies(page: Page) {
  const sent: { path: string; body: Record<string, unknown>; platform: string | null }[] = []
  page.on("request", (request: Request) => {
    const { pathname } = new URL(request.url())
    if (request.method() !== "POST" || !/\/auth\/(auth|login)$/.test(pathname)) return
    sent.push({
      path: pathname.replace(/^.*\/api/, api),
      body: JSON.parse(request.postData() ?? "{}") as Record<string, unknown>,
      platform: request.headers().platform ?? null,
    })
  })
  return sent
}

async function signInAlice(page: Page) {
  await openSignIn(page, demo.server.url, "polario")
  await submitPassword(page, alice)
  await waitForSession(page)
}

describe("Polario", () => {
  it("signs in with exactly SCRAM's two requests, never sending the password, calls the API and signs out", async () => {
    const page = await demo.browser.freshPage(demo.server.url)
    const requests = recordRequests(page, "polario")
    const bodies = recordScramBodies(page)
    await signInAlice(page)
    expect(await page.textContent("#session-heading")).toBe("Alice Liddell")
    // Discovery (the identity providers), then client-first and client-final: nothing else.
    expect(requests.all()).toEqual([
      `GET ${api}/auth/default/sso-provider`,
      `POST ${api}/auth/auth`,
      `POST ${api}/auth/login`,
    ])
    const [first, final] = bodies
    expect(Object.keys(first?.body ?? {}).sort()).toEqual(["email", "nonce"])
    expect(Object.keys(final?.body ?? {}).sort()).toEqual(
      ["browser", "deviceName", "email", "nonce", "os", "osVersion", "proof"].sort(),
    )
    // The combined nonce extends ours; both messages carry the same Platform header.
    expect(String(final?.body.nonce).startsWith(String(first?.body.nonce))).toBe(true)
    expect(bodies.map((sent) => sent.platform)).toEqual(["Web", "Web"])
    expect(JSON.stringify(bodies)).not.toContain(alice.password)

    const answer = page.waitForResponse((response) => response.url().endsWith("/_emulator/whoami"))
    await page.getByRole("button", { name: "Call the API" }).click()
    const whoami = await answer
    expect(whoami.status()).toBe(200)
    expect(whoami.request().headers().session).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
    await page.waitForSelector('[data-status="200"]')

    await signOut(page)
    expect(requests.count("GET", `${api}/auth/logout`)).toBe(1)
    await page.reload()
    await page.waitForSelector('form[data-state="ready"]')
    expect(await page.isVisible('[data-session="signed-in"]')).toBe(false)
  })

  it("puts a wrong password on the password field, then signs in with the right one", async () => {
    const page = await demo.browser.freshPage(demo.server.url)
    await openSignIn(page, demo.server.url, "polario")
    await submitPassword(page, { identifier: alice.identifier, password: "not the password" })
    await page.waitForSelector(
      '.form-area input[autocomplete="current-password"][aria-invalid="true"]',
    )
    expect(await page.textContent(".form-area .lk-error")).toBe(
      englishMessages.errors.invalid_credentials,
    )
    expect(await page.isVisible('[data-session="signed-in"]')).toBe(false)
    await submitPassword(page, { password: alice.password })
    await waitForSession(page)
  })

  it("signs in with a password SASLprep maps (full-width letters, an em space, a soft hyphen) in the browser", async () => {
    const page = await demo.browser.freshPage(demo.server.url)
    const errors: string[] = []
    page.on("pageerror", (error) => errors.push(String(error)))
    await openSignIn(page, demo.server.url, "polario")
    // Typed as Erin has it; SASLprep makes it "erin passphrase" before it is hashed, on both sides.
    await submitPassword(page, {
      identifier: "erin@example.com",
      password: "\uFF45\uFF52\uFF49\uFF4E\u2003pass\u00ADphrase",
    })
    await waitForSession(page)
    expect(await page.textContent("#session-heading")).toBe("Erin Ōtsuka")
    expect(errors).toEqual([])
  })

  it("says it is checking the password and keeps the page answering through 600 000 iterations", async () => {
    await setLifetimes(demo.server, { accessTokenTtlMs: null, scramIterations: 600_000 })
    const page = await demo.browser.freshPage(demo.server.url)
    await openSignIn(page, demo.server.url, "polario")
    await page.fill('input[autocomplete="username"]', alice.identifier)
    await page.fill('input[autocomplete="current-password"]', alice.password)
    // Every turn of the page's event loop while the button says so: PBKDF2 on the main thread would be one long gap.
    await page.evaluate((checking) => {
      const state = { checkingMs: 0, longestGapMs: 0 }
      Object.assign(window, { checkingState: state })
      let last = performance.now()
      const tick = () => {
        const now = performance.now()
        const button = document.querySelector('.form-area button[type="submit"]')
        if (button?.textContent === checking) {
          state.checkingMs += now - last
          state.longestGapMs = Math.max(state.longestGapMs, now - last)
        }
        last = now
        if (document.querySelector('[data-session="signed-in"]') === null) setTimeout(tick, 0)
      }
      tick()
    }, englishMessages.checkingPassword)
    await page.click('.form-area button[type="submit"]')
    await waitForSession(page)
    const { checkingMs, longestGapMs } = await page.evaluate(
      () =>
        (window as unknown as { checkingState: { checkingMs: number; longestGapMs: number } })
          .checkingState,
    )
    expect(checkingMs).toBeGreaterThan(0)
    expect(longestGapMs).toBeLessThan(Math.max(checkingMs / 2, 100))
  })

  it("goes to the SAML2 identity provider and back, exchanges the code once and cleans the address bar", async () => {
    const page = await demo.browser.freshPage(demo.server.url)
    const requests = recordRequests(page, "polario")
    await openSignIn(page, demo.server.url, "polario")
    await page.getByRole("button", { name: "Continue with Example Corp" }).click()

    await page.waitForSelector("text=Sign in with Example Corp")
    expect(new URL(page.url()).pathname).toBe("/emulators/polario/api/_emulator/idp/example-idp")
    await page.getByRole("button", { name: /Bob Builder/ }).click()

    await waitForSession(page)
    expect(page.url()).toBe(`${demo.server.url}/polario`)
    expect(await page.textContent("[data-user-id]")).toContain("bob@example.com")
    // The code is exchanged exactly once (StrictMode renders the callback twice).
    expect(requests.count("POST", `${api}/auth/sso-code`)).toBe(1)
    await page.reload()
    await waitForSession(page)
    expect(requests.count("POST", `${api}/auth/sso-code`)).toBe(1)
  })

  it("refuses a real code brought back to a tab that did not set off, and never exchanges it", async () => {
    const first = await demo.browser.freshPage(demo.server.url)
    let callback: string | undefined
    // The first tab never lands: the identity provider's way back is caught, as if the link were opened elsewhere.
    await first.route(
      (url) => url.pathname.endsWith("/_emulator/idp/example-idp"),
      async (route) => {
        if (route.request().method() !== "POST") return route.continue()
        const answer = await route.fetch({ maxRedirects: 0 })
        callback = answer.headers().location
        return route.abort()
      },
    )
    await openSignIn(first, demo.server.url, "polario")
    await first.getByRole("button", { name: "Continue with Example Corp" }).click()
    await first.waitForSelector("text=Sign in with Example Corp")
    await first.getByRole("button", { name: /Alice Liddell/ }).click()
    await expect.poll(() => callback).toMatch(/\/polario\/callback\?code=/)

    const other = await demo.browser.context.newPage()
    const requests = recordRequests(other, "polario")
    await other.goto(callback ?? "")
    await other.waitForSelector('[data-latchkey="sso-callback"][data-state="error"]')
    expect(await other.textContent('[data-latchkey="sso-callback"] .lk-formError')).toBe(
      englishMessages.errors.sso_state_mismatch,
    )
    expect(other.url()).not.toContain("code=")
    expect(requests.count("POST", `${api}/auth/sso-code`)).toBe(0)
    await saveScreenshot(other, "polario-sso-other-tab")
    await other.close()
  })

  it("refreshes the JWT on demand and on its own before it expires, and stays signed in", async () => {
    await setLifetimes(demo.server, { accessTokenTtlMs: 5_000 })
    const page = await demo.browser.freshPage(demo.server.url)
    await signInAlice(page)

    const onDemand = page.waitForResponse((response) => response.url().endsWith("/auth/session"))
    await sessionPanel(page).getByRole("button", { name: "Refresh now" }).click()
    expect((await onDemand).status()).toBe(200)
    await page.waitForSelector('[data-next="refresh"]')
    const renewedExpiry = await shownExpiry(page)

    // Nobody clicks now: the next refresh is due a fifth of the lifetime before expiry.
    const onItsOwn = await page.waitForResponse(
      (response) => response.url().endsWith("/auth/session"),
      { timeout: 15_000 },
    )
    expect(onItsOwn.status()).toBe(200)
    await page.waitForFunction(
      (before) =>
        Number(document.querySelector("[data-expires-at]")?.getAttribute("data-expires-at")) >
        before,
      renewedExpiry,
    )
    expect(await page.isVisible('[data-session="signed-in"]')).toBe(true)
    const answer = page.waitForResponse((response) => response.url().endsWith("/_emulator/whoami"))
    await page.getByRole("button", { name: "Call the API" }).click()
    expect((await answer).status()).toBe(200)
  })

  it("has no axe violations and no sideways scroll on its screens, light and dark, desktop and 320 px", async () => {
    const page = await demo.browser.freshPage(demo.server.url)
    const check = async (name: string) => {
      for (const scheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme: scheme })
        for (const [label, width] of [
          ["desktop", 1280],
          ["phone", 320],
        ] as const) {
          await page.setViewportSize({ width, height: 900 })
          expect(await axeViolations(page), `${name}, ${label}, ${scheme}`).toEqual([])
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          )
          expect(overflow, `${name}, ${label}, ${scheme}: sideways scroll`).toBe(0)
          await saveScreenshot(page, `polario-${name}-${label}-${scheme}`)
        }
      }
      await page.setViewportSize({ width: 1280, height: 900 })
    }
    await openSignIn(page, demo.server.url, "polario")
    await check("sign-in")
    await submitPassword(page, { identifier: "carol@example.com", password: "locked but correct" })
    await page.waitForSelector(".form-area .lk-formError")
    await check("locked")
    await page.getByRole("button", { name: "Continue with Example Corp" }).click()
    await page.waitForSelector("text=Sign in with Example Corp")
    await check("identity-provider")
    await page.getByRole("button", { name: /Alice Liddell/ }).click()
    await waitForSession(page)
    await page.getByRole("button", { name: "Call the API" }).click()
    await page.waitForSelector('[data-status="200"]')
    await check("session")
  })
})
