import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { run } from "./run"

/** The workspace's root folder. */
export const workspace = fileURLToPath(new URL("../..", import.meta.url))

/** The published packages, by name, with their folders in the workspace. */
export const publishedPackages = {
  "@latchkey/core": "packages/core",
  "@latchkey/react": "packages/react",
  "@latchkey/emulators": "packages/emulators",
  "@latchkey/devtools": "packages/devtools",
} as const

export type PublishedName = keyof typeof publishedPackages

/** What a package.json holds that these tests read. */
export interface Manifest {
  readonly name: string
  readonly exports: Record<string, string | Record<string, string>>
  readonly bin?: Record<string, string>
  readonly dependencies?: Record<string, string>
  readonly devDependencies?: Record<string, string>
  readonly peerDependencies?: Record<string, string>
}

/** Reads a package.json. */
export async function readManifest(directory: string): Promise<Manifest> {
  return JSON.parse(await readFile(join(directory, "package.json"), "utf8")) as Manifest
}

/** A fresh app in a temporary folder outside the workspace, with the packed packages installed by npm. */
export interface ConsumerApp {
  /** The app's folder. */
  readonly dir: string
  /** Each package's tarball. */
  readonly tarballs: Record<PublishedName, string>
  /** Where npm installed a package of the app. */
  installed(name: string): string
  /** npm-installs more packages into the app (`name@version`), as a user switching versions would. */
  install(specs: readonly string[]): Promise<void>
  remove(): Promise<void>
}

const npmInstall = ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"]

/**
 * Packs every published package (their `prepack` builds them), copies the template app next to the
 * tarballs in a temporary folder and installs them with plain npm, with the versions of React, Vite and the
 * rest that the workspace itself uses.
 */
export async function createConsumerApp(): Promise<ConsumerApp> {
  const root = await mkdtemp(join(tmpdir(), "latchkey-consumer-"))
  const tarballDir = join(root, "tarballs")
  const packed = await run(
    "pnpm",
    ["--filter", "./packages/*", "pack", "--pack-destination", tarballDir],
    { cwd: workspace, timeoutMs: 180_000 },
  )
  if (packed.code !== 0) throw new Error(`pnpm pack failed:\n${packed.output}`)
  const files = await readdir(tarballDir)
  const tarballs = Object.fromEntries(
    Object.keys(publishedPackages).map((name) => {
      const prefix = `${name.slice(1).replace("/", "-")}-`
      const file = files.find((candidate) => candidate.startsWith(prefix))
      if (file === undefined) throw new Error(`No tarball for ${name} in ${files.join(", ")}`)
      return [name, join(tarballDir, file)]
    }),
  ) as Record<PublishedName, string>

  const dir = join(root, "app")
  await cp(fileURLToPath(new URL("app", import.meta.url)), dir, { recursive: true })
  const rootManifest = await readManifest(workspace)
  const reactManifest = await readManifest(join(workspace, publishedPackages["@latchkey/react"]))
  const version = (name: string) => {
    const found = rootManifest.devDependencies?.[name] ?? reactManifest.devDependencies?.[name]
    if (found === undefined) throw new Error(`The workspace does not pin ${name}`)
    return found
  }
  const manifest = {
    name: "latchkey-consumer",
    private: true,
    type: "module",
    dependencies: {
      ...Object.fromEntries(Object.entries(tarballs).map(([name, path]) => [name, `file:${path}`])),
      "@tanstack/react-query": version("@tanstack/react-query"),
      react: version("react"),
      "react-dom": version("react-dom"),
    },
    devDependencies: Object.fromEntries(
      [
        "@types/node",
        "@types/react",
        "@types/react-dom",
        "@vitejs/plugin-react",
        "msw",
        "vite",
      ].map((name) => [name, version(name)]),
    ),
  }
  await writeFile(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`)

  const install = async (specs: readonly string[]) => {
    const result = await run("npm", [...npmInstall, ...specs], { cwd: dir, timeoutMs: 300_000 })
    if (result.code !== 0)
      throw new Error(`npm install ${specs.join(" ")} failed:\n${result.output}`)
  }
  await install([])
  return {
    dir,
    tarballs,
    installed: (name) => join(dir, "node_modules", name),
    install,
    remove: () => rm(root, { recursive: true, force: true }),
  }
}
