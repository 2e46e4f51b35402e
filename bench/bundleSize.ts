import { resolve } from "node:path"
import { gzipSync } from "node:zlib"
import { build } from "esbuild"

/** Bundles resolve from this package, whose dependencies are what is measured. */
const here = new URL(".", import.meta.url).pathname

/** What an app loads: up front (the entry and its static chunks), and later (chunks behind a dynamic `import()`). */
export interface BundleSize {
  /** Bytes loaded up front, minified, summed over the entry and its static chunks. */
  readonly raw: number
  /** The same, gzip -9, each file compressed on its own as a server sends it. */
  readonly gzip: number
  /** Gzip bytes of the chunks loaded on demand (SASLprep, say), not counted in `gzip`. */
  readonly onDemandGzip: number
  /** Every source file bundled, up front or on demand. */
  readonly inputs: string[]
}

/**
 * Bundles `source` the way the budgets are defined (esbuild, minified ESM, React external) with code splitting, as
 * an app's bundler does, and returns what loads up front and what loads on demand.
 */
export async function gzipSize(source: string): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: source, resolveDir: here, loader: "ts" },
    bundle: true,
    splitting: true,
    outdir: "/bundle",
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    conditions: ["@latchkey/source"],
    external: ["react", "react-dom", "react/jsx-runtime"],
    logLevel: "silent",
    metafile: true,
  })
  const outputs = result.metafile.outputs
  // The metafile names outputs relative to the working directory; the files carry absolute paths.
  const files = new Map(result.outputFiles.map((file) => [file.path, file]))
  const fileOf = (path: string) => files.get(resolve(path))
  const gzipOf = (path: string) => gzipSync(fileOf(path)?.contents ?? "", { level: 9 }).byteLength
  const entry = Object.keys(outputs).find((path) => outputs[path]?.entryPoint !== undefined)
  const upFront = new Set<string>()
  const visit = (path: string) => {
    if (upFront.has(path)) return
    upFront.add(path)
    for (const imported of outputs[path]?.imports ?? [])
      if (imported.kind === "import-statement" && !imported.external) visit(imported.path)
  }
  if (entry) visit(entry)
  const scripts = Object.keys(outputs).filter((path) => path.endsWith(".js"))
  const onDemand = scripts.filter((path) => !upFront.has(path))
  return {
    raw: [...upFront].reduce((sum, path) => sum + (fileOf(path)?.contents.byteLength ?? 0), 0),
    gzip: [...upFront].reduce((sum, path) => sum + gzipOf(path), 0),
    onDemandGzip: onDemand.reduce((sum, path) => sum + gzipOf(path), 0),
    inputs: Object.values(outputs).flatMap((output) => Object.keys(output.inputs)),
  }
}

/** The core alone: the engine, no vendor. */
export const coreAlone = `export * from "@latchkey/core"`

/** The core with one vendor, as an app imports them: the whole public surface of both. */
export function coreWithVendor(vendor: string): string {
  return `export * from "@latchkey/core"; export * from "@latchkey/core/${vendor}"`
}

/** A drop-in sign-in screen for one vendor, everything but React included: what an app adds by dropping in `<SignIn>`. */
export function dropInSignIn(vendor: string): string {
  return [
    `export { QueryClient, QueryClientProvider } from "@tanstack/react-query"`,
    `export { browserPlatform, createAuthClient, webStorage } from "@latchkey/core"`,
    `export { ${vendor}Adapter } from "@latchkey/core/${vendor}"`,
    `export { LatchkeyProvider, SignIn } from "@latchkey/react"`,
  ].join(";")
}

/** The React hooks alone (the provider and every hook), on top of a client the app creates with the core. */
export const hooksOnly = `export { LatchkeyProvider, useAuthFetch, useSession, useSignIn, useSignOut } from "@latchkey/react"`

/** A headless kit with React hooks: the core, one vendor and the hooks, what an app writes its own screens with. */
export function hooksKit(vendor: string): string {
  return `${coreWithVendor(vendor)}; ${hooksOnly}`
}

/** The devtools from their default entry: in a production build (esbuild's minified browser build defines
 * `process.env.NODE_ENV` as `"production"`) the panel's code must be left out. */
export const devtoolsInProduction = `export { LatchkeyDevtools, LatchkeyDevtoolsPanel } from "@latchkey/devtools"`

/** The devtools panel itself, from the entry that renders in every build. */
export const devtoolsPanel = `export { LatchkeyDevtools, LatchkeyDevtoolsPanel } from "@latchkey/devtools/production"`
