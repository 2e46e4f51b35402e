import type { Clock } from "../clock"
import type { RandomBytes } from "../randomBytes"
import { createJwtIssuer, randomToken } from "../tokens"

/** A token pair as Cloudreve hands it out; the expiries are RFC 3339. */
export interface CloudreveTokenPair {
  readonly access_token: string
  readonly refresh_token: string
  readonly access_expires: string
  readonly refresh_expires: string
}

/** Access and refresh JWTs, with refresh chains (one per sign-in) that sign-out revokes. */
export interface CloudreveTokens {
  /** Starts a chain for a new sign-in. */
  signIn(userId: string): Promise<CloudreveTokenPair>
  /** A new pair in the same chain, or `undefined` when the refresh token is expired, revoked or not ours. */
  refresh(refreshToken: string): Promise<CloudreveTokenPair | undefined>
  /** Revokes the chain of a refresh token; `false` when the token is not a valid one. */
  revoke(refreshToken: string): Promise<boolean>
  /** The user id of a valid, unexpired access token. */
  userOf(accessToken: string): Promise<string | undefined>
}

/**
 * Creates Cloudreve's token service. Refresh tokens are not single-use: every token of a chain keeps
 * working until it expires or the chain is revoked; access tokens outlive a revocation until they expire.
 *
 * @example
 * const tokens = createCloudreveTokens({ clock, random, accessTtlMs: 3_600_000, refreshTtlMs: 14 * 86_400_000 })
 */
export function createCloudreveTokens(options: {
  readonly clock: Clock
  readonly random: RandomBytes
  readonly accessTtlMs: number
  readonly refreshTtlMs: number
}): CloudreveTokens {
  const { clock, random, accessTtlMs, refreshTtlMs } = options
  const jwt = createJwtIssuer({ clock, random })
  const chains = new Map<string, { readonly userId: string; isRevoked: boolean }>()

  const issue = async (userId: string, chain: string): Promise<CloudreveTokenPair> => {
    const access = await jwt.issue(userId, accessTtlMs, { token_type: "access" })
    const refresh = await jwt.issue(userId, refreshTtlMs, { token_type: "refresh", chain })
    return {
      access_token: access.token,
      refresh_token: refresh.token,
      access_expires: rfc3339(access.expiresAtMs),
      refresh_expires: rfc3339(refresh.expiresAtMs),
    }
  }

  const liveChain = async (refreshToken: string) => {
    const claims = await jwt.verify(refreshToken)
    if (claims?.token_type !== "refresh" || typeof claims.chain !== "string") return undefined
    const chain = chains.get(claims.chain)
    return chain === undefined || chain.isRevoked ? undefined : { id: claims.chain, ...chain }
  }

  return {
    signIn(userId) {
      const chain = randomToken({ bytes: 12, random })
      chains.set(chain, { userId, isRevoked: false })
      return issue(userId, chain)
    },
    async refresh(refreshToken) {
      const chain = await liveChain(refreshToken)
      return chain === undefined ? undefined : issue(chain.userId, chain.id)
    },
    async revoke(refreshToken) {
      const chain = await liveChain(refreshToken)
      const stored = chain === undefined ? undefined : chains.get(chain.id)
      if (stored === undefined) return false
      stored.isRevoked = true
      return true
    },
    async userOf(accessToken) {
      const claims = await jwt.verify(accessToken)
      return claims?.token_type === "access" ? claims.sub : undefined
    },
  }
}

/** Go's `time.Time` JSON form for whole seconds: `2025-01-01T01:00:00Z`. */
function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z")
}
