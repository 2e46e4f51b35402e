import { mkdtemp, rm } from "node:fs/promises"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createServer as createViteServer, type InlineConfig, preview } from "vite"
import { afterEach, describe, expect, it } from "vitest"
import { createEmulator } from "../emulator"
import { jsonResponse } from "../jsonResponse"
import { createRouter, type RouteContext } from "../router"
import { emulatorMiddleware, latchkeyEmulators } from "./latchkeyEmulators"

function pathEmulator(vendor: string) {
  const describeRequest = ({ request, url }: RouteContext<unknown>) =>
    jsonResponse({ vendor, method: request.method, path: url.pathname })
  const router = createRouter({ basePath: "/api/v4" })
    .get("/:rest", describeRequest)
    .post("/:rest", describeRequest)
    .delete("/:rest", describeRequest)
  return createEmulator({ vendor, router })
}

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

describe("emulatorMiddleware", () => {
  it("strips the mount prefix and passes other requests on", async () => {
    const middleware = emulatorMiddleware({ "/emulators/cloudreve": pathEmulator("cloudreve") })
    const server: Server = createServer((req, res) =>
      middleware(req, res, () => {
        res.statusCode = 418
        res.end("next")
      }),
    )
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    cleanups.push(() => new Promise((resolve) => server.close(() => resolve())))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

    const hit = await fetch(`${base}/emulators/cloudreve/api/v4/session?x=1`, { method: "POST" })
    expect(await hit.json()).toEqual({
      vendor: "cloudreve",
      method: "POST",
      path: "/api/v4/session",
    })
    const miss = await fetch(`${base}/src/main.tsx`)
    expect(miss.status).toBe(418)
    expect(await miss.text()).toBe("next")
  })
})

describe("latchkeyEmulators", () => {
  it("serves the mounts from Vite's dev server and preview server", async () => {
    const root = await mkdtemp(join(tmpdir(), "latchkey-vite-"))
    cleanups.push(() => rm(root, { recursive: true, force: true }))
    const plugin = latchkeyEmulators({
      mounts: { "/emulators/cloudreve": pathEmulator("cloudreve") },
    })
    const inline: InlineConfig = { root, configFile: false, logLevel: "silent", plugins: [plugin] }

    const dev = await createViteServer({ ...inline, server: { port: 0, host: "127.0.0.1" } })
    await dev.listen()
    cleanups.push(() => dev.close())
    const devUrl = dev.resolvedUrls?.local[0] ?? ""
    const fromDev = await fetch(`${devUrl}emulators/cloudreve/api/v4/token`)
    expect(await fromDev.json()).toMatchObject({ vendor: "cloudreve", path: "/api/v4/token" })

    const previewServer = await preview({
      ...inline,
      build: { outDir: root },
      preview: { port: 0, host: "127.0.0.1" },
    })
    cleanups.push(() => previewServer.close())
    const previewUrl = previewServer.resolvedUrls?.local[0] ?? ""
    const fromPreview = await fetch(`${previewUrl}emulators/cloudreve/api/v4/token`, {
      method: "DELETE",
    })
    expect(await fromPreview.json()).toMatchObject({ method: "DELETE", path: "/api/v4/token" })
  })
})
