import { AuthError } from "../../authError"
import { decodeBase64 } from "../../base64"
import { parseJson } from "../../sendJson"
import type { Session } from "../../session"
import { polarioVendor } from "./polarioRefusal"
import { type PolarioCredentials, polarioClaimsSchema } from "./polarioSchemas"

/** The claims of a session JWT the adapter uses, each only when it has the expected type. */
interface Claims {
  readonly expiresAt?: number | undefined
  readonly subject?: string | undefined
  readonly email?: string | undefined
  readonly name?: string | undefined
}

/**
 * Reads, without verifying, the claims of a JWT: the client has no key, and trusts the server that issued it
 * only for when to renew. A token that is not a JWT has no claims.
 */
export function readJwtClaims(jwt: string): Claims {
  const payload = jwt.split(".")[1]
  const bytes = payload === undefined ? undefined : decodeBase64(payload)
  const result = polarioClaimsSchema.safeParse(bytes && parseJson(new TextDecoder().decode(bytes)))
  if (!result.success) return {}
  const { exp, sub, email, name } = result.data
  const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined)
  return {
    expiresAt: typeof exp === "number" && Number.isFinite(exp) ? exp * 1000 : undefined,
    subject: text(sub),
    email: text(email),
    name: text(name),
  }
}

/**
 * The JWT in the answer's session header. A browser hides custom response headers unless the server lists
 * them in `Access-Control-Expose-Headers`, so a missing header is a server set-up to fix, said loudly.
 */
export function sessionJwt(response: Response, header: string): string {
  const jwt = response.headers.get(header)?.trim()
  if (jwt) return jwt
  throw new AuthError("invalid_response", {
    vendor: polarioVendor,
    status: response.status,
    cause: new Error(
      `Polario: no readable "${header}" header; the server must send "Access-Control-Expose-Headers: ${header}".`,
    ),
  })
}

/** A session for a JWT, its expiry from `exp`, else `lifetimeMs` after `issuedAt`. */
export function polarioSession(options: {
  readonly jwt: string
  readonly refreshToken: string
  readonly deviceId: string
  readonly email: string | undefined
  readonly issuedAt: number
  readonly lifetimeMs: number
}): Session<PolarioCredentials> {
  const { jwt, refreshToken, deviceId, issuedAt } = options
  const claims = readJwtClaims(jwt)
  const email = options.email ?? claims.email
  return {
    user: { id: claims.subject ?? email ?? deviceId, email, displayName: claims.name },
    credentials: { jwt, refreshToken, deviceId },
    issuedAt,
    expiresAt: claims.expiresAt ?? issuedAt + options.lifetimeMs,
    isRefreshable: true,
  }
}
