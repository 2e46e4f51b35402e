import { readJsonBody } from "../readJsonBody"
import type { CloudreveEnvelope } from "./cloudreveEnvelope"

/** Cloudreve's parameter error code. */
export const parameterErrorCode = 40001

/** The string fields of a JSON request body, read the way Go's binding reads them. */
export interface CloudreveRequestBody {
  /** The field's text; `""` when absent (Go's zero value). */
  text(name: string): string
}

/**
 * Reads a JSON object body; anything else is answered (thrown) as Cloudreve does: 40001, not a crash.
 * A field of another type than string is a 40001 `"JSON type mismatch"`, like Go's unmarshal error.
 *
 * @example
 * const body = await readCloudreveBody(request, envelope)
 * const email = body.text("email")
 */
export async function readCloudreveBody(
  request: Request,
  envelope: CloudreveEnvelope,
): Promise<CloudreveRequestBody> {
  const body = await readJsonBody(request)
  if (
    body.type !== "ok" ||
    typeof body.value !== "object" ||
    body.value === null ||
    Array.isArray(body.value)
  )
    throw envelope.failure(parameterErrorCode, "Parameter error")
  const fields = new Map<string, unknown>(Object.entries(body.value))
  return {
    text(name) {
      const value = fields.get(name)
      if (value === undefined || value === null) return ""
      if (typeof value !== "string")
        throw envelope.failure(parameterErrorCode, "JSON type mismatch")
      return value
    },
  }
}

/** The checks of Cloudreve's binding tags, with its `"<Field> <problem>"` messages. */
export interface FieldRule {
  readonly label: string
  readonly min?: number
  readonly max?: number
  readonly isEmail?: boolean
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/**
 * Checks one field as Cloudreve's validator would and throws its 40001 answer on the first problem.
 *
 * @example
 * requireField(envelope, email, { label: "Email", isEmail: true })
 */
export function requireField(envelope: CloudreveEnvelope, value: string, rule: FieldRule): string {
  const fail = (problem: string) => {
    throw envelope.failure(parameterErrorCode, `${rule.label} ${problem}`)
  }
  const length = [...value].length
  if (value === "") fail("cannot be empty")
  if (rule.isEmail === true && !emailPattern.test(value)) fail("format error")
  if (rule.min !== undefined && length < rule.min) fail("too short")
  if (rule.max !== undefined && length > rule.max) fail("too long")
  return value
}
