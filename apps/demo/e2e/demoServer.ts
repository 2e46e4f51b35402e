import { type ChildProcess, spawn } from "node:child_process"
import { createServer } from "node:net"
import { fileURLToPath } from "node:url"

/** The demo app's folder: the scripts run there, as `pnpm --filter @latchkey/demo …` would. */
const appDir = fileURLToPath(new URL("..", import.meta.url))

/** The package's scripts: Vite under Node with the source condition, so workspace sources need no build. */
const viteArgs = [
  "--import",
  "tsx",
  "--conditions=@latchkey/source",
  "./node_modules/vite/bin/vite.js",
]

function run(args: readonly string[]): ChildProcess {
  return spawn(process.execPath, [...viteArgs, ...args, "--configLoader", "native"], {
    cwd: appDir,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  })
}

function output(child: ChildProcess): () => string {
  let text = ""
  child.stdout?.on("data", (chunk: Buffer) => {
    text += chunk.toString()
  })
  child.stderr?.on("data", (chunk: Buffer) => {
    text += chunk.toString()
  })
  return () => text
}

/** Builds the demo for production, as the README's build step does. */
export async function buildDemo(): Promise<void> {
  const child = run(["build", "--logLevel", "warn"])
  const text = output(child)
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve))
  if (code !== 0) throw new Error(`The demo's build failed (${code}):\n${text()}`)
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === "string") throw new Error("No free port.")
  return address.port
}

/** A running `vite preview` of the built demo, with the emulators mounted. */
export interface DemoServer {
  readonly url: string
  stop(): Promise<void>
}

/** Serves the built demo with `vite preview` on a free loopback port, and waits until it answers. */
export async function startPreview(): Promise<DemoServer> {
  const port = await freePort()
  const child = run(["preview", "--host", "127.0.0.1", "--port", String(port), "--strictPort"])
  const text = output(child)
  const url = `http://127.0.0.1:${port}`
  const exited = new Promise<never>((_, reject) =>
    child.on("exit", (code) =>
      reject(new Error(`vite preview stopped (${code}) before serving:\n${text()}`)),
    ),
  )
  const deadline = Date.now() + 30_000
  const ready = (async () => {
    for (;;) {
      try {
        const response = await fetch(`${url}/emulators/_control/lifetimes`)
        if (response.ok) return
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) throw new Error(`vite preview did not answer:\n${text()}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  })()
  await Promise.race([ready, exited])
  exited.catch(() => {})
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return
      const gone = new Promise((resolve) => child.on("exit", resolve))
      child.kill("SIGTERM")
      await gone
    },
  }
}

/** Re-creates the demo server's emulators with these token lifetimes (the demo's control route). */
export async function setLifetimes(
  server: DemoServer,
  lifetimes: {
    accessTokenTtlMs: number | null
    issuesRefreshTokens?: boolean
    /** Polario's SCRAM iteration count; the emulator's 4096 when left out. */
    scramIterations?: number
  },
): Promise<void> {
  const response = await fetch(`${server.url}/emulators/_control/lifetimes`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ issuesRefreshTokens: true, ...lifetimes }),
  })
  if (!response.ok) throw new Error(`Setting lifetimes failed: ${response.status}`)
}
