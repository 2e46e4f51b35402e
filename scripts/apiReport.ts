/**
 * Writes (or, with `--check`, verifies) `packages/<package>/api-report.md`: every name each entry point of a
 * published package exports, with its declared type as text. It reads the declarations `tsc -b` emits into each
 * package's `outDir` (TypeScript 7 has no JavaScript compiler API to ask instead), so run `tsc -b` first.
 *
 *   pnpm api:report   writes the reports
 *   pnpm api:check    fails, showing what changed, when a checked-in report differs from the code
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { join, relative, resolve } from "node:path"
import { createDeclarationReader, type Resolved } from "./declarationFile"
import { lineDiff } from "./lineDiff"

const root = resolve(import.meta.dirname, "..")
const sourceCondition = "@latchkey/source"
const reportName = "api-report.md"

interface PackageJson {
  readonly name: string
  readonly private?: boolean
  readonly exports?: Record<string, string | Record<string, string>>
}

interface TsConfig {
  readonly compilerOptions?: { readonly outDir?: string; readonly rootDir?: string }
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, "utf8")) as T

/** The entry points of one package whose source exists, each with the declaration file tsc emitted for it. */
function entryPoints(directory: string, manifest: PackageJson) {
  const { compilerOptions = {} } = readJson<TsConfig>(join(directory, "tsconfig.json"))
  const outDir = join(directory, compilerOptions.outDir ?? ".")
  const rootDir = join(directory, compilerOptions.rootDir ?? ".")
  return Object.entries(manifest.exports ?? {}).flatMap(([subpath, target]) => {
    const source = typeof target === "string" ? target : target[sourceCondition]
    if (!source || !/\.tsx?$/.test(source) || !existsSync(join(directory, source))) return []
    const declarations = join(outDir, relative(rootDir, join(directory, source))).replace(
      /\.tsx?$/,
      ".d.ts",
    )
    if (!existsSync(declarations)) {
      throw new Error(
        `No declarations at ${relative(root, declarations)}: run \`pnpm exec tsc -b\`.`,
      )
    }
    const specifier = subpath === "." ? manifest.name : `${manifest.name}/${subpath.slice(2)}`
    return [{ specifier, declarations }]
  })
}

function renderName(
  name: string,
  resolved: Resolved,
  reader: ReturnType<typeof createDeclarationReader>,
) {
  if (resolved.type === "external") {
    const alias = resolved.name === name ? name : `${resolved.name} as ${name}`
    return `export { ${alias} } from "${resolved.module}"`
  }
  const notes: string[] = []
  if (resolved.name !== name) notes.push(`// exported as ${name}`)
  if (resolved.typeOnly && resolved.declarations.some(reader.isValue)) {
    notes.push(`// ${name} is exported as a type only`)
  }
  return [...notes, ...resolved.declarations].join("\n")
}

type Declared = Extract<Resolved, { type: "declared" }>

/** Identifies a declaration across the entry points of a package, whatever name it is exported under. */
const declaredKey = (resolved: Declared) => `${resolved.path}#${resolved.name}`

/**
 * The declarations the exported types name without exporting them (an options type, the schema a credentials
 * type is inferred from): a change to them changes the public API too.
 */
function unexportedReferences(
  names: readonly { readonly resolved: Resolved }[],
  exported: ReadonlySet<string>,
  reader: ReturnType<typeof createDeclarationReader>,
): Declared[] {
  const key = declaredKey
  const found = new Map<string, Declared>()
  const queue = names.map(({ resolved }) => resolved)
  for (let next = queue.shift(); next; next = queue.shift()) {
    for (const referenced of reader.referencedBy(next)) {
      if (referenced.type !== "declared") continue
      const id = key(referenced)
      if (exported.has(id) || found.has(id)) continue
      found.set(id, referenced)
      queue.push(referenced)
    }
  }
  return [...found.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
}

/** The report of one package, as the text checked in. */
function report(directory: string, manifest: PackageJson): string {
  const reader = createDeclarationReader()
  const entries = entryPoints(directory, manifest).map(({ specifier, declarations }) => ({
    specifier,
    names: reader.exportsOf(declarations),
  }))
  const exported = new Set(
    entries.flatMap(({ names }) =>
      names.flatMap(({ resolved }) =>
        resolved.type === "declared" ? [declaredKey(resolved)] : [],
      ),
    ),
  )
  const sections = entries.map(({ specifier, names }) => {
    const body = names.map(({ name, resolved }) => renderName(name, resolved, reader))
    const hidden = unexportedReferences(names, exported, reader)
    if (hidden.length > 0) {
      body.push(
        `// Not exported by ${manifest.name}, but part of the types above:`,
        ...hidden.map((resolved) => renderName(resolved.name, resolved, reader)),
      )
    }
    return `## \`${specifier}\`\n\n\`\`\`ts\n${body.join("\n\n")}\n\`\`\`\n`
  })
  return [
    `# API report: ${manifest.name}`,
    "",
    "Generated by `pnpm api:report` from the declarations `tsc -b` emits: every name each entry point exports, with",
    "its declared type. Do not edit by hand; `pnpm api:check` fails while this differs from the code, so a change",
    "to the public API shows in review.",
    "",
    ...sections,
  ].join("\n")
}

function publishedPackages() {
  const packagesDirectory = join(root, "packages")
  return readdirSync(packagesDirectory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(packagesDirectory, entry.name))
    .filter((directory) => existsSync(join(directory, "package.json")))
    .map((directory) => ({
      directory,
      manifest: readJson<PackageJson>(join(directory, "package.json")),
    }))
    .filter(({ manifest }) => !manifest.private && manifest.exports)
    .sort((a, b) => (a.manifest.name < b.manifest.name ? -1 : 1))
}

const isCheck = process.argv.includes("--check")
let stale = 0
for (const { directory, manifest } of publishedPackages()) {
  const path = join(directory, reportName)
  const expected = report(directory, manifest)
  const current = existsSync(path) ? readFileSync(path, "utf8") : undefined
  if (!isCheck) {
    if (current !== expected) writeFileSync(path, expected)
    console.log(`${current === expected ? "unchanged" : "wrote"} ${relative(root, path)}`)
  } else if (current !== expected) {
    stale++
    console.error(
      current === undefined
        ? `\n${manifest.name}: ${relative(root, path)} is missing.`
        : `\n${manifest.name}: the public API differs from ${relative(root, path)}` +
            ` (- checked in, + now):\n\n${lineDiff(current, expected, { isSection: (line) => line.startsWith("## ") })}`,
    )
  }
}
if (stale > 0) {
  console.error(
    `\nThe API report of ${stale} package${stale === 1 ? "" : "s"} is out of date. If the change is meant,` +
      " run `pnpm api:report` and commit the report with it.",
  )
  process.exit(1)
}
if (isCheck) console.log("API reports match the code.")
