import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020"
import { parse } from "yaml"

/** A parsed JSON (or YAML) document. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** Reads response schemas out of a folder of official OpenAPI files, `$ref`s inlined. */
export interface OpenApiSchemas {
  /**
   * The JSON schema of one response of one operation: `status`, else the operation's `default` response
   * (which covers the statuses it does not list); throws when the file has neither.
   */
  responseSchema(file: string, path: string, method: string, status: number): Json
  /** A whole file as one schema (a definitions file). */
  definitionSchema(file: string): Json
  compile(schema: Json): ValidateFunction
}

/**
 * Test support for the emulators' spec tests, not exported from the package: loads OpenAPI files from `directory`
 * and validates against them with Ajv. `formats` names the string formats the files use. With `closed`, objects
 * that list their properties accept no others, so an emulator cannot add fields the vendor does not send.
 *
 * @example
 * const schemas = openApiSchemas(join(here, "spec"), { formats: { "date-time": isRfc3339 }, closed: true })
 * const validate = schemas.compile(schemas.responseSchema("openapi.yaml", "/token", "get", 200))
 */
export function openApiSchemas(
  directory: string,
  options: {
    readonly formats?: Readonly<Record<string, true | ((value: string) => boolean)>>
    readonly closed?: boolean
  } = {},
): OpenApiSchemas {
  const ajv = new Ajv2020({ strict: false, allErrors: true, formats: { ...options.formats } })
  const load = (file: string): Json => parse(readFileSync(join(directory, file), "utf8"))

  /** Inlines every `$ref` (to another file, to a fragment of one, or within the same file). */
  const resolveRefs = (node: Json, file: string, document: Json): Json => {
    if (Array.isArray(node)) return node.map((item) => resolveRefs(item, file, document))
    if (!isJsonObject(node)) return node
    const { $ref, ...siblings } = node
    const resolvedSiblings = Object.fromEntries(
      Object.entries(siblings).map(([key, value]) => [key, resolveRefs(value, file, document)]),
    )
    if (typeof $ref !== "string") return resolvedSiblings
    const [target = "", fragment = ""] = $ref.split("#")
    const targetFile = target === "" ? file : join(dirname(file), target)
    const targetDocument = target === "" ? document : load(targetFile)
    const resolved = resolveRefs(pointer(targetDocument, fragment), targetFile, targetDocument)
    return isJsonObject(resolved) ? { ...resolved, ...resolvedSiblings } : resolved
  }

  return {
    responseSchema(file, path, method, status) {
      const document = load(file)
      const responses = pointer(document, `/paths/${escapePointer(path)}/${method}/responses`)
      const listed = isJsonObject(responses) ? responses : {}
      const key = String(status) in listed ? String(status) : "default"
      const response = resolveRefs(pointer(responses, `/${key}`), file, document)
      const schema = pointer(response, "/content/application~1json/schema")
      return options.closed ? closeObjects(schema) : schema
    },
    definitionSchema(file) {
      const document = load(file)
      const schema = resolveRefs(document, file, document)
      return options.closed ? closeObjects(schema) : schema
    },
    compile: (schema) => ajv.compile(isJsonObject(schema) ? schema : {}),
  }
}

/** Whether a JSON value is an object (not an array, not null). */
export function isJsonObject(value: unknown): value is { [key: string]: Json } {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

function pointer(document: Json, fragment: string): Json {
  let node: Json = document
  for (const part of fragment.split("/").filter((segment) => segment !== "")) {
    if (!isJsonObject(node)) throw new Error(`Cannot follow #${fragment}`)
    const next: Json | undefined = node[part.replaceAll("~1", "/").replaceAll("~0", "~")]
    if (next === undefined) throw new Error(`Cannot follow #${fragment}`)
    node = next
  }
  return node
}

function escapePointer(path: string): string {
  return path.replaceAll("~", "~0").replaceAll("/", "~1")
}

function closeObjects(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(closeObjects)
  if (!isJsonObject(schema)) return schema
  const closed = Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, closeObjects(value)]),
  )
  const isOpenObject = isJsonObject(schema.properties) && !("additionalProperties" in schema)
  return isOpenObject ? { ...closed, additionalProperties: false } : closed
}
