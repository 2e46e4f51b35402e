import { readJsonBody } from "../readJsonBody"
import type { FilescomErrorBuilder } from "./filescomError"

/** The text fields of a request body. */
export interface FilescomRequestBody {
  /** The field's text; `""` when absent. */
  text(name: string): string
}

/**
 * Reads a body sent as JSON (the SDKs), `multipart/form-data` (the published API documentation) or a URL-encoded
 * form: the server reads parameters from any of them. Anything else is answered (thrown) with Files.com's 422.
 *
 * @example
 * const body = await readFilescomBody(request, filescomError)
 * const username = body.text("username")
 */
export async function readFilescomBody(
  request: Request,
  filescomError: FilescomErrorBuilder,
): Promise<FilescomRequestBody> {
  const contentType = request.headers.get("Content-Type")?.toLowerCase() ?? ""
  if (
    contentType.startsWith("multipart/form-data") ||
    contentType.startsWith("application/x-www-form-urlencoded")
  ) {
    let form: FormData
    try {
      form = await request.formData()
    } catch {
      throw filescomError("bad-request/invalid-body", "The request body could not be read.")
    }
    return { text: (name) => textOf(form.get(name)) }
  }
  if (contentType !== "" && !contentType.startsWith("application/json"))
    throw filescomError(
      "bad-request/unsupported-media-type",
      `Unsupported media type: ${contentType}`,
    )
  const body = await readJsonBody(request)
  if (body.type === "empty") return { text: () => "" }
  if (body.type !== "ok" || !isObject(body.value))
    throw filescomError("bad-request/invalid-body", "The request body is not a JSON object.")
  const fields = body.value
  return { text: (name) => textOf(Object.hasOwn(fields, name) ? fields[name] : undefined) }
}

function textOf(value: unknown): string {
  if (typeof value === "string") return value
  if (typeof value === "number" || typeof value === "boolean") return String(value)
  return ""
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}
