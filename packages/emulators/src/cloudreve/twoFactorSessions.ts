import type { Clock } from "../clock"
import type { RandomBytes } from "../randomBytes"
import { randomToken } from "../tokens"

/** Pending second steps of sign-ins, by 2FA session id. */
export interface TwoFactorSessions {
  /** Opens a session for a user whose password was right; returns its id. */
  open(userId: string): string
  /** The user of a live session (a wrong code does not end it). */
  userOf(sessionId: string): string | undefined
  close(sessionId: string): void
}

/** How long the second step of a Cloudreve sign-in may take. */
export const twoFactorSessionLifetimeMs = 600_000

/**
 * Creates the 2FA session store: sessions live 600 s on the injected clock and survive wrong codes (no attempt limit).
 *
 * @example
 * const sessions = createTwoFactorSessions({ clock, random })
 */
export function createTwoFactorSessions(options: {
  readonly clock: Clock
  readonly random: RandomBytes
}): TwoFactorSessions {
  const { clock, random } = options
  const sessions = new Map<string, { readonly userId: string; readonly expiresAt: number }>()
  return {
    open(userId) {
      const now = clock.now()
      for (const [id, session] of sessions) if (session.expiresAt <= now) sessions.delete(id)
      const id = randomToken({ bytes: 18, random })
      sessions.set(id, { userId, expiresAt: now + twoFactorSessionLifetimeMs })
      return id
    },
    userOf(sessionId) {
      const session = sessions.get(sessionId)
      if (session === undefined) return undefined
      if (session.expiresAt > clock.now()) return session.userId
      sessions.delete(sessionId)
      return undefined
    },
    close(sessionId) {
      sessions.delete(sessionId)
    },
  }
}
