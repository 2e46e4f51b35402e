import type { Clock } from "../clock"
import type { ScramHandshake } from "./scramServer"

/** A SCRAM exchange between `POST /auth/auth` and `POST /auth/login`. */
export interface PendingHandshake {
  readonly handshake: ScramHandshake
  readonly email: string
  /** The `Platform` header of the first call; the final call must send the same. */
  readonly platform: string
  readonly expiresAt: number
}

/** What became of a nonce the final call presented. */
export type HandshakeLookup =
  | { readonly type: "pending"; readonly pending: PendingHandshake }
  | { readonly type: "expired" }
  | { readonly type: "used" }
  | { readonly type: "unknown" }

/** Unfinished exchanges, which expire, and nonces already seen, which never come back. */
export interface PolarioHandshakes {
  /** Whether a client nonce was already used by an exchange (a replayed first message). */
  hasSeen(clientNonce: string): boolean
  open(clientNonce: string, pending: PendingHandshake): void
  /** Takes the exchange of a combined nonce: it can be finished once, right or wrong. */
  take(nonce: string): HandshakeLookup
}

/**
 * Keeps pending SCRAM exchanges by their combined nonce, and every nonce it has handed out, so that a replayed
 * first or final message is refused instead of starting or finishing a second exchange.
 *
 * @example
 * const handshakes = createPolarioHandshakes(clock)
 */
export function createPolarioHandshakes(clock: Clock): PolarioHandshakes {
  const pending = new Map<string, PendingHandshake>()
  const seenClientNonces = new Set<string>()
  const finished = new Set<string>()
  return {
    hasSeen: (clientNonce) => seenClientNonces.has(clientNonce),
    open(clientNonce, handshake) {
      seenClientNonces.add(clientNonce)
      pending.set(handshake.handshake.nonce, handshake)
    },
    take(nonce) {
      const found = pending.get(nonce)
      if (found === undefined) return { type: finished.has(nonce) ? "used" : "unknown" }
      pending.delete(nonce)
      finished.add(nonce)
      return clock.now() < found.expiresAt
        ? { type: "pending", pending: found }
        : { type: "expired" }
    },
  }
}
