import { readJsonBody } from "../readJsonBody"
import { matrixError } from "./matrixError"

/** A request body that parsed as a JSON object. */
export type JsonObject = Readonly<Record<string, unknown>>

/**
 * Reads a body that must be a JSON object: not JSON → 400 `M_NOT_JSON`, another JSON value → 400 `M_BAD_JSON`.
 * Throws the error answer, which the emulator returns as is.
 *
 * @example
 * const body = await readJsonObject(request)
 */
export async function readJsonObject(request: Request): Promise<JsonObject> {
  const body = await readJsonBody(request)
  switch (body.type) {
    case "ok":
      if (isJsonObject(body.value)) return body.value
      throw matrixError(400, "M_BAD_JSON", "Content must be a JSON object.")
    case "empty":
    case "invalid":
      throw matrixError(400, "M_NOT_JSON", "Content not JSON.")
    default:
      return body satisfies never
  }
}

/** Whether a JSON value is an object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

/** Reads an optional string field; a present field of another type → 400 `M_BAD_JSON`. */
export function optionalString(body: JsonObject, key: string): string | undefined {
  const value = body[key]
  if (value === undefined || typeof value === "string") return value
  throw badJson(key, "a string")
}

/** Reads an optional boolean field; a present field of another type → 400 `M_BAD_JSON`. */
export function optionalBoolean(body: JsonObject, key: string): boolean | undefined {
  const value = body[key]
  if (value === undefined || typeof value === "boolean") return value
  throw badJson(key, "a boolean")
}

/** Reads an optional object field; a present field of another type → 400 `M_BAD_JSON`. */
export function optionalObject(body: JsonObject, key: string): JsonObject | undefined {
  const value = body[key]
  if (value === undefined || isJsonObject(value)) return value
  throw badJson(key, "an object")
}

/** Reads a required string field: absent → 400 `M_MISSING_PARAM`, another type → 400 `M_BAD_JSON`. */
export function requiredString(body: JsonObject, key: string): string {
  const value = optionalString(body, key)
  if (value === undefined) throw matrixError(400, "M_MISSING_PARAM", `Missing '${key}'.`)
  return value
}

function badJson(key: string, kind: string): Response {
  return matrixError(400, "M_BAD_JSON", `'${key}' must be ${kind}.`)
}
