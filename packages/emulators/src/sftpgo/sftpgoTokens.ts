import type { Clock } from "../clock"
import type { RandomBytes } from "../randomBytes"
import { createJwtIssuer, decodeJwt, randomToken } from "../tokens"

/** The two token realms: admins (`/api/v2/token`) and users (`/api/v2/user/token`). */
export type SftpgoRealm = "admin" | "user"

/** What a token request answers: SFTPGo's `Token` schema. */
export interface SftpgoToken {
  readonly access_token: string
  /** RFC 3339 in UTC, whole seconds, as Go's `time.RFC3339` writes it. */
  readonly expires_at: string
}

/** Whether a bearer token may call an endpoint of a realm, and if not, SFTPGo's `ApiResponse` saying why. */
export type SftpgoTokenCheck =
  | { readonly type: "valid"; readonly username: string }
  | { readonly type: "refused"; readonly message: string; readonly error?: string }

/** Issues, checks and invalidates SFTPGo API tokens. */
export interface SftpgoTokens {
  issue(realm: SftpgoRealm, username: string, address: string): Promise<SftpgoToken>
  check(token: string, realm: SftpgoRealm, address: string): Promise<SftpgoTokenCheck>
  /** Logs a token out: until it would have expired, it answers "Your token is no longer valid". */
  invalidate(token: string): void
}

/** SFTPGo's JWT audiences (`tokenAudienceAPI`, `tokenAudienceAPIUser`). */
export const sftpgoAudiences: Readonly<Record<SftpgoRealm, string>> = Object.freeze({
  admin: "API",
  user: "APIUser",
})

/** SFTPGo accepts a token this long after its `exp` (go-jose's leeway). */
const leewayMs = 30_000

/** A logged-out token is remembered until a minute after it expires. */
const forgetAfterMs = 60_000

/**
 * Creates the token store: HS256 JWTs whose `aud` holds the realm's audience and the client's address, as SFTPGo's
 * `SignWithParams` makes them; `bindsToAddress: false` is SFTPGo's `token_validation: 1` (no address check).
 *
 * @example
 * const tokens = createSftpgoTokens({ clock, random, ttlMs: 20 * 60_000, bindsToAddress: true })
 * const { access_token } = await tokens.issue("user", "alice", "127.0.0.1")
 */
export function createSftpgoTokens(options: {
  readonly clock: Clock
  readonly random: RandomBytes
  readonly ttlMs: number
  readonly bindsToAddress: boolean
}): SftpgoTokens {
  const { clock, random } = options
  const secret = randomToken({ random })
  const issuer = createJwtIssuer({ clock, random, secret })
  // The verifier's clock runs behind by the leeway, so a token stays good for 30 s past `exp`.
  const verifier = createJwtIssuer({ clock: { now: () => clock.now() - leewayMs }, secret })
  const invalidated = new Map<string, number>()

  const isInvalidated = (token: string) => {
    const now = clock.now()
    for (const [known, forgetAt] of invalidated) if (forgetAt <= now) invalidated.delete(known)
    return invalidated.has(token)
  }

  return {
    async issue(realm, username, address) {
      const claims = {
        aud: [sftpgoAudiences[realm], address],
        nbf: Math.floor(clock.now() / 1000) - 10,
        username,
        ...(realm === "admin" ? { permissions: ["*"] } : {}),
      }
      const issued = await issuer.issue(username, options.ttlMs, claims)
      return {
        access_token: issued.token,
        expires_at: new Date(issued.expiresAtMs).toISOString().replace(/\.\d{3}Z$/, "Z"),
      }
    },
    async check(token, realm, address) {
      // A token that does not verify (signature, expiry) reaches SFTPGo's check as no token at all.
      const claims = await verifier.verify(token)
      if (claims === undefined) {
        return { type: "refused", message: "Unauthorized", error: "no token found" }
      }
      if (isInvalidated(token)) return { type: "refused", message: "Your token is no longer valid" }
      const audience = Array.isArray(claims.aud) ? claims.aud : []
      if (!audience.includes(sftpgoAudiences[realm])) {
        return { type: "refused", message: "Your token audience is not valid" }
      }
      if (options.bindsToAddress && !audience.includes(address)) {
        return { type: "refused", message: "Your token is not valid" }
      }
      return { type: "valid", username: typeof claims.username === "string" ? claims.username : "" }
    },
    invalidate(token) {
      const exp = decodeJwt(token)?.exp
      const expiresAt = exp === undefined ? clock.now() + options.ttlMs : exp * 1000
      invalidated.set(token, expiresAt + forgetAfterMs)
    },
  }
}
