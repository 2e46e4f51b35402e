import type { Clock } from "../clock"
import type { RandomBytes } from "../randomBytes"
import { randomToken } from "../tokens"

/** A device of a user: what `/login` creates and `/logout` deletes. */
export interface MatrixDevice {
  readonly userId: string
  readonly deviceId: string
  readonly displayName: string | undefined
}

/** The tokens `/login` or `/refresh` hands out. */
export interface IssuedTokens {
  readonly accessToken: string
  readonly refreshToken: string | undefined
  /** `undefined` when the access token does not expire. */
  readonly expiresInMs: number | undefined
}

/** What an access or refresh token turned out to be. */
export type TokenLookup =
  | { readonly type: "valid"; readonly userId: string; readonly deviceId: string }
  /** Expired or soft-logged-out: the device stays; the client re-authenticates. */
  | { readonly type: "softLoggedOut" }
  /** Never issued, logged out, or replaced. */
  | { readonly type: "unknown" }

interface AccessGrant {
  readonly userId: string
  readonly deviceId: string
  readonly expiresAt: number | null
  /** The refresh token issued together with this access token. */
  readonly refreshToken: string | undefined
  isSoftLoggedOut: boolean
}

interface RefreshGrant {
  readonly userId: string
  readonly deviceId: string
  readonly expiresAt: number | null
  /** The access token issued together with this refresh token. */
  readonly accessToken: string
  /** The refresh token this one replaced; revoked when this pair is first used. */
  parent: string | undefined
  /** The refresh token issued when this one was used, while that one is still unused. */
  successor: string | undefined
  isSoftLoggedOut: boolean
}

/** Token lifetimes; `null` for tokens that do not expire. */
export interface MatrixTokenLifetimes {
  readonly accessTokenTtlMs: number | null
  readonly refreshTokenTtlMs: number | null
}

/** Devices, access tokens and refresh tokens of the emulated homeserver. */
export interface MatrixSessionStore {
  /** Creates the device (or takes over an existing one, dropping its tokens) and issues its tokens. */
  login(
    device: MatrixDevice,
    options: { withRefreshToken: boolean; accessTokenTtlMs: number | null },
  ): IssuedTokens
  /** Reads an access token; its first use revokes the refresh token it replaced. */
  authenticate(accessToken: string): TokenLookup
  /** Reads a refresh token without using it: whose it is, before the server decides to answer. */
  peekRefresh(refreshToken: string): TokenLookup
  /** Rotates a refresh token: the old one stays valid until the new access or refresh token is used. */
  refresh(
    refreshToken: string,
  ): { readonly type: "issued"; readonly tokens: IssuedTokens } | TokenLookup
  /** Deletes one device and its tokens. */
  deleteDevice(userId: string, deviceId: string): void
  /** Deletes every device and token of a user. */
  deleteAllDevices(userId: string): void
  /** Makes every token of a user answer `soft_logout: true`, keeping the devices. */
  softLogout(userId: string): void
  devices(userId: string): readonly MatrixDevice[]
}

/**
 * Creates the in-memory store of devices and tokens, with refresh-token rotation as the Matrix spec words it.
 *
 * @example
 * const store = createMatrixSessionStore({ clock, random, lifetimes: { accessTokenTtlMs: 300_000, refreshTokenTtlMs: null } })
 */
