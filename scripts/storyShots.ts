/**
 * Screenshots of every story of the built Storybook, to look at: each story at desktop width and at 320 px, in the
 * light and the dark theme, taken once its play function (and the accessibility check after it) has finished.
 * Not part of CI: a person reads the pictures and the summary beside them.
 *
 *   pnpm build-storybook && pnpm story-shots [filter]
 *
 * `filter` keeps the stories whose id contains it. The pictures and `summary.md` (stories that failed, widths that
 * scroll sideways, accessibility violations, console errors) land in `test-results/story-shots/`, which git ignores.
 * `CHROMIUM_PATH` points at another Chrome or Chromium than Debian's.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { extname, join, normalize, resolve } from "node:path"
import { type ConsoleMessage, chromium, type Page, type Response } from "playwright-core"

const root = resolve(import.meta.dirname, "..")
const staticDir = join(root, "storybook-static")
const outputDir = join(root, "test-results", "story-shots")
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"

const widths = { desktop: 1280, phone: 320 } as const
const themes = ["light", "dark"] as const

interface IndexEntry {
  readonly id: string
  readonly type: "story" | "docs"
  readonly title: string
  readonly name: string
}

/** What the preview reports when a story is done (Storybook's `storyFinished` event). */
interface Finished {
  readonly status: "success" | "error"
  readonly reporters: readonly {
    readonly type: string
    readonly status: string
    readonly result?: { readonly violations?: readonly { readonly id: string }[] }
  }[]
}

interface Shot {
  readonly file: string
  readonly problems: readonly string[]
}

const contentTypes: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
}

/** Serves the built Storybook on a free local port (the service worker needs http://localhost, not a file). */
async function serve(directory: string): Promise<{ server: Server; url: string }> {
  const server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname)
    const path = join(
      directory,
      normalize(pathname.endsWith("/") ? `${pathname}index.html` : pathname),
    )
    try {
      if (!path.startsWith(`${directory}/`)) throw new Error("outside the built Storybook")
      const body = await readFile(path)
      response.writeHead(200, {
        "content-type": contentTypes[extname(path)] ?? "application/octet-stream",
      })
      response.end(body)
    } catch {
      response.writeHead(404).end()
    }
  })
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done))
  const { port } = server.address() as AddressInfo
  return { server, url: `http://localhost:${port}` }
}

/**
 * Records on `window` the preview's `storyFinished` event and any exception of the story or its play function
 * (`storyFinished` says "success" after a play function threw), from the moment the preview's channel exists.
 * A string, not a function: tsx's compiled functions call helpers that do not exist in the page.
 */
const listenForFinish = `(function attach() {
  const channel = window.__STORYBOOK_ADDONS_CHANNEL__
  if (!channel) return void setTimeout(attach, 5)
  channel.on("storyFinished", (payload) => { window.__storyFinished = payload })
  const failed = (error) => { window.__storyFailed = String(error?.message ?? error?.title ?? error).split("\\n")[0] }
  for (const event of ["playFunctionThrewException", "storyThrewException", "storyErrored"]) channel.on(event, failed)
})()`

/** How far the page is wider than the window (0: no horizontal scroll), and the first elements sticking out. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth
    const wide = [...document.querySelectorAll("#storybook-root *")]
      .filter((element) => element.getBoundingClientRect().right > width + 0.5)
      .slice(0, 3)
      .map((element) => `${element.tagName.toLowerCase()}.${element.getAttribute("class") ?? ""}`)
    return { by: document.documentElement.scrollWidth - width, wide }
  })

/** Opens one story in one theme at the page's width, waits for it to finish, and saves a full-page picture. */
async function shoot(
  page: Page,
  url: string,
  entry: IndexEntry,
  label: string,
  theme: string,
): Promise<Shot> {
  const errors: string[] = []
  const onConsole = (message: ConsoleMessage) => {
    // A failed resource is reported by its address below: the console only says that one failed.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource"))
      errors.push(`console: ${message.text().split("\n")[0]?.slice(0, 160)}`)
  }
  const onResponse = (response: Response) => {
    if (response.status() >= 400) errors.push(`${response.status()} for ${response.url()}`)
  }
  page.on("console", onConsole)
  page.on("response", onResponse)
  try {
    return await shootOnce(page, url, entry, label, theme, errors)
  } finally {
    page.off("console", onConsole)
    page.off("response", onResponse)
  }
}

