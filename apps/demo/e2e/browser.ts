import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type BrowserContext, chromium, type Page } from "playwright-core"

/** Debian's Chromium by default; `CHROMIUM_PATH` points at any other Chrome or Chromium. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"

/** Headless, and quiet on a closed network: no background requests, updates, sync or first-run pages. */
const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
]

/** A browser with a fresh profile of its own. */
export interface TestBrowser {
  readonly context: BrowserContext
  /** A new tab on a clean slate: this origin's storage emptied, other tabs closed. */
  freshPage(origin: string): Promise<Page>
  close(): Promise<void>
}

/** Launches Chromium with a fresh user-data directory (one per test file). */
export async function launchBrowser(viewport = { width: 1280, height: 900 }): Promise<TestBrowser> {
  const userDataDir = await mkdtemp(join(tmpdir(), "latchkey-e2e-"))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    args: chromiumArgs,
    headless: true,
    viewport,
  })
  return {
    context,
    async freshPage(origin) {
      for (const page of context.pages()) await page.close()
      const page = await context.newPage()
      await page.goto(`${origin}/settings`)
      await page.evaluate(() => {
        window.localStorage.clear()
        window.sessionStorage.clear()
      })
      return page
    },
    async close() {
      await context.close()
      await rm(userDataDir, { recursive: true, force: true })
    },
  }
}
