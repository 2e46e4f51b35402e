import { AuthError } from "./authError"

/** Anything that parses like a schema: ours, or zod's. */
export interface Parser<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false }
}

/**
 * Reads a response body as JSON and parses it with `schema`: the one way adapters read the wire.
 * Anything else — not JSON, off-schema, too large — is `AuthError("invalid_response")`, never a raw exception.
 */
export async function parseJsonResponse<T>(
  response: Response,
  schema: Parser<T>,
  vendor: string,
): Promise<T> {
  const invalid = (cause?: unknown) =>
    new AuthError("invalid_response", { vendor, status: response.status, cause })
  let body: unknown
  try {
    const text = await response.text()
    if (text.length > maxBodyLength) throw invalid()
    body = JSON.parse(text)
  } catch (cause) {
    throw invalid(cause)
  }
  const result = schema.safeParse(body)
  if (!result.success) throw invalid(result)
  return result.data
}

/** Answers larger than this are not sign-in answers. */
const maxBodyLength = 1_000_000

/** Parses a body that may or may not be JSON of the given shape; `undefined` when it is not. */
export async function tryParseJsonResponse<T>(
  response: Response,
  schema: Parser<T>,
): Promise<T | undefined> {
  try {
    const text = await response.text()
    if (text.length > maxBodyLength) return undefined
    const result = schema.safeParse(JSON.parse(text))
    return result.success ? result.data : undefined
  } catch {
    return undefined
  }
}
