/** A request body read as JSON, or the reason it could not be. */
export type JsonBody =
  | { readonly type: "ok"; readonly value: unknown }
  | { readonly type: "empty" }
  | { readonly type: "invalid" }

/**
 * Reads a request body as JSON without throwing, so a vendor can answer bad JSON in its own error shape.
 *
 * @example
 * const body = await readJsonBody(request)
 * if (body.type !== "ok") return jsonResponse({ errcode: "M_NOT_JSON", error: "Content not JSON." }, { status: 400 })
 */
export async function readJsonBody(request: Request): Promise<JsonBody> {
  let text: string
  try {
    text = await request.text()
  } catch {
    return { type: "invalid" }
  }
  if (text.trim() === "") return { type: "empty" }
  try {
    return { type: "ok", value: JSON.parse(text) }
  } catch {
    return { type: "invalid" }
  }
}
