/**
 * Returns a JSON response (status 200 unless `init` says otherwise) with `Content-Type: application/json`.
 *
 * @example
 * return jsonResponse({ errcode: "M_FORBIDDEN", error: "Invalid password" }, { status: 403 })
 */
export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers)
  if (!headers.has("Content-Type")) headers.set("Content-Type", "application/json")
  return new Response(JSON.stringify(body), { ...init, headers })
}
