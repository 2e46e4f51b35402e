import type { Session } from "./session"

/** The longest a session is renewed before it expires, unless the client says otherwise. */
const defaultMaxLeadMs = 60_000

/** What the client will do on its own when a session falls due, and when. */
export interface Renewal {
  /** `refresh` renews silently; `reauth` asks for the password (and code) again. */
  readonly type: "refresh" | "reauth"
  /** Epoch ms. */
  readonly at: number
}

/**
 * When the client acts on a session by itself: `min(maxLeadMs, lifetime / 5)` before it expires (60 s by default), the
 * lifetime measured from when the request that obtained it started; `undefined` for a session that does not expire.
 * @example
 * const renewal = nextRenewal(snapshot.session) // { type: "refresh", at: 1767225588000 }
 */
export function nextRenewal(
  session: Session,
  maxLeadMs: number = defaultMaxLeadMs,
): Renewal | undefined {
  if (session.expiresAt === null) return undefined
  const lead = Math.min(maxLeadMs, (session.expiresAt - session.issuedAt) / 5)
  return { type: session.isRefreshable ? "refresh" : "reauth", at: session.expiresAt - lead }
}
