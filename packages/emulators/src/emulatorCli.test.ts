import { describe, expect, it } from "vitest"
import { createEmulator } from "./emulator"
import { parseCliArgs, runEmulatorCli } from "./emulatorCli"
import { jsonResponse } from "./jsonResponse"
import { serve } from "./mounts/serve"
import type { EmulatorOptions } from "./options"
import { resolveEmulatorOptions } from "./options"
import type { RegisteredEmulator } from "./registry"
import { createRouter } from "./router"

function capture() {
  const out: string[] = []
  const err: string[] = []
  return {
    output: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) },
    out,
    err,
  }
}

const ttlEmulator = (options: EmulatorOptions) => {
  const { accessTokenTtlMs } = resolveEmulatorOptions(options)
  const router = createRouter({ basePath: "/api" }).get("/ttl", () =>
    jsonResponse({ accessTokenTtlMs }),
  )
  return createEmulator({ vendor: "matrix", router })
}

describe("parseCliArgs", () => {
  it("reads lifetimes in seconds, a vendor list and repeated origins", () => {
    expect(
      parseCliArgs([
        "--",
        "--access-ttl",
        "30",
        "--refresh-ttl=600",
        "--only",
        "matrix, sftpgo",
        "--cors-origin",
        "http://a.test",
        "--cors-origin",
        "http://b.test",
      ]),
    ).toEqual({
      type: "serve",
      host: "127.0.0.1",
      accessTokenTtlMs: 30_000,
      refreshTokenTtlMs: 600_000,
      only: ["matrix", "sftpgo"],
      ports: {},
      corsOrigins: ["http://a.test", "http://b.test"],
    })
  })

  it("reads a port per vendor, 0 for any free one", () => {
    expect(parseCliArgs(["--port", "matrix=18008", "--port=sftpgo=0"])).toMatchObject({
      type: "serve",
      ports: { matrix: 18_008, sftpgo: 0 },
    })
  })

  it("refuses a port without its vendor, or out of range", () => {
    for (const value of ["1", "matrix=", "=8008", "matrix=http", "matrix=65536", "matrix=-1"]) {
      expect(parseCliArgs(["--port", value]), value).toMatchObject({
        type: "error",
        message: expect.stringContaining("--port takes <vendor>=<port>"),
      })
    }
  })

  it("defaults the origins to the demo app's dev server", () => {
    expect(parseCliArgs([])).toMatchObject({
      corsOrigins: ["http://localhost:5173", "http://127.0.0.1:5173"],
      only: undefined,
    })
  })

  it("refuses unknown flags and lifetimes that are not positive numbers", () => {
    expect(parseCliArgs(["--ports", "matrix=1"]).type).toBe("error")
    expect(parseCliArgs(["--access-ttl", "soon"])).toMatchObject({ type: "error" })
    expect(parseCliArgs(["--refresh-ttl", "0"])).toMatchObject({ type: "error" })
  })
})

describe("runEmulatorCli", () => {
  it("prints help and exits 0", async () => {
    const { output, out } = capture()
    expect(await runEmulatorCli(["--help"], output, [])).toEqual({ type: "exit", code: 0 })
    expect(out.join("\n")).toContain("--access-ttl <seconds>")
  })

  it("starts fine with no vendor registered and says so", async () => {
    const { output, out } = capture()
    expect(await runEmulatorCli([], output, [])).toEqual({ type: "exit", code: 0 })
    expect(out.join("\n")).toContain("No vendor emulators exist yet")
  })

  it("exits 2 on a vendor that has no emulator", async () => {
    const { output, err } = capture()
    expect(await runEmulatorCli(["--only", "polario"], output, [])).toEqual({
      type: "exit",
      code: 2,
    })
    expect(err.join("\n")).toContain("No emulator for polario")
  })

  it("serves a vendor on another port when its own is taken, and says how when it is not asked to", async () => {
    const taken = await serve(ttlEmulator({}))
    const busyPort = Number(new URL(taken.url).port)
    const registry: RegisteredEmulator[] = [
      { vendor: "matrix", port: busyPort, create: ttlEmulator },
    ]
    try {
      const refused = capture()
      expect(await runEmulatorCli([], refused.output, registry)).toEqual({ type: "exit", code: 1 })
      expect(refused.err.join("\n")).toContain(
        `Could not serve matrix on port ${busyPort}: listen EADDRINUSE`,
      )
      expect(refused.err.join("\n")).toContain("--port matrix=<port>")

      const { output, out } = capture()
      const outcome = await runEmulatorCli(["--port", "matrix=0"], output, registry)
      if (outcome.type !== "serving") throw new Error(`expected to serve, got exit ${outcome.code}`)
      try {
        const url = outcome.servers[0]?.url ?? ""
        expect(Number(new URL(url).port)).not.toBe(busyPort)
        expect(out.join("\n")).toContain(`matrix     ${url}/api`)
        expect((await fetch(`${url}/api/ttl`)).status).toBe(200)
      } finally {
        await outcome.close()
      }
    } finally {
      await taken.close()
    }
  })

  it("exits 2 on a port for a vendor that has no emulator", async () => {
    const { output, err } = capture()
    const registry: RegisteredEmulator[] = [{ vendor: "matrix", port: 0, create: ttlEmulator }]
    expect(await runEmulatorCli(["--port", "polario=0"], output, registry)).toEqual({
      type: "exit",
      code: 2,
    })
    expect(err.join("\n")).toContain("No emulator for polario")
  })

  it("serves registered emulators with the lifetimes given and prints URLs and people", async () => {
    const registry: RegisteredEmulator[] = [{ vendor: "matrix", port: 0, create: ttlEmulator }]
    const { output, out } = capture()
    const outcome = await runEmulatorCli(["--access-ttl", "90"], output, registry)
    if (outcome.type !== "serving") throw new Error(`expected to serve, got exit ${outcome.code}`)
    try {
      const [server] = outcome.servers
      const response = await fetch(`${server?.url}/api/ttl`)
      expect(await response.json()).toEqual({ accessTokenTtlMs: 90_000 })
      const printed = out.join("\n")
      expect(printed).toContain(`matrix     ${server?.url}/api`)
      expect(printed).toMatch(
        /bob\s+bob@example\.com\s+@bob:localhost\s+hunter2 hunter2\s+JBSWY3DPEHPK3PXP/,
      )
    } finally {
      await outcome.close()
    }
  })
})
