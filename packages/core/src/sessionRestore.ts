import type { AdapterContext, AuthAdapter } from "./adapter"
import { AuthError, toAuthError } from "./authError"
import type { Session } from "./session"
import type { SessionEvent } from "./sessionMachine"
import type { SessionVault } from "./sessionVault"

export interface RestoreOptions<Credentials> {
  adapter: AuthAdapter<Credentials>
  vault: SessionVault<Credentials>
  context(): AdapterContext
  now(): number
  canRefresh(session: Session<Credentials>): boolean
  /** Whether to confirm a stored session with the server (`adapter.validate`) before trusting it. */
  shouldValidate: boolean
  /** Whether the client is still initializing: a sign-in or another tab's news may have come first. */
  isStill(): boolean
  apply(event: SessionEvent<Credentials>): Promise<unknown>
  refresh(): void
}

/**
 * Reads the stored session back when a client starts: confirmed with the server where the vendor can, renewed
 * when it expired meanwhile, trusted (with the reason) when the server cannot be reached, dropped when revoked.
 */
export async function restoreSession<Credentials>(
  options: RestoreOptions<Credentials>,
): Promise<void> {
  const { adapter, now, isStill, apply } = options
  const stored = await options.vault.read()
  if (!isStill()) return
  if (!stored) return void (await apply({ type: "restored", session: undefined }))
  const isExpired = (session: Session<Credentials>) =>
    session.expiresAt !== null && now() >= session.expiresAt
  let session = stored
  let error: AuthError | undefined
  if (!isExpired(session) && options.shouldValidate && adapter.validate) {
    try {
      session = await adapter.validate(options.context(), session)
    } catch (caught) {
      if (!isStill()) return
      error = toAuthError(caught)
      if (error.code === "session_revoked") return void (await apply({ type: "signedOut", error }))
      // Expired: renewed below. Anything else is an offline start: trust what was stored, and say so.
      if (error.code === "session_expired") {
        session = { ...session, expiresAt: Math.min(session.expiresAt ?? now(), now()) }
        error = undefined
      }
    }
    if (!isStill()) return
  }
  if (isExpired(session) && !options.canRefresh(session)) {
    const expired = new AuthError("session_expired", { vendor: adapter.vendor })
    return void (await apply({ type: "reauthRequired", session, error: expired }))
  }
  await apply({ type: "restored", session, error })
  if (isExpired(session)) options.refresh()
}
