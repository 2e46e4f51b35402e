import type { Clock } from "../clock"
import type { RandomBytes } from "../randomBytes"
import { createJwtIssuer, type IssuedJwt, randomToken } from "../tokens"
import type { PolarioAccount } from "./polarioAccounts"

/** The device fields a sign-in sends. */
export interface PolarioDeviceInfo {
  readonly os: string
  readonly osVersion: string
  readonly browser?: string | undefined
  readonly deviceName?: string | undefined
}

/** A device signed in to an account: one session, one refresh token. */
export interface PolarioDeviceSession extends PolarioDeviceInfo {
  readonly deviceId: string
  readonly accountId: string
}

interface DeviceRecord extends PolarioDeviceSession {
  readonly refreshToken: string
  readonly refreshExpiresAt: number
}

/** Sessions by device: JWTs that name their device, refresh tokens that die with sign-out. */
export interface PolarioSessions {
  signIn(
    account: PolarioAccount,
    device: PolarioDeviceInfo,
  ): Promise<{ deviceId: string; refreshToken: string; jwt: IssuedJwt }>
  /** A new JWT for a live refresh token; `undefined` for a dead one (expired, or its device signed out). */
  refresh(refreshToken: string): Promise<{ deviceId: string; jwt: IssuedJwt } | undefined>
  /** The device of a valid, unexpired JWT whose device is still signed in. */
  authenticate(jwt: string): Promise<PolarioDeviceSession | undefined>
  signOut(deviceId: string): void
  devices(accountId: string): readonly PolarioDeviceSession[]
}

/**
 * Creates the session store of the Polario emulator.
 *
 * @example
 * const sessions = createPolarioSessions({ clock, random, accountOf, accessTtlMs, refreshTtlMs })
 */
export function createPolarioSessions(options: {
  readonly clock: Clock
  readonly random: RandomBytes
  readonly accountOf: (accountId: string) => PolarioAccount | undefined
  readonly accessTtlMs: number
  readonly refreshTtlMs: number
}): PolarioSessions {
  const { clock, random, accountOf } = options
  const jwtIssuer = createJwtIssuer({ clock, random })
  const devices = new Map<string, DeviceRecord>()

  const issue = (record: DeviceRecord) => {
    const account = accountOf(record.accountId)
    return jwtIssuer.issue(record.accountId, options.accessTtlMs, {
      email: account?.email,
      name: account?.displayName,
      deviceId: record.deviceId,
    })
  }

  return {
    async signIn(account, device) {
      const record: DeviceRecord = {
        ...device,
        deviceId: randomToken({ bytes: 12, random }),
        accountId: account.id,
        refreshToken: randomToken({ random }),
        refreshExpiresAt: clock.now() + options.refreshTtlMs,
      }
      devices.set(record.deviceId, record)
      return {
        deviceId: record.deviceId,
        refreshToken: record.refreshToken,
        jwt: await issue(record),
      }
    },
    async refresh(refreshToken) {
      const record = [...devices.values()].find((device) => device.refreshToken === refreshToken)
      if (record === undefined || clock.now() >= record.refreshExpiresAt) return undefined
      return { deviceId: record.deviceId, jwt: await issue(record) }
    },
    async authenticate(jwt) {
      const claims = await jwtIssuer.verify(jwt)
      const record = typeof claims?.deviceId === "string" ? devices.get(claims.deviceId) : undefined
      if (record === undefined) return undefined
      const { refreshToken: _token, refreshExpiresAt: _expiry, ...session } = record
      return session
    },
    signOut(deviceId) {
      devices.delete(deviceId)
    },
    devices: (accountId) =>
      [...devices.values()]
        .filter((device) => device.accountId === accountId)
        .map(({ refreshToken: _token, refreshExpiresAt: _expiry, ...session }) => session),
  }
}
