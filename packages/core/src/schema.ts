/**
 * Parse-at-the-boundary schemas for wire answers, stored sessions and tab messages.
 *
 * Why not zod/mini here: its parser alone is 4.4 kB gzip, more than half of the 8 kB budget for the
 * core with a vendor. This file is the subset the adapters need, in zod/mini's functional shape
 * (`v.object({ a: v.optional(v.string()) })`, `.check(v.minLength(1))`, `.safeParse`, `v.infer`), so
 * that swapping one for the other is an import change. Objects keep only their declared keys.
 */

/** Where in the value parsing failed, and what was expected there. */
export interface SchemaIssue {
  readonly path: string
  readonly expected: string
}

export type SafeParseResult<T> = { success: true; data: T } | { success: false; error: SchemaIssue }

/** A schema parsing unknown input into `T`. */
export interface Schema<T> {
  safeParse(value: unknown): SafeParseResult<T>
  /** The same schema, with extra conditions on a parsed value. */
  check(...checks: Check<T>[]): Schema<T>
  /** @internal Parses at `path`; returns the value or an issue. */
  readonly run: (value: unknown, path: string) => T | Failure
}

/** A schema whose key may be absent from an object. */
export interface OptionalSchema<T> extends Schema<T | undefined> {
  readonly isOptional: true
}

/** A condition on a parsed value, with what it expects for the issue. */
export interface Check<T> {
  readonly test: (value: T) => boolean
  readonly expected: string
}

/** The type a schema parses to. */
export type Infer<S> = S extends Schema<infer T> ? T : never
export type { Infer as infer }

class Failure {
  constructor(readonly issue: SchemaIssue) {}
}

function schema<T>(run: (value: unknown, path: string) => T | Failure): Schema<T> {
  return {
    run,
    safeParse(value) {
      const result = run(value, "")
      return result instanceof Failure
        ? { success: false, error: result.issue }
        : { success: true, data: result }
    },
    check: (...checks) =>
      schema((value, path) => {
        const result = run(value, path)
        if (result instanceof Failure) return result
        const failed = checks.find((check) => !check.test(result))
        return failed ? new Failure({ path, expected: failed.expected }) : result
      }),
  }
}

const primitive = <T>(expected: string, is: (value: unknown) => value is T) =>
  schema((value, path) => (is(value) ? value : new Failure({ path, expected })))

export const string = () =>
  primitive("string", (value): value is string => typeof value === "string")
export const number = () =>
  primitive(
    "number",
    (value): value is number => typeof value === "number" && Number.isFinite(value),
  )
export const int = () =>
  primitive("integer", (value): value is number => Number.isSafeInteger(value))
export const boolean = () =>
  primitive("boolean", (value): value is boolean => typeof value === "boolean")
export const unknown = () => schema((value): unknown => value)

export function literal<const T extends string | number | boolean | null>(expected: T): Schema<T> {
  return primitive(JSON.stringify(expected), (value): value is T => value === expected)
}

export function optional<T>(inner: Schema<T>): OptionalSchema<T> {
  return {
    ...schema((value, path) => (value === undefined ? undefined : inner.run(value, path))),
    isOptional: true,
  }
}

export function nullable<T>(inner: Schema<T>): Schema<T | null> {
  return schema((value, path) => (value === null ? null : inner.run(value, path)))
}

export function array<T>(item: Schema<T>): Schema<T[]> {
  return schema((value, path) => {
    if (!Array.isArray(value)) return new Failure({ path, expected: "array" })
    const items: T[] = []
    for (const [index, element] of value.entries()) {
      const result = item.run(element, `${path}[${index}]`)
      if (result instanceof Failure) return result
      items.push(result)
    }
    return items
  })
}

type Shape = Record<string, Schema<unknown>>
type Simplify<T> = { [K in keyof T]: T[K] } & {}
type OptionalKeys<S extends Shape> = {
  [K in keyof S]: S[K] extends OptionalSchema<unknown> ? K : never
}[keyof S]
type ObjectOf<S extends Shape> = Simplify<
  { [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & {
    [K in OptionalKeys<S>]?: Infer<S[K]>
  }
>

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

export function object<S extends Shape>(shape: S): Schema<ObjectOf<S>> {
  return schema((value, path) => {
    if (!isRecord(value)) return new Failure({ path: path || ".", expected: "object" })
    const parsed: Record<string, unknown> = {}
    for (const [key, field] of Object.entries(shape)) {
      const result = field.run(Object.hasOwn(value, key) ? value[key] : undefined, `${path}.${key}`)
      if (result instanceof Failure) return result
      if (result !== undefined) parsed[key] = result
    }
    // Only declared keys were copied, so the cast adds nothing that was not checked.
    return parsed as ObjectOf<S>
  })
}

export function record<T>(values: Schema<T>): Schema<Record<string, T>> {
  return schema((value, path) => {
    if (!isRecord(value)) return new Failure({ path: path || ".", expected: "object" })
    const parsed: Record<string, T> = {}
    for (const [key, element] of Object.entries(value)) {
      const result = values.run(element, `${path}.${key}`)
      if (result instanceof Failure) return result
      parsed[key] = result
    }
    return parsed
  })
}

export function union<const Options extends readonly Schema<unknown>[]>(
  options: Options,
): Schema<Infer<Options[number]>> {
  return schema((value, path) => {
    let last: Failure = new Failure({ path, expected: "one of the union's options" })
    for (const option of options) {
      const result = option.run(value, path)
      if (!(result instanceof Failure)) return result as Infer<Options[number]>
      last = result
    }
    return last
  })
}

export const minLength = (length: number): Check<{ length: number }> => ({
  test: (value) => value.length >= length,
  expected: `length ≥ ${length}`,
})

export const regex = (pattern: RegExp): Check<string> => ({
  test: (value) => pattern.test(value),
  expected: `match ${pattern}`,
})
