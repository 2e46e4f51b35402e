/**
 * Returns the token of an `Authorization: Bearer <token>` header, or `undefined` when there is none.
 *
 * @example
 * const token = bearerToken(request)
 * if (token === undefined) return jsonResponse({ errcode: "M_MISSING_TOKEN" }, { status: 401 })
 */
export function bearerToken(request: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("Authorization") ?? "")
  return match?.[1]
}
