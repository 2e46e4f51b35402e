import { existsSync, readFileSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { splitStatements } from "./splitStatements"

/** What an exported name stands for: declarations in our own files, or a name of another package. */
export type Resolved =
  | {
      readonly type: "declared"
      /** The declaration file that declares it. */
      readonly path: string
      /** The name it is declared under, which an `export { a as b }` may change. */
      readonly name: string
      readonly declarations: readonly string[]
      readonly typeOnly: boolean
    }
  | { readonly type: "external"; readonly module: string; readonly name: string }

interface Link {
  readonly name: string
  readonly from: string | undefined
  readonly typeOnly: boolean
}

interface DeclarationFile {
  readonly path: string
  readonly locals: Map<string, string[]>
  readonly exportedLocals: Set<string>
  readonly exports: Map<string, Link>
  readonly imports: Map<string, Link>
  readonly stars: string[]
}

const declaration =
  /^(?:function|const|let|var|class|interface|type|enum|const\s+enum|namespace|module)\s+([A-Za-z_$][\w$]*)/

function parseSpecifiers(list: string, from: string | undefined, typeOnly: boolean) {
  return list
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => {
      const match = /^(type\s+)?([\w$]+)(?:\s+as\s+([\w$]+))?$/.exec(part)
      if (!match?.[2]) throw new Error(`Cannot read the export or import specifier "${part}".`)
      const link: Link = { name: match[2], from, typeOnly: typeOnly || Boolean(match[1]) }
      return [match[3] ?? match[2], link] as const
    })
}

function parse(path: string): DeclarationFile {
  const file: DeclarationFile = {
    path,
    locals: new Map(),
    exportedLocals: new Set(),
    exports: new Map(),
    imports: new Map(),
    stars: [],
  }
  for (const statement of splitStatements(readFileSync(path, "utf8"))) {
    const flat = statement.replace(/\s+/g, " ")
    const reexport = /^export (type )?\{(.*)\}(?: from "([^"]+)")?;$/.exec(flat)
    const imported = /^import (type )?\{(.*)\} from "([^"]+)";$/.exec(flat)
    if (reexport) {
      for (const [name, link] of parseSpecifiers(reexport[2] ?? "", reexport[3], !!reexport[1])) {
        file.exports.set(name, link)
      }
    } else if (imported) {
      for (const [name, link] of parseSpecifiers(imported[2] ?? "", imported[3], !!imported[1])) {
        file.imports.set(name, link)
      }
    } else if (/^export \* from "([^"]+)";$/.test(flat)) {
      file.stars.push(/"([^"]+)"/.exec(flat)?.[1] ?? "")
    } else if (/^import (type )?["*\w]/.test(flat)) {
      // A default, namespace or side-effect import: nothing exported can come from it without a named export.
    } else if (/^export (default|=|\* as|as namespace)\b/.test(flat)) {
      throw new Error(`${path}: the API report does not read "${flat.slice(0, 60)}" yet.`)
    } else {
      const isExported = flat.startsWith("export ")
      const text = statement.replace(/^export\s+/, "").replace(/^declare\s+/, "")
      const name = declaration.exec(text.replace(/^abstract\s+/, ""))?.[1]
      if (!name)
        throw new Error(`${path}: cannot find the name declared by "${flat.slice(0, 60)}".`)
      file.locals.set(name, [...(file.locals.get(name) ?? []), text])
      if (isExported) file.exportedLocals.add(name)
    }
  }
  return file
}

// Case-insensitive, then by code point: the same order on every machine, whatever its locale.
const byName = (a: string, b: string) => {
  const [left, right] = [a.toLowerCase(), b.toLowerCase()]
  if (left !== right) return left < right ? -1 : 1
  return a < b ? -1 : a > b ? 1 : 0
}

const isValue = (text: string) =>
  /^(?:abstract\s+)?(function|const|let|var|class|enum|namespace)\b/.test(text)

/** Reads declaration files on demand and answers what each of their exported names is. */
export function createDeclarationReader() {
  const files = new Map<string, DeclarationFile>()
  const load = (path: string) => {
    const cached = files.get(path)
    if (cached) return cached
    const file = parse(path)
    files.set(path, file)
    return file
  }
  const target = (from: DeclarationFile, module: string) => {
    if (!module.startsWith(".")) return undefined
    const base = resolve(dirname(from.path), module.replace(/\.js$/, ""))
    const candidates = [`${base}.d.ts`, `${base}/index.d.ts`]
    const found = candidates.find((candidate) => existsSync(candidate))
    if (!found) throw new Error(`${from.path}: no declarations for "${module}" (run tsc -b).`)
    return load(found)
  }

  const exportedNames = (file: DeclarationFile): Set<string> => {
    const names = new Set([...file.exports.keys(), ...file.exportedLocals])
    for (const module of file.stars) {
      const star = target(file, module)
      if (!star)
        throw new Error(`${file.path}: cannot list the names of "export * from '${module}'".`)
      for (const name of exportedNames(star)) if (name !== "default") names.add(name)
    }
    return names
  }

  const follow = (file: DeclarationFile, link: Link): Resolved => {
    const module = link.from
    const next = module === undefined ? undefined : target(file, module)
    if (module !== undefined && !next) return { type: "external", module, name: link.name }
    const resolved = next ? resolveName(next, link.name) : resolveLocal(file, link.name)
    return resolved.type === "declared" && link.typeOnly
      ? { ...resolved, typeOnly: true }
      : resolved
  }

  const resolveLocal = (file: DeclarationFile, name: string): Resolved => {
    const declarations = file.locals.get(name)
    if (declarations)
      return { type: "declared", path: file.path, name, declarations, typeOnly: false }
    const imported = file.imports.get(name)
    if (imported) return follow(file, imported)
    throw new Error(`${file.path}: "${name}" is neither declared nor imported.`)
  }

  const resolveName = (file: DeclarationFile, name: string): Resolved => {
    const link = file.exports.get(name)
    if (link) return follow(file, link)
    if (file.exportedLocals.has(name)) return resolveLocal(file, name)
    for (const module of file.stars) {
      const star = target(file, module)
      if (star && exportedNames(star).has(name)) return resolveName(star, name)
    }
    throw new Error(`${file.path}: does not export "${name}".`)
  }

  /**
   * The declarations of its own file (or imported from ours) that `resolved` names in its types. Property and
   * method names (followed by `:`, `?:` or `(`), members reached through a dot and string contents are not names.
   */
  const referencedBy = (resolved: Resolved): Resolved[] => {
    if (resolved.type !== "declared") return []
    const file = load(resolved.path)
    const text = resolved.declarations
      .join("\n")
      .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    const names = new Set<string>()
    for (const match of text.matchAll(/(?<![.\w$])[A-Za-z_$][\w$]*(?![\w$]*\??[:(])/g)) {
      if (match[0] !== resolved.name) names.add(match[0])
    }
    return [...names]
      .filter((name) => file.locals.has(name) || file.imports.has(name))
      .map((name) => resolveLocal(file, name))
      .filter((found) => found.type === "declared")
  }

  return {
    referencedBy,
    /** Every name the file at `path` exports, in a stable order, with what it resolves to. */
    exportsOf(path: string): { readonly name: string; readonly resolved: Resolved }[] {
      const file = load(path)
      return [...exportedNames(file)]
        .sort(byName)
        .map((name) => ({ name, resolved: resolveName(file, name) }))
    },
    isValue,
  }
}
