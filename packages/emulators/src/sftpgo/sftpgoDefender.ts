import type { Clock } from "../clock"

/** When SFTPGo's defender bans an address: `threshold` failed logins within `observationMs` ban it for `banMs`. */
export interface SftpgoDefenderConfig {
  readonly threshold: number
  readonly observationMs: number
  readonly banMs: number
}

/** Bans addresses that fail to log in too often. */
export interface SftpgoDefender {
  /** Counts a failed login from `address`; the one that reaches the threshold bans it. */
  fail(address: string): void
  isBanned(address: string): boolean
  /** Lifts the ban of one address, or of every address, and forgets their failures. */
  unban(address?: string): void
}

/** The emulator's default: 15 failed logins in 10 minutes ban an address for 30 minutes. */
export const sftpgoDefenderDefaults: SftpgoDefenderConfig = Object.freeze({
  threshold: 15,
  observationMs: 10 * 60 * 1000,
  banMs: 30 * 60 * 1000,
})

/**
 * Creates the defender on the injected clock; `false` gives one that never bans.
 *
 * @example
 * const defender = createSftpgoDefender(sftpgoDefenderDefaults, clock)
 * if (defender.isBanned(address)) return blocked()
 */
export function createSftpgoDefender(
  config: SftpgoDefenderConfig | false,
  clock: Clock,
): SftpgoDefender {
  if (config === false) return { fail() {}, isBanned: () => false, unban() {} }
  if (!Number.isInteger(config.threshold) || config.threshold < 1) {
    throw new RangeError(
      `A defender threshold must be a positive integer, got ${config.threshold}.`,
    )
  }
  const failures = new Map<string, number[]>()
  const bannedUntil = new Map<string, number>()
  return {
    fail(address) {
      const now = clock.now()
      const recent = (failures.get(address) ?? []).filter(
        (time) => time > now - config.observationMs,
      )
      recent.push(now)
      if (recent.length < config.threshold) {
        failures.set(address, recent)
        return
      }
      failures.delete(address)
      bannedUntil.set(address, now + config.banMs)
    },
    isBanned(address) {
      const until = bannedUntil.get(address)
      if (until === undefined) return false
      if (clock.now() < until) return true
      bannedUntil.delete(address)
      return false
    },
    unban(address) {
      if (address === undefined) {
        failures.clear()
        bannedUntil.clear()
        return
      }
      failures.delete(address)
      bannedUntil.delete(address)
    },
  }
}
