/** A user name and password from an `Authorization: Basic` header. */
export interface BasicCredentials {
  readonly username: string
  readonly password: string
}

/**
 * Reads `Authorization: Basic base64(user:password)` the way Go's `Request.BasicAuth` does: strict base64 with
 * padding, the bytes taken as UTF-8, split at the first colon (a password may hold colons, a user name not).
 * `undefined` when there is no such header or it does not decode.
 *
 * @example
 * const credentials = basicCredentials(request)
 * if (credentials === undefined) return unauthorized()
 */
export function basicCredentials(request: Request): BasicCredentials | undefined {
  const header = request.headers.get("Authorization") ?? ""
  if (header.slice(0, 6).toLowerCase() !== "basic ") return undefined
  const encoded = header.slice(6)
  if (encoded.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(encoded)) return undefined
  const bytes = Uint8Array.from(atob(encoded), (char) => char.charCodeAt(0))
  const decoded = new TextDecoder().decode(bytes)
  const colon = decoded.indexOf(":")
  if (colon < 0) return undefined
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}