export function createMatrixSessionStore(options: {
  readonly clock: Clock
  readonly random: RandomBytes
  readonly lifetimes: MatrixTokenLifetimes
}): MatrixSessionStore {
  const { clock, random, lifetimes } = options
  const devices = new Map<string, MatrixDevice>()
  const accessGrants = new Map<string, AccessGrant>()
  const refreshGrants = new Map<string, RefreshGrant>()
  const deviceKey = (userId: string, deviceId: string) => `${userId}|${deviceId}`
  const expiry = (ttlMs: number | null) => (ttlMs === null ? null : clock.now() + ttlMs)
  const isExpired = (expiresAt: number | null) => expiresAt !== null && clock.now() >= expiresAt

  const revokeRefresh = (refreshToken: string | undefined) => {
    const grant = refreshToken === undefined ? undefined : refreshGrants.get(refreshToken)
    if (refreshToken === undefined || grant === undefined) return
    refreshGrants.delete(refreshToken)
    accessGrants.delete(grant.accessToken)
  }

  const dropTokens = (matches: (grant: { userId: string; deviceId: string }) => boolean) => {
    for (const [token, grant] of accessGrants) if (matches(grant)) accessGrants.delete(token)
    for (const [token, grant] of refreshGrants) if (matches(grant)) refreshGrants.delete(token)
  }

  const issue = (
    userId: string,
    deviceId: string,
    accessTokenTtlMs: number | null,
    withRefreshToken: boolean,
    parent: string | undefined,
  ): IssuedTokens => {
    const accessToken = randomToken({ prefix: "syt_", random })
    const refreshToken = withRefreshToken ? randomToken({ prefix: "syr_", random }) : undefined
    accessGrants.set(accessToken, {
      userId,
      deviceId,
      expiresAt: expiry(accessTokenTtlMs),
      refreshToken,
      isSoftLoggedOut: false,
    })
    if (refreshToken !== undefined) {
      refreshGrants.set(refreshToken, {
        userId,
        deviceId,
        expiresAt: expiry(lifetimes.refreshTokenTtlMs),
        accessToken,
        parent,
        successor: undefined,
        isSoftLoggedOut: false,
      })
    }
    return {
      accessToken,
      refreshToken,
      expiresInMs: accessTokenTtlMs === null ? undefined : accessTokenTtlMs,
    }
  }

  const lookUpRefresh = (grant: RefreshGrant | undefined): TokenLookup => {
    if (grant === undefined) return { type: "unknown" }
    if (grant.isSoftLoggedOut || isExpired(grant.expiresAt)) return { type: "softLoggedOut" }
    return { type: "valid", userId: grant.userId, deviceId: grant.deviceId }
  }

  // The first use of a new access or refresh token retires the refresh token it replaced.
  const retireParent = (refreshToken: string | undefined) => {
    const grant = refreshToken === undefined ? undefined : refreshGrants.get(refreshToken)
    if (grant?.parent === undefined) return
    revokeRefresh(grant.parent)
    grant.parent = undefined
  }

  return {
    login(device, { withRefreshToken, accessTokenTtlMs }) {
      const key = deviceKey(device.userId, device.deviceId)
      const existing = devices.get(key)
      if (existing) {
        dropTokens((grant) => grant.userId === device.userId && grant.deviceId === device.deviceId)
      } else {
        devices.set(key, device)
      }
      return issue(device.userId, device.deviceId, accessTokenTtlMs, withRefreshToken, undefined)
    },
    authenticate(accessToken) {
      const grant = accessGrants.get(accessToken)
      if (grant === undefined) return { type: "unknown" }
      if (grant.isSoftLoggedOut || isExpired(grant.expiresAt)) return { type: "softLoggedOut" }
      retireParent(grant.refreshToken)
      return { type: "valid", userId: grant.userId, deviceId: grant.deviceId }
    },
    peekRefresh: (refreshToken) => lookUpRefresh(refreshGrants.get(refreshToken)),
    refresh(refreshToken) {
      const grant = refreshGrants.get(refreshToken)
      const lookup = lookUpRefresh(grant)
      if (grant === undefined || lookup.type !== "valid") return lookup
      retireParent(refreshToken)
      // Used again before its successor was: only the newest successor stays alive.
      revokeRefresh(grant.successor)
      const tokens = issue(
        grant.userId,
        grant.deviceId,
        lifetimes.accessTokenTtlMs,
        true,
        refreshToken,
      )
      grant.successor = tokens.refreshToken
      return { type: "issued", tokens }
    },
    deleteDevice(userId, deviceId) {
      devices.delete(deviceKey(userId, deviceId))
      dropTokens((grant) => grant.userId === userId && grant.deviceId === deviceId)
    },
    deleteAllDevices(userId) {
      for (const [key, device] of devices) if (device.userId === userId) devices.delete(key)
      dropTokens((grant) => grant.userId === userId)
    },
    softLogout(userId) {
      for (const grant of accessGrants.values())
        if (grant.userId === userId) grant.isSoftLoggedOut = true
      for (const grant of refreshGrants.values())
        if (grant.userId === userId) grant.isSoftLoggedOut = true
    },
    devices: (userId) => [...devices.values()].filter((device) => device.userId === userId),
  }
}
