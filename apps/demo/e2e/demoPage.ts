import { mkdir } from "node:fs/promises"
import { fileURLToPath } from "node:url"
import axe from "axe-core"
import type { BrowserContext, Page, Request } from "playwright-core"

/** Where screenshots land as test artifacts (git-ignored). */
export const artifactsDir = fileURLToPath(new URL("../test-results/", import.meta.url))

/** Requests one vendor's emulator received from the browser, as `METHOD /path` without the mount prefix. */
export function recordRequests(target: Page | BrowserContext, vendor: string) {
  const prefix = `/emulators/${vendor}`
  const seen: string[] = []
  const onRequest = (request: Request) => {
    // What the page's code fetched; images (an identity provider's icon) are not the flow's requests.
    if (request.resourceType() !== "fetch") return
    const { pathname } = new URL(request.url())
    if (pathname.startsWith(`${prefix}/`))
      seen.push(`${request.method()} ${pathname.slice(prefix.length)}`)
  }
  target.on("request", onRequest)
  return {
    all: () => [...seen],
    count: (method: string, path: string) =>
      seen.filter((entry) => entry === `${method} ${path}`).length,
    clear: () => {
      seen.length = 0
    },
  }
}

/** Opens a vendor's tab and waits for its sign-in form. */
export async function openSignIn(page: Page, origin: string, vendor: string) {
  await page.goto(`${origin}/${vendor}`)
  await page.waitForSelector('form[data-state="ready"]')
}

/** Types into the showing sign-in form, the way a person would, and submits it. */
export async function submitPassword(
  page: Page,
  { identifier, password }: { identifier?: string; password: string },
) {
  if (identifier !== undefined) await page.fill('input[autocomplete="username"]', identifier)
  await page.fill('input[autocomplete="current-password"]', password)
  await page.click('.form-area button[type="submit"]')
}

/** Waits for the session panel. */
export async function waitForSession(page: Page) {
  await page.waitForSelector('[data-session="signed-in"]')
}

/** When the shown session's access token expires (epoch ms). */
export async function shownExpiry(page: Page): Promise<number> {
  return Number(await page.getAttribute('[data-session="signed-in"]', "data-expires-at"))
}

/** The demo's session panel (the devtools panel beside it has buttons of the same names). */
export function sessionPanel(page: Page) {
  return page.locator("section.card.session")
}

/** Signs out from the session panel and waits for the sign-in form. */
export async function signOut(page: Page) {
  // The session panel's own button: the devtools beside it has a development "Sign out" too.
  await sessionPanel(page).getByRole("button", { name: "Sign out", exact: true }).click()
  await page.waitForSelector('form[data-state="ready"]')
}

/** Runs axe on the page as it is and returns its violations, described for a failure message. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source })
  return page.evaluate(async () => {
    const { axe: runner } = window as unknown as { axe: typeof import("axe-core") }
    const results = await runner.run(document)
    return results.violations.map(
      (violation) =>
        `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
    )
  })
}

/** Saves a full-page screenshot under `test-results/`. */
export async function saveScreenshot(page: Page, name: string) {
  await mkdir(artifactsDir, { recursive: true })
  await page.screenshot({ path: `${artifactsDir}${name}.png`, fullPage: true })
}
