// The packages as a stranger gets them: packed, installed with plain npm into a fresh app outside the workspace,
// then type-checked, built, imported in Node, linted as tarballs and used in a browser. Fails when an export, a
// type or the emulators' bin breaks.
import { spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { readdir, readFile } from "node:fs/promises"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { launchChromium } from "./chromium"
import {
  type ConsumerApp,
  createConsumerApp,
  type Manifest,
  type PublishedName,
  publishedPackages,
  readManifest,
  workspace,
} from "./consumerApp"
import { run, untilOutput, userEnvironment } from "./run"
import { serveStatic } from "./staticServer"

const sourceCondition = "@latchkey/source"
/** The workspace's TypeScript, run against the app's own node_modules. */
const tsc = join(
  dirname(createRequire(import.meta.url).resolve("typescript/package.json")),
  "bin/tsc",
)
const bin = (name: string) => join(workspace, "node_modules", ".bin", name)
const names = Object.keys(publishedPackages) as PublishedName[]

let app: ConsumerApp

beforeAll(async () => {
  app = await createConsumerApp()
})

afterAll(async () => {
  await app?.remove()
})

async function typeCheck(project: string) {
  return run(process.execPath, [tsc, "-p", project], { cwd: app.dir, timeoutMs: 120_000 })
}

async function viteBuild() {
  const result = await run(
    process.execPath,
    ["node_modules/vite/bin/vite.js", "build", "--logLevel", "warn"],
    { cwd: app.dir, timeoutMs: 120_000 },
  )
  expect(result.code, result.output).toBe(0)
  const assets = await readdir(join(app.dir, "dist", "assets"))
  const css = assets.find((file) => file.endsWith(".css"))
  expect(css, "the build has the kit's stylesheet").toBeDefined()
  expect(await readFile(join(app.dir, "dist", "assets", css ?? ""), "utf8")).toContain(".lk")
  // The app renders <LatchkeyDevtools> from the default entry: a production build leaves the panel out.
  for (const script of assets.filter((file) => file.endsWith(".js"))) {
    const text = await readFile(join(app.dir, "dist", "assets", script), "utf8")
    expect(text, `${script} has the devtools' panel`).not.toContain("Latchkey devtools")
  }
}

/** Runs the Node ESM script; it must exit by itself, well before the timeout. */
async function nodeSmoke() {
  const result = await run(process.execPath, ["smoke.mjs"], { cwd: app.dir, timeoutMs: 30_000 })
  expect(result.timedOut, `the process kept running:\n${result.output}`).toBe(false)
  expect(result.code, result.output).toBe(0)
  return result.output
}

/** The `exports` map a consumer should see: the workspace's, without the source condition. */
function publishedExports(manifest: Manifest) {
  return Object.fromEntries(
    Object.entries(manifest.exports).map(([subpath, target]) => {
      if (typeof target === "string") return [subpath, { default: target }]
      const { [sourceCondition]: _source, ...published } = target
      return [subpath, published]
    }),
  )
}

const withoutComments = (text: string) =>
  text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1")

describe("the packed packages, installed with npm in a fresh app", () => {
  it("ship every file their exports name, and nothing that only the workspace resolves", async () => {
    for (const name of names) {
      const installed = app.installed(name)
      const packed = await readManifest(installed)
      const expected = publishedExports(
        await readManifest(join(workspace, publishedPackages[name])),
      )
      const actual = Object.fromEntries(
        Object.entries(packed.exports).map(([subpath, target]) => [
          subpath,
          typeof target === "string" ? { default: target } : target,
        ]),
      )
      expect(actual, `${name}'s published exports`).toEqual(expected)
      for (const target of Object.values(actual).flatMap((conditions) =>
        Object.values(conditions),
      )) {
        expect(existsSync(join(installed, target)), `${name}: ${target}`).toBe(true)
      }
      expect(existsSync(join(installed, "src")), `${name} ships no source`).toBe(false)
    }

    // Server-components frameworks need the directive on the React packages' output.
    for (const [name, file] of [
      ["@latchkey/react", "dist/index.js"],
      ["@latchkey/devtools", "dist/index.js"],
      ["@latchkey/devtools", "dist/production.js"],
    ] as const) {
      const output = await readFile(join(app.installed(name), file), "utf8")
      expect(output.startsWith('"use client";'), `${name}/${file}`).toBe(true)
    }

    // Shared code is chunked: AuthError is one class, whatever subpaths an app imports.
    const coreDist = join(app.installed("@latchkey/core"), "dist")
    let authErrorClasses = 0
    for (const file of (await readdir(coreDist)).filter((f) => f.endsWith(".js"))) {
      const text = await readFile(join(coreDist, file), "utf8")
      authErrorClasses += text.match(/\bAuthError = class\b|\bclass AuthError\b/g)?.length ?? 0
    }
    expect(authErrorClasses).toBe(1)

    // The source has no `any`; one in the published declarations means a type degraded on the way.
    for (const name of names) {
      const dist = join(app.installed(name), "dist")
      for (const file of (await readdir(dist)).filter((f) => f.endsWith(".d.ts"))) {
        const text = withoutComments(await readFile(join(dist, file), "utf8"))
        expect(text.match(/.{0,60}\bany\b.{0,20}/g), `${name}/dist/${file}`).toBeNull()
      }
    }
  })

  it("pass publint and arethetypeswrong (ESM only, by choice: the CommonJS rows are ignored)", async () => {
    const results = await Promise.all(
      names.flatMap((name) => {
        const tarball = app.tarballs[name]
        const cssOnly = name === "@latchkey/react" ? ["--exclude-entrypoints", "./styles.css"] : []
        return [
          run(bin("publint"), ["run", tarball, "--level", "warning"], { cwd: app.dir }),
          run(bin("attw"), [tarball, "--profile", "esm-only", "--format", "ascii", ...cssOnly], {
            cwd: app.dir,
          }),
        ]
      }),
    )
    for (const result of results) expect(result.code, result.output).toBe(0)
    for (const result of results.filter((r) => r.output.includes("publint"))) {
      expect(result.output).toContain("All good!")
    }
  })

  it("type-check with skipLibCheck off under bundler and nodenext resolution", async () => {
    for (const project of ["tsconfig.json", "tsconfig.nodenext.json"]) {
      const result = await typeCheck(project)
      expect(result.code, `${project}:\n${result.output}`).toBe(0)
    }
  })

  it("report a type error in the app's own code", async () => {
    const result = await typeCheck("tsconfig.typeError.json")
    expect(result.code).not.toBe(0)
    expect(result.output).toMatch(/wrongTypes\.ts\(5,\d+\): error TS2322/)
    expect(result.output).toMatch(/wrongTypes\.ts\(6,\d+\): error TS2322/)
    expect(result.output.match(/error TS/g)).toHaveLength(2)
  })

  it("import every subpath in plain Node, render <SignIn> on the server, and let the process exit", async () => {
    const output = await nodeSmoke()
    for (const name of names) {
      const packed = await readManifest(app.installed(name))
      for (const subpath of Object.keys(packed.exports)) {
        expect(output).toContain(
          subpath === "." ? `import ${name}:` : `${name}/${subpath.slice(2)}`,
        )
      }
    }
    expect(output).toContain('saslprep "IX"')
    expect(output).toMatch(/rendered <section[^>]*data-latchkey="sign-in"/)
    expect(output).toContain("Checking how you can sign in…")
    expect(output).toContain('devtools: ""')
    expect(output).toMatch(/panel <section[^>]*data-latchkey-devtools="embedded"/)
  })

  it("run the emulators' CLI as the latchkey-emulators bin", async () => {
    const result = await run(join(app.dir, "node_modules/.bin/latchkey-emulators"), ["--help"], {
      cwd: app.dir,
      timeoutMs: 20_000,
    })
    expect(result.code, result.output).toBe(0)
    expect(result.output).toContain("Usage: latchkey-emulators [options]")
    expect(result.output).toContain("--only")
  })

  it("build with Vite, and sign alice in to the bin's Matrix emulator in headless Chromium", async () => {
    await viteBuild()
    const site = await serveStatic(join(app.dir, "dist"))
    // A free port, printed by the bin: a developer's running `pnpm emulators` keeps Matrix's usual 8008.
    const emulators = spawn(
      join(app.dir, "node_modules/.bin/latchkey-emulators"),
      ["--only", "matrix", "--port", "matrix=0", "--cors-origin", site.origin],
      { cwd: app.dir, env: userEnvironment(), stdio: ["ignore", "pipe", "pipe"] },
    )
    const exited = new Promise<number | null>((resolve) => emulators.on("exit", resolve))
    const started = await untilOutput(emulators, "Press Ctrl+C to stop.")
      .then(async (printed) => ({ printed, browser: await launchChromium() }))
      .catch(async (error: unknown) => {
        emulators.kill()
        await site.close()
        throw error
      })
    const { browser } = started
    try {
      const homeserver = /^matrix\s+(http:\/\/[^/\s]+)/m.exec(started.printed)?.[1]
      expect(homeserver, started.printed).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(homeserver).not.toBe("http://127.0.0.1:8008")
      const page = await browser.context.newPage()
      await page.goto(`${site.origin}/?homeserver=${encodeURIComponent(homeserver ?? "")}`)
      await page.fill('input[autocomplete="username"]', "@alice:localhost")
      await page.fill('input[autocomplete="current-password"]', "correct horse battery staple")
      await page.click('button[type="submit"]')
      const session = await page.waitForSelector('[data-session="signed-in"]', { timeout: 20_000 })
      expect(await session.textContent()).toBe("@alice:localhost")
    } finally {
      await browser.close()
      await site.close()
      emulators.kill("SIGTERM")
    }
    // The bin stops its servers and exits cleanly on SIGTERM.
    expect(await exited).toBe(0)
  })

  it("type-check, build and render with React 18.3 and the oldest React Query the peers allow", async () => {
    const reactManifest = await readManifest(app.installed("@latchkey/react"))
    const queryFloor = reactManifest.peerDependencies?.["@tanstack/react-query"]?.replace(/^\^/, "")
    expect(queryFloor).toMatch(/^5\.\d+\.\d+$/)
    await app.install([
      "react@18.3.1",
      "react-dom@18.3.1",
      "@types/react@~18.3.0",
      "@types/react-dom@~18.3.0",
      `@tanstack/react-query@${queryFloor}`,
    ])
    const installedReact = await readManifest(app.installed("react"))
    expect(installedReact).toMatchObject({ version: "18.3.1" })
    for (const project of ["tsconfig.json", "tsconfig.nodenext.json"]) {
      const result = await typeCheck(project)
      expect(result.code, `${project}:\n${result.output}`).toBe(0)
    }
    await viteBuild()
    expect(await nodeSmoke()).toContain("Checking how you can sign in…")
  })
})
