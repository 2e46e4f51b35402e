import { saslprepPassword } from "./saslprepPassword"

/** The hash a SCRAM mechanism is built on, by its WebCrypto name (`SCRAM-SHA-256` is `"SHA-256"`). */
export type ScramHash = "SHA-1" | "SHA-256" | "SHA-512"

/** The keys RFC 5802 derives from a password; a server stores only `storedKey` and `serverKey`. */
export interface ScramKeys {
  readonly saltedPassword: Uint8Array<ArrayBuffer>
  readonly clientKey: Uint8Array<ArrayBuffer>
  readonly storedKey: Uint8Array<ArrayBuffer>
  readonly serverKey: Uint8Array<ArrayBuffer>
}

/** What to derive SCRAM keys from. */
export interface DeriveScramKeysOptions {
  /** The password as typed; SASLprep (RFC 4013) is applied here. */
  readonly password: string
  readonly salt: Uint8Array
  readonly iterations: number
  readonly hash: ScramHash
  /** WebCrypto's `SubtleCrypto`; `globalThis.crypto.subtle` by default. */
  readonly subtle?: SubtleCrypto | undefined
  /** Names the vendor in the errors thrown. */
  readonly vendor?: string | undefined
}

/**
 * Derives the SCRAM keys of a password (RFC 5802 §3) with WebCrypto: PBKDF2 for `SaltedPassword`, HMAC for
 * `ClientKey` and `ServerKey`, the hash itself for `StoredKey`. Rejects with `invalid_input` for a password
 * SASLprep prohibits.
 * @example
 * const { storedKey, serverKey } = await deriveScramKeys({ password, salt, iterations: 4096, hash: "SHA-256" })
 */
export async function deriveScramKeys(options: DeriveScramKeysOptions): Promise<ScramKeys> {
  const password = await saslprepPassword(options.password, options.vendor)
  return deriveFromPrepared({ ...options, password })
}

/** `deriveScramKeys` for a password SASLprep has already prepared. */
export async function deriveFromPrepared(options: DeriveScramKeysOptions): Promise<ScramKeys> {
  const { hash, iterations } = options
  const subtle = options.subtle ?? globalThis.crypto.subtle
  const passwordKey = await subtle.importKey(
    "raw",
    new TextEncoder().encode(options.password),
    "PBKDF2",
    false,
    ["deriveBits"],
  )
  const saltedPassword = new Uint8Array(
    await subtle.deriveBits(
      { name: "PBKDF2", salt: new Uint8Array(options.salt), iterations, hash },
      passwordKey,
      hashLength[hash] * 8,
    ),
  )
  const clientKey = await hmac(subtle, hash, saltedPassword, "Client Key")
  const serverKey = await hmac(subtle, hash, saltedPassword, "Server Key")
  const storedKey = new Uint8Array(await subtle.digest(hash, clientKey))
  return { saltedPassword, clientKey, storedKey, serverKey }
}

/** The length in bytes of each hash's output: of every key, proof and signature. */
export const hashLength: Readonly<Record<ScramHash, number>> = {
  "SHA-1": 20,
  "SHA-256": 32,
  "SHA-512": 64,
}

/** HMAC(key, text) with WebCrypto. */
export async function hmac(
  subtle: SubtleCrypto,
  hash: ScramHash,
  key: Uint8Array<ArrayBuffer>,
  text: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const hmacKey = await subtle.importKey("raw", key, { name: "HMAC", hash }, false, ["sign"])
  return new Uint8Array(await subtle.sign("HMAC", hmacKey, new TextEncoder().encode(text)))
}
