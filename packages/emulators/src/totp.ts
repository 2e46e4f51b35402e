import { Secret, TOTP } from "otpauth"
import type { Clock } from "./clock"

/** The parameters of a TOTP code; the defaults are what every authenticator app uses. */
export interface TotpParameters {
  /** HMAC hash, `SHA1` by default. */
  readonly algorithm?: "SHA1" | "SHA256" | "SHA512"
  /** Code length, 6 by default. */
  readonly digits?: number
  /** Time step in seconds, 30 by default. */
  readonly periodSeconds?: number
}

/** What a TOTP verifier decided about a submitted code. */
export type TotpVerdict = "accepted" | "invalid" | "reused"

/** Verifies codes against the injected clock and refuses a code already accepted for the same account. */
export interface TotpVerifier {
  verify(account: string, secret: string, code: string): TotpVerdict
}

/**
 * Computes the RFC 6238 code of a base32 secret at a time in milliseconds.
 *
 * @example
 * generateTotp(bob.totpSecret, clock.now())
 */
export function generateTotp(
  secret: string,
  timeMs: number,
  parameters: TotpParameters = {},
): string {
  return totpOf(secret, parameters).generate({ timestamp: timeMs })
}

/**
 * Returns the step offset (-window … window) at which `code` is valid for `secret` at `timeMs`, or `undefined`.
 *
 * @example
 * matchTotp(secret, "123456", clock.now()) !== undefined
 */
export function matchTotp(
  secret: string,
  code: string,
  timeMs: number,
  parameters: TotpParameters & { readonly window?: number } = {},
): number | undefined {
  if (!/^\d+$/.test(code)) return undefined
  const delta = totpOf(secret, parameters).validate({
    token: code,
    timestamp: timeMs,
    window: parameters.window ?? 1,
  })
  return delta ?? undefined
}

/**
 * Creates a verifier that accepts codes one step either side of now and never the same step twice per account (RFC 6238 §5.2).
 *
 * @example
 * const totp = createTotpVerifier({ clock })
 * if (totp.verify(person.username, secret, body.otp) !== "accepted") return wrongCode()
 */
export function createTotpVerifier(
  options: TotpParameters & { readonly clock: Clock; readonly window?: number },
): TotpVerifier {
  const periodMs = (options.periodSeconds ?? 30) * 1000
  // Remembering the last accepted step (not the code) also refuses an older code once a newer one was used.
  const lastAcceptedStep = new Map<string, number>()
  return {
    verify(account, secret, code) {
      const now = options.clock.now()
      const delta = matchTotp(secret, code, now, options)
      if (delta === undefined) return "invalid"
      const step = Math.floor(now / periodMs) + delta
      const previous = lastAcceptedStep.get(account)
      if (previous !== undefined && step <= previous) return "reused"
      lastAcceptedStep.set(account, step)
      return "accepted"
    },
  }
}

function totpOf(secret: string, parameters: TotpParameters): TOTP {
  return new TOTP({
    secret: Secret.fromBase32(secret),
    algorithm: parameters.algorithm ?? "SHA1",
    digits: parameters.digits ?? 6,
    period: parameters.periodSeconds ?? 30,
  })
}
