import { afterAll, beforeAll, beforeEach } from "vitest"
import { launchBrowser, type TestBrowser } from "./browser"
import { buildDemo, type DemoServer, setLifetimes, startPreview } from "./demoServer"

/**
 * Builds the demo once for the test file, serves it with `vite preview`, opens Chromium, and gives every test
 * fresh emulators (and their rate limits) with tokens that do not expire unless the test says otherwise.
 */
export function serveDemo(): { readonly server: DemoServer; readonly browser: TestBrowser } {
  let server: DemoServer | undefined
  let browser: TestBrowser | undefined

  beforeAll(async () => {
    await buildDemo()
    server = await startPreview()
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  beforeEach(() => (server ? setLifetimes(server, { accessTokenTtlMs: null }) : undefined))

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("The demo is not running: use it inside a test.")
    return value
  }
  return {
    get server() {
      return started(server)
    },
    get browser() {
      return started(browser)
    },
  }
}
