import type { Clock } from "./clock"
import { cryptoRandomBytes, type RandomBytes } from "./randomBytes"

/** The claims every emulator JWT carries; `iat` and `exp` are in seconds, as in RFC 7519. */
export interface JwtClaims {
  readonly sub: string
  readonly iat: number
  readonly exp: number
  readonly jti: string
  readonly [claim: string]: unknown
}

/** A signed token together with what it says. */
export interface IssuedJwt {
  readonly token: string
  readonly claims: JwtClaims
  /** `exp` in milliseconds, for vendors that report expiry as a date. */
  readonly expiresAtMs: number
}

/** Issues and checks HS256 JWTs that expire on the injected clock. */
export interface JwtIssuer {
  issue(
    subject: string,
    ttlMs: number,
    claims?: Readonly<Record<string, unknown>>,
  ): Promise<IssuedJwt>
  /** Returns the claims when the signature is this issuer's and the token has not expired, else `undefined`. */
  verify(token: string): Promise<JwtClaims | undefined>
}

/**
 * Returns a random URL-safe token of `bytes` random bytes, optionally prefixed (`syt_…`).
 *
 * @example
 * randomToken({ prefix: "syt_" })
 */
export function randomToken(
  options: {
    readonly bytes?: number
    readonly prefix?: string
    readonly random?: RandomBytes
  } = {},
): string {
  const random = options.random ?? cryptoRandomBytes
  return `${options.prefix ?? ""}${base64UrlEncode(random(options.bytes ?? 32))}`
}

/**
 * Creates a JWT issuer keyed by a secret (random unless given) on the injected clock.
 *
 * @example
 * const jwt = createJwtIssuer({ clock })
 * const { token, expiresAtMs } = await jwt.issue(String(user.id), options.accessTokenTtlMs)
 */
export function createJwtIssuer(options: {
  readonly clock: Clock
  readonly secret?: string
  readonly random?: RandomBytes
}): JwtIssuer {
  const random = options.random ?? cryptoRandomBytes
  const secret = options.secret ?? base64UrlEncode(random(32))
  let key: Promise<CryptoKey> | undefined
  const sign = (data: string) => {
    key ??= crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    )
    return key.then(async (hmacKey) =>
      base64UrlEncode(
        new Uint8Array(await crypto.subtle.sign("HMAC", hmacKey, new TextEncoder().encode(data))),
      ),
    )
  }
  const header = encodeJson({ alg: "HS256", typ: "JWT" })

  return {
    async issue(subject, ttlMs, claims = {}) {
      const nowMs = options.clock.now()
      const full: JwtClaims = {
        ...claims,
        sub: subject,
        iat: Math.floor(nowMs / 1000),
        exp: Math.floor((nowMs + ttlMs) / 1000),
        jti: base64UrlEncode(random(12)),
      }
      const unsigned = `${header}.${encodeJson(full)}`
      return {
        token: `${unsigned}.${await sign(unsigned)}`,
        claims: full,
        expiresAtMs: full.exp * 1000,
      }
    },
    async verify(token) {
      const claims = decodeJwt(token)
      const lastDot = token.lastIndexOf(".")
      if (claims === undefined) return undefined
      if ((await sign(token.slice(0, lastDot))) !== token.slice(lastDot + 1)) return undefined
      return claims.exp * 1000 > options.clock.now() ? claims : undefined
    },
  }
}

/**
 * Reads the claims of a JWT without checking its signature or expiry; `undefined` when it is not one.
 *
 * @example
 * decodeJwt(accessToken)?.exp
 */
export function decodeJwt(token: string): JwtClaims | undefined {
  const parts = token.split(".")
  const payload = parts[1]
  if (parts.length !== 3 || payload === undefined) return undefined
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(base64UrlDecode(payload)))
    return isJwtClaims(value) ? value : undefined
  } catch {
    return undefined
  }
}

function isJwtClaims(value: unknown): value is JwtClaims {
  if (typeof value !== "object" || value === null) return false
  const claims: Record<string, unknown> = { ...value }
  return (
    typeof claims.sub === "string" &&
    typeof claims.iat === "number" &&
    typeof claims.exp === "number" &&
    typeof claims.jti === "string"
  )
}

function encodeJson(value: unknown): string {
  return base64UrlEncode(new TextEncoder().encode(JSON.stringify(value)))
}

function base64UrlEncode(bytes: Uint8Array): string {
  let binary = ""
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")
}

function base64UrlDecode(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"))
  return Uint8Array.from(binary, (char) => char.charCodeAt(0))
}
