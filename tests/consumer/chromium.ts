import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type BrowserContext, chromium } from "playwright-core"

/** Debian's Chromium by default; `CHROMIUM_PATH` points at any other Chrome or Chromium. */
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"

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

/** A headless Chromium with a fresh profile, removed on close. */
export interface TestChromium {
  readonly context: BrowserContext
  close(): Promise<void>
}

/**
 * Launches Chromium with a profile of its own.
 * @example
 * const browser = await launchChromium()
 * const page = await browser.context.newPage()
 */
export async function launchChromium(): Promise<TestChromium> {
  const userDataDir = await mkdtemp(join(tmpdir(), "latchkey-consumer-browser-"))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    args: chromiumArgs,
    headless: true,
  })
  return {
    context,
    async close() {
      await context.close()
      await rm(userDataDir, { recursive: true, force: true })
    },
  }
}