async function shootOnce(
  page: Page,
  url: string,
  entry: IndexEntry,
  label: string,
  theme: string,
  errors: readonly string[],
): Promise<Shot> {
  await page.goto(`${url}/iframe.html?id=${entry.id}&viewMode=story&globals=theme:${theme}`)
  const handle = await page.waitForFunction(
    () => (window as unknown as { __storyFinished?: unknown }).__storyFinished,
    undefined,
    { timeout: 60_000 },
  )
  const finished = (await handle.jsonValue()) as Finished
  const failure = await page.evaluate(() => (window as { __storyFailed?: string }).__storyFailed)
  // The story may move on (a countdown) but the picture is of the state the play function left.
  await page.evaluate(() => document.fonts.ready)
  const file = `${entry.id}--${label}-${theme}.png`
  await page.screenshot({ path: join(outputDir, file), fullPage: true })

  const problems: string[] = []
  if (failure !== undefined || finished.status !== "success")
    problems.push(`the story failed: ${failure ?? "see the console"}`)
  for (const report of finished.reporters) {
    const violations = report.result?.violations ?? []
    if (violations.length > 0)
      problems.push(`${report.type}: ${violations.map(({ id }) => id).join(", ")}`)
  }
  const sideways = await overflow(page)
  if (sideways.by > 0)
    problems.push(`${sideways.by} px sideways scroll: ${sideways.wide.join(" ")}`)
  problems.push(...errors)
  return { file, problems }
}

async function main() {
  const filter = process.argv[2] ?? ""
  const index = JSON.parse(await readFile(join(staticDir, "index.json"), "utf8")) as {
    entries: Record<string, IndexEntry>
  }
  const stories = Object.values(index.entries).filter(
    (entry) => entry.type === "story" && entry.id.includes(filter),
  )
  // A filtered run replaces only its own pictures.
  if (filter === "") await rm(outputDir, { recursive: true, force: true })
  await mkdir(outputDir, { recursive: true })

  const { server, url } = await serve(staticDir)
  const userDataDir = join(tmpdir(), `latchkey-story-shots-${process.pid}`)
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  })
  await context.addInitScript({ content: listenForFinish })
  const page = await context.newPage()
  const lines: string[] = []
  try {
    for (const [label, width] of Object.entries(widths)) {
      await page.setViewportSize({ width, height: 800 })
      for (const theme of themes) {
        for (const entry of stories) {
          const shot: Shot = await shoot(page, url, entry, label, theme).catch((error: Error) => ({
            file: `${entry.id}--${label}-${theme}.png`,
            problems: [`no picture: ${error.message.split("\n")[0]}`],
          }))
          const verdict = shot.problems.length === 0 ? "ok" : shot.problems.join("; ")
          console.log(`${shot.file}: ${verdict}`)
          if (shot.problems.length > 0)
            lines.push(`- ${entry.title} / ${entry.name} (${label}, ${theme}): ${verdict}`)
        }
      }
    }
  } finally {
    await context.close()
    await rm(userDataDir, { recursive: true, force: true })
    server.close()
  }
  const count = stories.length * Object.keys(widths).length * themes.length
  const summary = [`# Story screenshots`, ``, `${count} pictures of ${stories.length} stories.`, ``]
  summary.push(...(lines.length === 0 ? ["Nothing to flag."] : lines), ``)
  await writeFile(join(outputDir, "summary.md"), summary.join("\n"))
  console.log(`${count} pictures in ${outputDir}; ${lines.length} flagged (summary.md)`)
}

await main()
