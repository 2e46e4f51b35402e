import * as z from "zod/mini"

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

const sessionUserSchema = z.object({
  id: z.string().check(z.minLength(1)),
  displayName: z.optional(z.string()),
  email: z.optional(z.string()),
})

/** The envelope of a stored or broadcast session; the adapter parses `credentials` itself. */
export const storedSessionSchema = z.object({
  version: z.literal(1),
  vendor: z.string(),
  session: z.object({
    user: sessionUserSchema,
    credentials: z.unknown(),
    issuedAt: z.number(),
    expiresAt: z.nullable(z.number()),
    isRefreshable: z.boolean(),
  }),
})
