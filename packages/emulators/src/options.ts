import { type Clock, systemClock } from "./clock"
import { type DemoPerson, demoPeople } from "./people"
import { cryptoRandomBytes, type RandomBytes } from "./randomBytes"
import type { RateLimitConfig } from "./rateLimiter"

/** Options every emulator accepts; each vendor's options extend these. */
export interface EmulatorOptions {
  /** Where the emulator reads the time; the system clock by default, a manual clock in tests. */
  readonly clock?: Clock
  readonly accessTokenTtlMs?: number
  /** Ignored by vendors without refresh tokens. */
  readonly refreshTokenTtlMs?: number
  /** Sign-in attempts allowed per key and window; `false` turns rate limiting off. */
  readonly rateLimit?: RateLimitConfig | false
  /** The accounts that exist; the demo people by default. */
  readonly people?: readonly DemoPerson[]
  /** Where tokens and ids get their randomness; Web Crypto by default, a seeded source in tests. */
  readonly random?: RandomBytes
  /** How many requests the request log keeps. */
  readonly requestLogCapacity?: number
}

/** Emulator options with every default filled in. */
export interface ResolvedEmulatorOptions {
  readonly clock: Clock
  readonly accessTokenTtlMs: number
  readonly refreshTokenTtlMs: number
  readonly rateLimit: RateLimitConfig | false
  readonly people: readonly DemoPerson[]
  readonly random: RandomBytes
  readonly requestLogCapacity: number
}

/** The defaults a vendor may override with its own server's defaults. */
export type EmulatorDefaults = Pick<
  ResolvedEmulatorOptions,
  "accessTokenTtlMs" | "refreshTokenTtlMs" | "rateLimit" | "requestLogCapacity"
>

/** Defaults used when neither the caller nor the vendor sets a value. */
export const emulatorDefaults: EmulatorDefaults = Object.freeze({
  accessTokenTtlMs: 60 * 60 * 1000,
  refreshTokenTtlMs: 14 * 24 * 60 * 60 * 1000,
  rateLimit: Object.freeze({ limit: 10, windowMs: 60 * 1000 }),
  requestLogCapacity: 200,
})

/**
 * Fills in the defaults (the caller's value, else the vendor's, else the shared one) and checks the lifetimes.
 *
 * @example
 * const resolved = resolveEmulatorOptions(options, { accessTokenTtlMs: 20 * 60 * 1000, rateLimit: false })
 */
export function resolveEmulatorOptions(
  options: EmulatorOptions = {},
  vendorDefaults: Partial<EmulatorDefaults> = {},
): ResolvedEmulatorOptions {
  const defaults = { ...emulatorDefaults, ...vendorDefaults }
  return {
    clock: options.clock ?? systemClock,
    accessTokenTtlMs: positive(
      "accessTokenTtlMs",
      options.accessTokenTtlMs ?? defaults.accessTokenTtlMs,
    ),
    refreshTokenTtlMs: positive(
      "refreshTokenTtlMs",
      options.refreshTokenTtlMs ?? defaults.refreshTokenTtlMs,
    ),
    rateLimit: options.rateLimit ?? defaults.rateLimit,
    people: options.people ?? demoPeople,
    random: options.random ?? cryptoRandomBytes,
    requestLogCapacity: options.requestLogCapacity ?? defaults.requestLogCapacity,
  }
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive number of milliseconds, got ${value}.`)
  }
  return value
}
