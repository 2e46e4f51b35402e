import * as v from "./schema"

/** The person a session belongs to, as far as the vendor tells. */
export interface SessionUser {
  /** The vendor's stable id: a Matrix user id, an e-mail, a numeric id as text. */
  readonly id: string
  readonly displayName?: string | undefined
  readonly email?: string | undefined
}

/**
 * A signed-in session: who, the vendor's credentials (opaque to the engine) and when they expire.
 * Passwords and one-time codes are never part of it.
 */
export interface Session<Credentials = unknown> {
  readonly user: SessionUser
  readonly credentials: Credentials
  /** When the request that obtained these credentials started (epoch ms); expiry lead time is measured from it. */
  readonly issuedAt: number
  /** When the access credentials stop working (epoch ms), or `null` when they do not expire. */
  readonly expiresAt: number | null
  /** Whether the adapter can renew the credentials without asking the user. */
  readonly isRefreshable: boolean
}

const sessionUserSchema = v.object({
  id: v.string().check(v.minLength(1)),
  displayName: v.optional(v.string()),
  email: v.optional(v.string()),
})

/** The envelope of a stored or broadcast session; the adapter parses `credentials` itself. */
export const storedSessionSchema = v.object({
  version: v.literal(1),
  vendor: v.string(),
  session: v.object({
    user: sessionUserSchema,
    credentials: v.unknown(),
    issuedAt: v.number(),
    expiresAt: v.nullable(v.number()),
    isRefreshable: v.boolean(),
  }),
})
