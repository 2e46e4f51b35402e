import type { Clock } from "../clock"
import type { RandomBytes } from "../randomBytes"
import { randomToken } from "../tokens"

/** A SAML2 provider the emulated server offers. */
export interface PolarioSsoProvider {
  readonly id: string
  readonly title: string
}

/** A browser sent to the identity provider, not back yet. */
interface PendingRequest {
  readonly providerId: string
  /** The app route the code goes to. */
  readonly returnUrl: string
  /** The page the browser came from, for "Cancel and go back". */
  readonly backUrl: string
  readonly expiresAt: number
}

/** Round trips to the stand-in identity provider, and the single-use codes they end with. */
export interface PolarioSso {
  /** Remembers a browser on its way to the identity provider; returns the `RelayState` naming it. */
  begin(request: Omit<PendingRequest, "expiresAt">): string
  pending(relayState: string): PendingRequest | undefined
  /** Ends a round trip with a code for the account; the relay state is used up. */
  finish(relayState: string, accountId: string): { code: string; returnUrl: string } | undefined
  /** The account of a code, once, within its lifetime. */
  redeem(code: string): string | undefined
}

/** A SAML round trip is abandoned after this long. */
const relayLifetimeMs = 10 * 60_000

/**
 * Creates the single sign-on state of the Polario emulator.
 *
 * @example
 * const sso = createPolarioSso({ clock, random, codeTtlMs: 120_000 })
 */
export function createPolarioSso(options: {
  readonly clock: Clock
  readonly random: RandomBytes
  readonly codeTtlMs: number
}): PolarioSso {
  const { clock, random } = options
  const requests = new Map<string, PendingRequest>()
  const codes = new Map<string, { accountId: string; expiresAt: number }>()
  const pending = (relayState: string) => {
    const found = requests.get(relayState)
    return found && clock.now() < found.expiresAt ? found : undefined
  }
  return {
    begin(request) {
      const relayState = randomToken({ bytes: 16, random })
      requests.set(relayState, { ...request, expiresAt: clock.now() + relayLifetimeMs })
      return relayState
    },
    pending,
    finish(relayState, accountId) {
      const found = pending(relayState)
      requests.delete(relayState)
      if (found === undefined) return undefined
      const code = randomToken({ bytes: 24, random })
      codes.set(code, { accountId, expiresAt: clock.now() + options.codeTtlMs })
      return { code, returnUrl: found.returnUrl }
    },
    redeem(code) {
      const grant = codes.get(code)
      codes.delete(code)
      return grant && clock.now() < grant.expiresAt ? grant.accountId : undefined
    },
  }
}
