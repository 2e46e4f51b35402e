import type { Session } from "@latchkey/core"

/** The longest the core renews a session before it expires (see the core's README, "Over time"). */
const maxLeadMs = 60_000

/**
 * When the client will act on its own: renew (`refresh`) or ask for the password again (`reauth`).
 * Mirrors the core's documented rule — due `min(60 s, lifetime / 5)` before expiry, the lifetime measured
 * from when the request that obtained the token started — so the panel can count down to it.
 */
export function nextAction(
  session: Session,
): { readonly type: "refresh" | "reauth"; readonly at: number } | undefined {
  if (session.expiresAt === null) return undefined
  const lead = Math.min(maxLeadMs, (session.expiresAt - session.issuedAt) / 5)
  return { type: session.isRefreshable ? "refresh" : "reauth", at: session.expiresAt - lead }
}
